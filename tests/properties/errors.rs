//! API errors: every status and body classified, and the rate-limit back-off.

use crate::common::{config, json, text};
use netbird_console::base::error::{rate_limit_backoff_ms, server_message, ApiError};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;

proptest! {
    #![proptest_config(config(1024))]

    // ---- errors

    #[test]
    fn errors_classify_any_status_and_body(status in prop_oneof![any::<u16>(), select(vec![400u16, 401, 403, 404, 409, 412, 422, 429, 500, 502, 503])],
        body in prop_oneof![
            text(),
            json().prop_map(|m| json!({"message": m, "code": 500}).to_string()),
            (text(), any::<u16>()).prop_map(|(m, c)| json!({"message": m, "code": c}).to_string()),
            "(invalid|INVALID) token[ -~]{0,20}".prop_map(|m| json!({"message": m}).to_string()),
            json().prop_map(|v| v.to_string()),
        ]) {
        let msg = server_message(&body);
        prop_assert!(msg.chars().count() <= 301);
        let e = ApiError::from_status(status, &body);
        let expected_unauthorized = status == 401
            || (status == 404 && msg.to_ascii_lowercase().starts_with("invalid token"));
        prop_assert_eq!(e.ends_session(), expected_unauthorized);
        match (status, &e) {
            (429, ApiError::RateLimited) | (400, ApiError::BadRequest(_)) | (403, ApiError::Forbidden(_))
            | (409, ApiError::Conflict(_)) | (412, ApiError::PreconditionFailed(_))
            | (422, ApiError::Validation(_)) | (401 | 404, ApiError::Unauthorized(_))
            | (404, ApiError::NotFound(_)) => {}
            (s, ApiError::Server { status, .. }) if s == *status
                && ![400, 401, 403, 404, 409, 412, 422, 429].contains(&s) => {}
            other => prop_assert!(false, "misclassified {other:?}"),
        }
        if let Some(t) = e.server_text() {
            prop_assert!(!t.is_empty() && t.chars().count() <= 301);
        }
        prop_assert!(!e.title().is_empty());
        prop_assert!(!e.user_message().is_empty());
        prop_assert_eq!(e.is_transient(), matches!(e, ApiError::RateLimited) || status >= 500);
        // A body that is not what was expected: the reader's detail is cut to 120 characters,
        // inside the one sentence, and is never taken for the server's own words.
        let decode = ApiError::Decode(body.clone());
        prop_assert_eq!(decode.server_text(), None);
        let m = decode.user_message();
        const FRAME: &str = "The server's answer could not be read (). Is the API URL a NetBird management server?";
        prop_assert!(m.starts_with("The server's answer could not be read ("), "{:?}", m);
        prop_assert!(m.ends_with("). Is the API URL a NetBird management server?"), "{:?}", m);
        prop_assert!(m.chars().count() <= FRAME.chars().count() + 121, "{:?}", m);
    }

    #[test]
    fn backoff_ends(attempt in prop_oneof![any::<u32>(), 0u32..5, Just(u32::MAX)]) {
        match rate_limit_backoff_ms(attempt) {
            Some(ms) => {
                prop_assert!(attempt < 3 && ms >= 1_000);
                if let Some(prev) = attempt.checked_sub(1).and_then(rate_limit_backoff_ms) {
                    prop_assert!(ms > prev);
                }
            }
            None => prop_assert!(attempt >= 3),
        }
    }
}
