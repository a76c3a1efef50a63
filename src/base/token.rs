//! What the user pastes into the sign-in form: a NetBird personal access token (`nbp_…`, checked
//! offline with its CRC32/base62 checksum exactly as the server does) or an OIDC bearer token.
//! Pure: no browser, no I/O.

use crate::base::i18n::t;

/// Netbird's own base62 alphabet: digits, then upper case, then lower case.
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PAT_PREFIX: &str = "nbp_";
const PAT_LEN: usize = 40;
const SECRET_LEN: usize = 30;

/// A credential that passed the offline checks, ready for the `Authorization` header.
/// Its `Debug` output never contains the secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// A personal access token, sent as `Token nbp_…`.
    Pat(String),
    /// An OIDC access token (JWT), sent as `Bearer …`.
    Bearer(String),
}

/// Why a pasted token was refused before any request was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Empty,
    /// Starts with `nbp_` but is not 40 characters long.
    PatLength,
    /// Contains characters outside `[A-Za-z0-9]` after the prefix.
    PatCharacters,
    /// The checksum does not match: a typo or a truncated copy.
    PatChecksum,
    /// Contains white space or control characters in the middle.
    Whitespace,
}

impl TokenProblem {
    /// What to tell the user, in the chosen language.
    pub fn message(self) -> String {
        match self {
            TokenProblem::Empty => {
                t("Enter a personal access token (nbp_…) or an access token (JWT).")
            }
            TokenProblem::PatLength => t(
                "A NetBird personal access token is exactly 40 characters (nbp_ and 36 more). Check that it was copied whole.",
            ),
            TokenProblem::PatCharacters => {
                t("A NetBird personal access token has only letters and digits after nbp_.")
            }
            TokenProblem::PatChecksum => t(
                "This personal access token fails its checksum: it was mistyped or copied incompletely.",
            ),
            TokenProblem::Whitespace => t("The token contains spaces or line breaks."),
        }
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credential({}, <redacted>)", self.kind_label())
    }
}

impl Credential {
    /// Parses what the user pasted. Accepts a bare token, or one with its scheme
    /// (`Token nbp_…`, `Bearer eyJ…`), with surrounding white space.
    pub fn parse(input: &str) -> Result<Credential, TokenProblem> {
        let mut value = input.trim();
        if let Some((scheme, rest)) = value.split_once(char::is_whitespace) {
            if scheme.eq_ignore_ascii_case("token") || scheme.eq_ignore_ascii_case("bearer") {
                value = rest.trim();
            }
        }
        if value.is_empty()
            || value.eq_ignore_ascii_case("token")
            || value.eq_ignore_ascii_case("bearer")
        {
            return Err(TokenProblem::Empty);
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(TokenProblem::Whitespace);
        }
        // The server re-routes a bearer value starting with nbp_ to the PAT check, so do we.
        if value.starts_with(PAT_PREFIX) {
            check_pat(value)?;
            return Ok(Credential::Pat(value.to_string()));
        }
        Ok(Credential::Bearer(value.to_string()))
    }

    /// The `Authorization` header value. Never log or display it.
    pub fn header_value(&self) -> String {
        match self {
            Credential::Pat(t) => format!("Token {t}"),
            Credential::Bearer(t) => format!("Bearer {t}"),
        }
    }

    pub fn secret(&self) -> &str {
        match self {
            Credential::Pat(t) | Credential::Bearer(t) => t,
        }
    }

    pub fn kind_label(&self) -> &'static str {
        match self {
            Credential::Pat(_) => "personal access token",
            Credential::Bearer(_) => "access token",
        }
    }
}

/// The offline PAT check: stricter than the server, accepts every genuine token.
pub fn check_pat(token: &str) -> Result<(), TokenProblem> {
    if token.len() != PAT_LEN || !token.is_char_boundary(PAT_LEN.min(token.len())) {
        return Err(if token.is_ascii() {
            TokenProblem::PatLength
        } else {
            TokenProblem::PatCharacters
        });
    }
    let bytes = token.as_bytes();
    if !bytes[PAT_PREFIX.len()..]
        .iter()
        .all(u8::is_ascii_alphanumeric)
    {
        return Err(TokenProblem::PatCharacters);
    }
    let secret = &bytes[PAT_PREFIX.len()..PAT_PREFIX.len() + SECRET_LEN];
    let checksum = &bytes[PAT_PREFIX.len() + SECRET_LEN..];
    if checksum == pat_checksum(secret).as_bytes() {
        Ok(())
    } else {
        Err(TokenProblem::PatChecksum)
    }
}

/// `base62(crc32(secret))`, left-padded with `'0'` to six characters.
pub fn pat_checksum(secret: &[u8]) -> String {
    let mut n = crc32(secret);
    let mut digits = Vec::with_capacity(6);
    loop {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
        if n == 0 {
            break;
        }
    }
    while digits.len() < 6 {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// CRC-32 (IEEE 802.3, as zlib), bitwise: tokens are 30 bytes, a table is not worth its bytes.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcd"), 2_812_452_438);
    }

    #[test]
    fn api_notes_test_vectors() {
        assert_eq!(
            check_pat("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"),
            Ok(())
        );
        assert_eq!(
            check_pat("nbp_0000000000000000000000000000DA0VSDRC"),
            Ok(())
        );
        assert_eq!(
            check_pat("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"),
            Err(TokenProblem::PatChecksum)
        );
    }

    #[test]
    fn checksum_is_zero_padded() {
        assert_eq!(pat_checksum(b"0000000000000000000000000000DA"), "0VSDRC");
    }

    #[test]
    fn pat_shape_problems() {
        assert_eq!(check_pat("nbp_short"), Err(TokenProblem::PatLength));
        assert_eq!(
            check_pat("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6x"),
            Err(TokenProblem::PatLength)
        );
        assert_eq!(
            check_pat("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZab-d34KlM6"),
            Err(TokenProblem::PatCharacters)
        );
        // 40 bytes but not 40 ASCII characters must not panic on a char boundary.
        assert_eq!(
            check_pat("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34Klé"),
            Err(TokenProblem::PatCharacters)
        );
    }

    #[test]
    fn parse_accepts_schemes_and_whitespace() {
        let pat = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
        assert_eq!(Credential::parse(pat), Ok(Credential::Pat(pat.into())));
        assert_eq!(
            Credential::parse(&format!("  Token {pat}\n")),
            Ok(Credential::Pat(pat.into()))
        );
        assert_eq!(
            Credential::parse(&format!("bearer {pat}")),
            Ok(Credential::Pat(pat.into()))
        );
        assert_eq!(
            Credential::parse("Bearer eyJhbGciOi.eyJzdWIi.c2ln"),
            Ok(Credential::Bearer("eyJhbGciOi.eyJzdWIi.c2ln".into()))
        );
        assert_eq!(Credential::parse("   "), Err(TokenProblem::Empty));
        assert_eq!(Credential::parse("Bearer "), Err(TokenProblem::Empty));
        assert_eq!(Credential::parse("abc def"), Err(TokenProblem::Whitespace));
        assert_eq!(
            Credential::parse("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"),
            Err(TokenProblem::PatChecksum)
        );
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let pat = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
        let shown = format!("{:?}", Credential::parse(pat));
        assert!(!shown.contains("ABCDEF"), "{shown}");
    }

    #[test]
    fn header_values() {
        let pat = "nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6";
        assert_eq!(
            Credential::Pat(pat.into()).header_value(),
            format!("Token {pat}")
        );
        assert_eq!(
            Credential::Bearer("x.y.z".into()).header_value(),
            "Bearer x.y.z"
        );
    }
}
