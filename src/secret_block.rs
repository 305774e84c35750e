//! How the challenge's `SECRET_BLOCK` is read before the claim signs it.

use crate::Error;

/// How [`SessionKey::claim_with`](crate::steps::SessionKey::claim_with) reads `SECRET_BLOCK`, the
/// server's opaque blob whose bytes the claim signs (it is sent back unchanged, as text).
///
/// ```
/// use std::collections::HashMap;
/// use srp_cognito::steps::{Challenge};
/// use srp_cognito::SecretBlockDecoding;
///
/// // moto, the local AWS emulator, sends its session id as SECRET_BLOCK.
/// let params = HashMap::from([("SECRET_BLOCK".to_owned(), "81505697-18c7-4b0e".to_owned())]);
/// let challenge = Challenge::new("PASSWORD_VERIFIER", params)
///     .with_secret_block_decoding(SecretBlockDecoding::Lenient);
/// assert_eq!(challenge.secret_block_decoding(), SecretBlockDecoding::Lenient);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretBlockDecoding {
    /// Standard base64 with padding, as Cognito sends it; anything else is refused with
    /// [`Error::BadBase64`]. The default, and what the test vectors require.
    #[default]
    Strict,
    /// For local emulators, never needed against Cognito: moto sends its session id (a
    /// UUID such as `81505697-18c7-4b0e-9a44-5a2a6e1f3c0d`) as `SECRET_BLOCK`, which is not
    /// base64. Reads standard or URL-safe base64 (`-` for `+`, `_` for `/`, mixed), with
    /// or without padding, dropping leftover bits: the bytes amazon-cognito-identity-js
    /// signs (`Buffer.from(SECRET_BLOCK, 'base64')`) for every text it accepts. Refuses
    /// any other character, `=` anywhere but as the padding, and a length that leaves a
    /// lone 6-bit digit.
    Lenient,
}

/// `base64dec(text)` the [`SecretBlockDecoding::Lenient`] way. Not constant-time: the
/// secret block is public.
pub(crate) fn decode_lenient(field: &'static str, text: &str) -> Result<Vec<u8>, Error> {
    let body = text
        .strip_suffix("==")
        .or_else(|| text.strip_suffix('='))
        .unwrap_or(text);
    let padded = body.len() != text.len();
    if body.len() % 4 == 1 || (padded && !text.len().is_multiple_of(4)) {
        return Err(Error::BadBase64 { field });
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.bytes() {
        let digit = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return Err(Error::BadBase64 { field }),
        };
        acc = (acc << 6) | u32::from(digit);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits).to_le_bytes()[0]);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64, Encoding};

    fn lenient(text: &str) -> Option<Vec<u8>> {
        decode_lenient("SECRET_BLOCK", text).ok()
    }

    #[test]
    fn agrees_with_strict_base64_on_canonical_input() {
        for len in 0..64usize {
            let bytes: Vec<u8> = (0..len)
                .map(|i| ((i * 37 + len) % 256).to_le_bytes()[0])
                .collect();
            let text = Base64::encode_string(&bytes);
            assert_eq!(lenient(&text), Some(bytes.clone()), "{text}");
            // Unpadded and URL-safe spellings of the same bytes.
            let url = text
                .trim_end_matches('=')
                .replace('+', "-")
                .replace('/', "_");
            assert_eq!(lenient(&url), Some(bytes), "{url}");
        }
    }

    #[test]
    fn reads_a_moto_session_id() {
        // 36 characters: 9 groups of 4, '-' is the digit 62.
        let bytes = lenient("81505697-18c7-4b0e-9a44-5a2a6e1f3c0d").unwrap();
        assert_eq!(bytes.len(), 27);
        assert_eq!(&bytes[..3], &[0xf3, 0x5e, 0x74]);
        assert_eq!(bytes[6], 0xfb, "'-' then '1': 111110 11…");
    }

    #[test]
    fn drops_leftover_bits_as_node_does() {
        // Node: Buffer.from("QR", "base64") is [0x41] although 'R' leaves bits set.
        assert_eq!(lenient("QR"), Some(vec![0x41]));
        assert_eq!(lenient("QUI"), Some(vec![0x41, 0x42]));
    }

    #[test]
    fn refuses_what_is_not_base64() {
        for text in [
            "not*base64!",
            "abcde",
            "a",
            "ab=",
            "abc==",
            "a===",
            "ab=c",
            "ab c",
            "ab\n",
            "é",
        ] {
            assert_eq!(lenient(text), None, "{text:?}");
        }
    }
}
