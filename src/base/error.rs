//! Every outcome of an API call that is not a success, classified once, with a message a person
//! understands. Pure: the browser layer only feeds it a status and a body. Titles and
//! messages are in the chosen language (`base::i18n`); the server's own words never are.

use crate::base::i18n::{t, tf};

/// The longest server message we show; anything longer is cut (a hostile or broken server
/// must not flood the page).
const MAX_MESSAGE_CHARS: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, TLS, refused, or blocked by CORS
    /// (an unknown path on a NetBird server answers without CORS headers).
    Network,
    /// 401, or 404 `invalid token…`: the session is over; sign in again.
    Unauthorized(String),
    /// 403: the role may not do this, or the user is blocked.
    Forbidden(String),
    /// 404 for a resource.
    NotFound(String),
    /// 409: a duplicate.
    Conflict(String),
    /// 412: the server cannot do this in its configuration or state (no IdP to invite with,
    /// no geolocation database, a posture check a policy still uses).
    PreconditionFailed(String),
    /// 422: the server's validation refused the input.
    Validation(String),
    /// 400: malformed request, or a group-delete refusal.
    BadRequest(String),
    /// 429 after our retries ran out.
    RateLimited,
    /// 5xx or an unexpected status.
    Server { status: u16, message: String },
    /// A success status whose body was not the JSON we expected.
    Decode(String),
    /// Not sent: the console left the object unwritten, for the reason given (in the chosen
    /// language), as writing it back would change more than was asked.
    NotSent(String),
}

#[derive(Default, crate::base::json::FromJson)]
struct ErrorBody {
    message: Option<String>,
}

