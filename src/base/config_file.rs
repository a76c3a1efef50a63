//! Runtime configuration: `config.json` next to `index.html`, read once at start, so one build
//! serves every deployment. Every key is optional; anything unreadable means "no configuration".

#[derive(Clone, Debug, Default, PartialEq, crate::base::json::FromJson)]
pub struct RuntimeConfig {
    /// The management API the sign-in form defaults to (else the console's own origin).
    pub api_url: Option<String>,
    /// The name shown in the sidebar, on the sign-in card and in the browser tab.
    pub title: Option<String>,
    /// Sign out after this many minutes without a key press or click (0 or absent: never).
    pub idle_timeout_minutes: Option<u32>,
}

impl RuntimeConfig {
    /// Reads `config.json`'s text; a file that is not valid configuration counts as none.
    pub fn parse(text: &str) -> RuntimeConfig {
        crate::base::json::decode_str(text).unwrap_or_default()
    }

    pub fn api_url(&self) -> Option<&str> {
        self.api_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }

    pub fn title(&self) -> Option<&str> {
        self.title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    pub fn idle_timeout_minutes(&self) -> u32 {
        self.idle_timeout_minutes.unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional_and_blank_means_absent() {
        let c = RuntimeConfig::parse(
            r#"{"api_url":" https://api.netbird.io ","title":"Acme VPN","idle_timeout_minutes":15,"x":1}"#,
        );
        assert_eq!(c.api_url(), Some("https://api.netbird.io"));
        assert_eq!(c.title(), Some("Acme VPN"));
        assert_eq!(c.idle_timeout_minutes(), 15);
        let blank = RuntimeConfig::parse(r#"{"api_url":"  ","title":""}"#);
        assert_eq!((blank.api_url(), blank.title()), (None, None));
        assert_eq!(blank.idle_timeout_minutes(), 0);
    }

    #[test]
    fn unreadable_configuration_is_none() {
        for text in [
            "",
            "<html>",
            "[]",
            r#"{"idle_timeout_minutes":-5}"#,
            r#"{"title":7}"#,
        ] {
            assert_eq!(
                RuntimeConfig::parse(text),
                RuntimeConfig::default(),
                "{text}"
            );
        }
    }
}
