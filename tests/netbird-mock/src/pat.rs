//! Personal access tokens: `nbp_` + 30 base62 secret characters + 6 character checksum, as
//! `management/server/types/personal_access_token.go` in netbirdio/netbird makes them.

use crate::util::{base62, base64_std, crc32, Rng, BASE62};
use sha2::{Digest, Sha256};

pub const PREFIX: &str = "nbp_";
pub const SECRET_LEN: usize = 30;
pub const TOKEN_LEN: usize = 40;

/// The checksum of a secret: base62(crc32(secret)) left-padded with '0' to 6 characters.
pub fn checksum(secret: &str) -> String {
    format!("{:0>6}", base62(crc32(secret.as_bytes())))
}

/// The offline check: length, prefix, charset and checksum.
pub fn is_well_formed(token: &str) -> bool {
    if token.len() != TOKEN_LEN || !token.starts_with(PREFIX) {
        return false;
    }
    let rest = &token[PREFIX.len()..];
    if !rest.bytes().all(|b| BASE62.contains(&b)) {
        return false;
    }
    let (secret, cs) = rest.split_at(SECRET_LEN);
    checksum(secret) == cs
}

/// Generates a new well-formed token.
pub fn generate(rng: &mut Rng) -> String {
    let secret = rng.alnum(SECRET_LEN);
    let cs = checksum(&secret);
    format!("{PREFIX}{secret}{cs}")
}

/// What the server stores and looks tokens up by: base64std(sha256(token)).
pub fn hash(token: &str) -> String {
    base64_std(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_notes_vectors() {
        assert!(is_well_formed("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"));
        assert_eq!(checksum("ABCDEFGHIJKLMNOPQRSTUVWXYZabcd"), "34KlM6");
        assert_eq!(crc32(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcd"), 2_812_452_438);
        assert!(is_well_formed("nbp_0000000000000000000000000000DA0VSDRC"));
        assert_eq!(checksum("0000000000000000000000000000DA"), "0VSDRC");
        assert_eq!(crc32(b"0000000000000000000000000000DA"), 464_791_258);
        assert!(!is_well_formed("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM7"));
    }

    #[test]
    fn rejects_malformed() {
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM"));
        assert!(!is_well_formed("nbx_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6"));
        assert!(!is_well_formed("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabc-34KlM6"));
        assert!(!is_well_formed("nbp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcd34KlM6x"));
    }

    #[test]
    fn generated_tokens_are_valid() {
        let mut rng = Rng::new(1);
        for _ in 0..200 {
            let t = generate(&mut rng);
            assert_eq!(t.len(), 40);
            assert!(is_well_formed(&t), "{t}");
        }
    }

    #[test]
    fn hash_is_base64_sha256() {
        // sha256("abc") = ba7816bf...
        assert_eq!(hash("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }
}