/// Extracts the server's message from a NetBird error body (`{"message","code"}`), or a
/// short, safe excerpt of a non-JSON body.
pub fn server_message(body: &str) -> String {
    let raw = match crate::base::json::decode_str::<ErrorBody>(body) {
        Ok(ErrorBody { message: Some(m) }) => m,
        _ => body.trim().to_string(),
    };
    truncate_chars(raw.trim(), MAX_MESSAGE_CHARS)
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

impl From<crate::base::json::Error> for ApiError {
    fn from(e: crate::base::json::Error) -> ApiError {
        ApiError::Decode(e.to_string())
    }
}

impl ApiError {
    /// Classifies a non-success HTTP status and its body.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let message = server_message(body);
        match status {
            401 => ApiError::Unauthorized(message),
            // A well-formed but unknown or deleted PAT comes back as 404 `invalid token: …`.
            404 if message.to_ascii_lowercase().starts_with("invalid token") => {
                ApiError::Unauthorized(message)
            }
            400 => ApiError::BadRequest(message),
            403 => ApiError::Forbidden(message),
            404 => ApiError::NotFound(message),
            409 => ApiError::Conflict(message),
            412 => ApiError::PreconditionFailed(message),
            422 => ApiError::Validation(message),
            429 => ApiError::RateLimited,
            _ => ApiError::Server { status, message },
        }
    }

    /// True when the session must end and the user sign in again.
    pub fn ends_session(&self) -> bool {
        matches!(self, ApiError::Unauthorized(_))
    }

    /// The server's own words, where there are any.
    pub fn server_text(&self) -> Option<&str> {
        match self {
            ApiError::Unauthorized(m)
            | ApiError::Forbidden(m)
            | ApiError::NotFound(m)
            | ApiError::Conflict(m)
            | ApiError::PreconditionFailed(m)
            | ApiError::Validation(m)
            | ApiError::BadRequest(m)
            | ApiError::Server { message: m, .. } => (!m.is_empty()).then_some(m.as_str()),
            ApiError::Network
            | ApiError::RateLimited
            | ApiError::Decode(_)
            | ApiError::NotSent(_) => None,
        }
    }

    /// A short title for the failure, in the chosen language.
    pub fn title(&self) -> String {
        match self {
            ApiError::Network => t("Cannot reach the NetBird API"),
            ApiError::Unauthorized(_) => t("Your session has ended"),
            ApiError::Forbidden(_) => t("Permission denied"),
            ApiError::NotFound(_) => t("Not found"),
            ApiError::Conflict(_) => t("Already exists"),
            ApiError::PreconditionFailed(_) => t("The server cannot do this"),
            ApiError::Validation(_) => t("The server refused the input"),
            ApiError::BadRequest(_) => t("The server refused the request"),
            ApiError::RateLimited => t("Too many requests"),
            ApiError::Server { .. } => t("The server failed"),
            ApiError::Decode(_) => t("Unexpected answer from the server"),
            ApiError::NotSent(_) => t("Not changed"),
        }
    }

    /// A sentence a person understands, with what to do next, in the chosen language. The
    /// server's own words are quoted as they are (never translated). Each message is one whole
    /// key, with and without the server's words, so no translation is glued from pieces.
    pub fn user_message(&self) -> String {
        let server = self.server_text();
        match self {
            ApiError::Network => t("The request got no answer. Check the API URL and your connection; \
                 a server that does not allow this origin (CORS) looks the same."),
            ApiError::Unauthorized(_) => {
                t("The token is invalid, expired or revoked. Sign in again.")
            }
            ApiError::Forbidden(_) => match server {
                Some(m) => tf(
                    "Your role does not allow this. The server said: “{message}”.",
                    &[("message", m)],
                ),
                None => t("Your role does not allow this."),
            },
            ApiError::NotFound(_) => match server {
                Some(m) => tf(
                    "It may have been deleted by someone else. Reload to see the current state. The server said: “{message}”.",
                    &[("message", m)],
                ),
                None => t("It may have been deleted by someone else. Reload to see the current state."),
            },
            ApiError::Conflict(_) => match server {
                Some(m) => tf(
                    "Something with the same identity already exists. The server said: “{message}”.",
                    &[("message", m)],
                ),
                None => t("Something with the same identity already exists."),
            },
            ApiError::PreconditionFailed(_) => match server {
                Some(m) => tf(
                    "Its configuration or the current state does not allow it. The server said: “{message}”.",
                    &[("message", m)],
                ),
                None => t("Its configuration or the current state does not allow it."),
            },
            ApiError::Validation(_) | ApiError::BadRequest(_) => match server {
                Some(m) => tf(
                    "Nothing was saved. The server said: “{message}”.",
                    &[("message", m)],
                ),
                None => t("Nothing was saved."),
            },
            ApiError::RateLimited => {
                t("The server is rate-limiting this token. Wait a minute and try again.")
            }
            ApiError::Server { status, .. } => {
                let status = status.to_string();
                match server {
                    // The server's words last: `tf` fills arguments in order, so text the
                    // server sent can never fill a placeholder of its own.
                    Some(m) => tf(
                        "The server answered with an error ({status}). Try again shortly. The server said: “{message}”.",
                        &[("status", &status), ("message", m)],
                    ),
                    None => tf(
                        "The server answered with an error ({status}). Try again shortly.",
                        &[("status", &status)],
                    ),
                }
            }
            ApiError::Decode(detail) => tf(
                "The server's answer could not be read ({detail}). Is the API URL a NetBird management server?",
                &[("detail", &truncate_chars(detail, 120))],
            ),
            ApiError::NotSent(why) => why.clone(),
        }
    }

    /// Whether repeating the same request may succeed (used for safe GET retries).
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::RateLimited | ApiError::Network)
            || matches!(self, ApiError::Server { status, .. } if *status >= 500)
    }
}

