//! Why a sign-in failed, in words that say what to do. The server's answers to
//! `/api/users/current` (API-NOTES §0): 401 `token invalid` for a token it cannot accept
//! (expired, mistyped, or a JWT it cannot verify), 404 `invalid token: pat: … not found` for a
//! well-formed PAT it does not know (deleted, or another server's), 403 `… user is blocked` and
//! `user is pending approval`. A request that gets no answer is either a server that does not
//! answer or one whose CORS settings keep this page from reading it; the browser tells them
//! apart only by a second, unreadable (`no-cors`) request, which the sign-in page sends.

use super::error::ApiError;
use super::i18n::{t, tf};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInProblem {
    /// Nothing answers at the URL.
    Unreachable,
    /// It answers, but its CORS settings do not let this origin read the answers.
    CorsRefused,
    /// It answers, but not as a NetBird management API (a web page, another service).
    NotNetBird,
    /// 401: the token cannot be accepted.
    TokenRejected,
    /// 404 `invalid token`: the server does not know this token.
    TokenUnknown,
    Blocked,
    PendingApproval,
    /// Anything else: the error's own message.
    Other(ApiError),
}

/// What went wrong, from the answer to `/api/users/current` (`Network` is `Unreachable` until
/// the `no-cors` probe says otherwise).
pub fn sign_in_problem(e: &ApiError) -> SignInProblem {
    let lower = |m: &str| m.to_ascii_lowercase();
    match e {
        ApiError::Network => SignInProblem::Unreachable,
        ApiError::Unauthorized(m) if lower(m).starts_with("invalid token") => {
            SignInProblem::TokenUnknown
        }
        ApiError::Unauthorized(_) => SignInProblem::TokenRejected,
        ApiError::Forbidden(m) if lower(m).contains("pending approval") => {
            SignInProblem::PendingApproval
        }
        ApiError::Forbidden(m) if lower(m).contains("blocked") => SignInProblem::Blocked,
        // A 200 that is not the user's JSON, or no such path: not the management API.
        ApiError::Decode(_) | ApiError::NotFound(_) => SignInProblem::NotNetBird,
        other => SignInProblem::Other(other.clone()),
    }
}

impl SignInProblem {
    /// A short title and what to do, naming the URL tried and this page's origin.
    pub fn explain(&self, url: &str, origin: &str) -> (String, String) {
        match self {
            SignInProblem::Unreachable => (
                t("Cannot reach the NetBird API"),
                tf("Nothing answers at {url}. Check the address and port, and that the management server is running and reachable from this browser.", &[("url", url)]),
            ),
            SignInProblem::CorsRefused => (
                t("The server does not allow this console (CORS)"),
                tf("{url} answers, but its CORS settings do not let pages from {origin} read the answers. Allow that origin on the management server or the proxy in front of it.", &[("url", url), ("origin", origin)]),
            ),
            SignInProblem::NotNetBird => (
                t("Not a NetBird management API"),
                tf("{url} answers, but not as a NetBird management API. Use the address the NetBird clients use as their management URL (NetBird Cloud: https://api.netbird.io).", &[("url", url)]),
            ),
            SignInProblem::TokenRejected => (
                t("The token was not accepted"),
                t("The server does not accept this token: it has expired, was revoked, or was not copied whole. Create a new token in NetBird and sign in with it."),
            ),
            SignInProblem::TokenUnknown => (
                t("The token was not accepted"),
                t("This server does not know this token: it was deleted, or it belongs to another NetBird server. Check the API URL, or create a new token."),
            ),
            SignInProblem::Blocked => (
                t("This user is blocked"),
                t("The user of this token is blocked in NetBird. An administrator can unblock it on the Users page."),
            ),
            SignInProblem::PendingApproval => (
                t("Waiting for approval"),
                t("The user of this token waits for an administrator's approval in NetBird. Sign in again once it is approved."),
            ),
            SignInProblem::Other(e) => (e.title(), e.user_message()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_of_the_server_is_told_apart() {
        let p = |e: ApiError| sign_in_problem(&e);
        assert_eq!(p(ApiError::Network), SignInProblem::Unreachable);
        assert_eq!(
            p(ApiError::Unauthorized("token invalid".into())),
            SignInProblem::TokenRejected
        );
        assert_eq!(
            p(ApiError::Unauthorized(
                "no valid authentication provided".into()
            )),
            SignInProblem::TokenRejected
        );
        assert_eq!(
            p(ApiError::Unauthorized(
                "invalid token: pat: abc= not found".into()
            )),
            SignInProblem::TokenUnknown
        );
        assert_eq!(
            p(ApiError::Forbidden(
                "failed to validate user permissions: user is blocked".into()
            )),
            SignInProblem::Blocked
        );
        assert_eq!(
            p(ApiError::Forbidden("user is pending approval".into())),
            SignInProblem::PendingApproval
        );
        assert_eq!(
            p(ApiError::Forbidden("permission denied".into())),
            SignInProblem::Other(ApiError::Forbidden("permission denied".into()))
        );
        assert_eq!(
            p(ApiError::Decode("expected {".into())),
            SignInProblem::NotNetBird
        );
        assert_eq!(
            p(ApiError::NotFound("404 page not found".into())),
            SignInProblem::NotNetBird
        );
        assert_eq!(
            p(ApiError::RateLimited),
            SignInProblem::Other(ApiError::RateLimited)
        );
    }

    #[test]
    fn the_explanations_name_the_url_and_origin_and_never_the_token() {
        let (title, text) =
            SignInProblem::CorsRefused.explain("https://nb.example", "https://console.example");
        assert!(title.contains("CORS"));
        assert!(text.contains("https://nb.example") && text.contains("https://console.example"));
        let (_, text) = SignInProblem::Unreachable.explain("https://nb.example:33073", "x");
        assert!(text.contains("https://nb.example:33073"));
        let (_, text) = SignInProblem::NotNetBird.explain("https://nb.example/dashboard", "x");
        assert!(text.contains("https://nb.example/dashboard"));
    }
}