/// Delay before retry number `attempt` (0-based) of a GET, PUT or DELETE answered 429, or
/// `None` to give up.
/// NetBird sends no `Retry-After`; its bucket refills one request per 10 s by default.
pub fn rate_limit_backoff_ms(attempt: u32) -> Option<u32> {
    [1_000, 3_000, 10_000].get(attempt as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(msg: &str, code: u16) -> String {
        format!(r#"{{"message":"{msg}","code":{code}}}"#)
    }

    #[test]
    fn classifies_every_status_netbird_uses() {
        let cases: &[(u16, &str, ApiError)] = &[
            (
                400,
                "couldn't parse JSON request",
                ApiError::BadRequest("couldn't parse JSON request".into()),
            ),
            (
                401,
                "token invalid",
                ApiError::Unauthorized("token invalid".into()),
            ),
            (
                401,
                "no valid authentication provided",
                ApiError::Unauthorized("no valid authentication provided".into()),
            ),
            (
                403,
                "permission denied",
                ApiError::Forbidden("permission denied".into()),
            ),
            (
                404,
                "route: abc not found",
                ApiError::NotFound("route: abc not found".into()),
            ),
            (
                409,
                "group with name devs already exists",
                ApiError::Conflict("group with name devs already exists".into()),
            ),
            (
                412,
                "embedded idp is not enabled",
                ApiError::PreconditionFailed("embedded idp is not enabled".into()),
            ),
            (
                422,
                "metric should be between 1 and 9999",
                ApiError::Validation("metric should be between 1 and 9999".into()),
            ),
            (429, "too many requests", ApiError::RateLimited),
            (
                500,
                "internal server error",
                ApiError::Server {
                    status: 500,
                    message: "internal server error".into(),
                },
            ),
            (
                503,
                "unavailable",
                ApiError::Server {
                    status: 503,
                    message: "unavailable".into(),
                },
            ),
        ];
        for (status, msg, want) in cases {
            assert_eq!(
                &ApiError::from_status(*status, &body(msg, *status)),
                want,
                "status {status}"
            );
        }
    }

    #[test]
    fn unknown_pat_404_ends_the_session() {
        let e = ApiError::from_status(404, &body("invalid token: pat: q1w2e3= not found", 404));
        assert!(e.ends_session());
        assert!(ApiError::from_status(401, "").ends_session());
        assert!(!ApiError::from_status(404, &body("peer: x not found", 404)).ends_session());
        assert!(!ApiError::from_status(403, &body("permission denied", 403)).ends_session());
    }

    #[test]
    fn non_json_and_hostile_bodies() {
        // gorilla/mux's text 404 and an HTML error page.
        assert_eq!(
            ApiError::from_status(404, "404 page not found\n"),
            ApiError::NotFound("404 page not found".into())
        );
        let long = "x".repeat(10_000);
        let msg = server_message(&long);
        assert_eq!(msg.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(msg.ends_with('…'));
        assert_eq!(
            server_message(r#"{"message":null,"code":500}"#),
            r#"{"message":null,"code":500}"#
        );
        assert_eq!(server_message(r#"{"code":5}"#), r#"{"code":5}"#);
        // Multibyte characters at the cut never panic.
        let _ = server_message(&"é".repeat(1000));
    }

    #[test]
    fn messages_are_human_and_carry_the_server_words() {
        let e = ApiError::from_status(422, &body("invalid network 10.0.0.1", 422));
        assert!(e.user_message().contains("invalid network 10.0.0.1"));
        assert!(e.user_message().contains("Nothing was saved"));
        assert!(ApiError::Network.user_message().contains("CORS"));
        assert!(ApiError::RateLimited
            .user_message()
            .contains("rate-limiting"));
        assert!(ApiError::Decode("expected value at line 1".into())
            .user_message()
            .contains("could not be read"));
    }

    #[test]
    fn what_the_console_did_not_send_is_not_put_in_the_servers_mouth() {
        let why = "Policy “a” has more than one rule.";
        let e = ApiError::NotSent(why.into());
        assert_eq!(e.server_text(), None);
        assert_eq!(e.title(), "Not changed");
        assert_eq!(e.user_message(), why);
        assert!(!e.user_message().contains("server said"));
        assert!(!e.is_transient() && !e.ends_session());
    }

    #[test]
    fn transient_errors() {
        assert!(ApiError::RateLimited.is_transient());
        assert!(ApiError::Server {
            status: 502,
            message: String::new()
        }
        .is_transient());
        assert!(!ApiError::Validation(String::new()).is_transient());
    }

    #[test]
    fn backoff_schedule_ends() {
        assert_eq!(rate_limit_backoff_ms(0), Some(1_000));
        assert!(rate_limit_backoff_ms(1).unwrap() > rate_limit_backoff_ms(0).unwrap());
        assert_eq!(rate_limit_backoff_ms(3), None);
    }
}
