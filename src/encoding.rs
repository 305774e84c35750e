//! Hex, padHex and base64: the byte encodings of the protocol.
//!
//! Numbers travel as big-endian byte strings. The hex codec is branch-free per
//! character (no lookup table indexed by a secret digit), so it may decode and
//! encode secrets; it reveals only the length and whether the text was valid.

use base64ct::{Base64, Encoding};
use zeroize::Zeroizing;

use crate::Error;

/// 0xff when `lo <= c <= hi`, 0x00 otherwise, without a branch on `c`.
fn in_range_mask(c: u8, lo: u8, hi: u8) -> u8 {
    let c = u16::from(c);
    let below = (c.wrapping_sub(u16::from(lo)) >> 8) & 1; // c < lo
    let above = (u16::from(hi).wrapping_sub(c) >> 8) & 1; // c > hi
    let inside = 1 ^ (below | above);
    0u8.wrapping_sub(u8::from(inside == 1))
}

/// The value of one hex digit and whether `c` is one; no branch or table lookup on `c`.
fn hex_digit_ct(c: u8) -> (u8, bool) {
    let digit = in_range_mask(c, b'0', b'9');
    let lower = in_range_mask(c, b'a', b'f');
    let upper = in_range_mask(c, b'A', b'F');
    let value = (digit & c.wrapping_sub(b'0'))
        | (lower & c.wrapping_sub(b'a' - 10))
        | (upper & c.wrapping_sub(b'A' - 10));
    (value, (digit | lower | upper) == 0xff)
}

/// The lowercase hex character of a nibble, without a branch on its value.
fn hex_char_ct(nibble: u8) -> u8 {
    // 0..=9 -> '0'..='9'; 10..=15 -> 'a'..='f', which sit 39 further on.
    let n = nibble & 0x0f;
    let letter = in_range_mask(n, 10, 15);
    // Wrapping: an overflow check would be a branch on the (secret) nibble.
    n.wrapping_add(b'0').wrapping_add(letter & 39)
}

/// Decodes hex text into big-endian bytes; an odd count of digits reads as if a `0` led.
///
/// Refuses an empty text (`EmptyInput`), a text longer than `max_digits` (`TooLarge`, checked
/// before any parsing) and any character that is not a hex digit (`BadHex`). Case-insensitive.
pub(crate) fn decode_hex(
    field: &'static str,
    text: &str,
    max_digits: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let digits = text.as_bytes();
    if digits.is_empty() {
        return Err(Error::EmptyInput { field });
    }
    if digits.len() > max_digits {
        return Err(Error::TooLarge {
            field,
            max: max_digits,
        });
    }
    let mut out = Zeroizing::new(vec![0u8; digits.len().div_ceil(2)]);
    let mut valid = true;
    let last = out.len() - 1;
    // Walk from the end so that an odd first digit lands in the low nibble of byte 0.
    for (i, &c) in digits.iter().rev().enumerate() {
        let (value, ok) = hex_digit_ct(c);
        valid &= ok;
        let shift = if i % 2 == 0 { 0 } else { 4 };
        out[last - i / 2] |= value << shift;
    }
    hex_verdict(field, out, valid)
}

/// The verdict of [`decode_hex`]: the decoded bytes, or `BadHex`. It reveals whether the
/// text was valid hex, and nothing else: kept out of line so that the constant-time check
/// (ct/ctgrind.supp) excuses this one branch by name, and still reports any branch on a
/// digit inside `decode_hex` itself.
#[inline(never)]
fn hex_verdict(
    field: &'static str,
    decoded: Zeroizing<Vec<u8>>,
    valid: bool,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if valid {
        Ok(decoded)
    } else {
        Err(Error::BadHex { field })
    }
}

/// Lowercase hex of a number without leading zeros (`0` for zero), as Cognito's `SRP_A`.
///
/// NOTE: variable-time in the count of leading zero bytes and digits (which the text's
/// length reveals anyway); the digits themselves are encoded branch-free.
pub(crate) fn number_to_hex_vartime(be: &[u8]) -> Zeroizing<String> {
    let mut text = bytes_to_hex(strip_leading_zeros_vartime(be));
    if text.starts_with('0') {
        text.remove(0);
    }
    if text.is_empty() {
        text.push('0');
    }
    text
}

/// Lowercase hex of bytes, two digits each (leading zeros kept).
pub(crate) fn bytes_to_hex(bytes: &[u8]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::with_capacity(bytes.len() * 2));
    for &b in bytes {
        text.push(char::from(hex_char_ct(b >> 4)));
        text.push(char::from(hex_char_ct(b)));
    }
    text
}

/// The bytes of `be` after its leading zero bytes: the number it encodes, minimally.
///
/// NOTE: the count of leading zero bytes is revealed by the slice length (and the time
/// taken to find it); the protocol's padHex makes that length part of the hashed message.
pub(crate) fn strip_leading_zeros_vartime(be: &[u8]) -> &[u8] {
    let first = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    &be[first..]
}

/// `padHex(n)` as bytes: the minimal big-endian bytes of `n` (one `00` for zero), with a
/// `00` in front when the top bit is set, so the value reads as non-negative (Java's
/// `BigInteger.toByteArray`).
///
/// NOTE: variable-time in the count of leading zero bytes of `n` and in its top bit: the
/// output's length, which the protocol hashes (so SHA-256's block count shows it too).
/// The bytes themselves are copied, never branched on.
pub(crate) fn pad_vartime(be: &[u8]) -> Zeroizing<Vec<u8>> {
    let n = strip_leading_zeros_vartime(be);
    let mut out = Zeroizing::new(Vec::with_capacity(n.len() + 1));
    match n.first() {
        None => out.push(0),
        Some(&top) => {
            if top & 0x80 != 0 {
                out.push(0);
            }
            out.extend_from_slice(n);
        }
    }
    out
}

/// Standard base64 with padding (constant-time encoder).
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes standard, canonical, padded base64; refuses anything else as `BadBase64`.
pub(crate) fn decode_base64(
    field: &'static str,
    text: &str,
    max_len: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if text.is_empty() {
        return Err(Error::EmptyInput { field });
    }
    if text.len() > max_len {
        return Err(Error::TooLarge {
            field,
            max: max_len,
        });
    }
    Base64::decode_vec(text)
        .map(Zeroizing::new)
        .map_err(|_| Error::BadBase64 { field })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits_all_256_bytes() {
        for c in 0..=255u8 {
            let expected = char::from(c).to_digit(16).map(|d| u8::try_from(d).unwrap());
            let (v, ok) = hex_digit_ct(c);
            assert_eq!(ok.then_some(v), expected, "byte {c:#04x}");
        }
        for n in 0..16u8 {
            assert_eq!(hex_char_ct(n), b"0123456789abcdef"[usize::from(n)]);
        }
    }

    #[test]
    fn decode_hex_odd_and_case() {
        assert_eq!(
            &*decode_hex("f", "123AbCd", 100).unwrap(),
            &[0x01, 0x23, 0xab, 0xcd]
        );
        assert_eq!(&*decode_hex("f", "0", 100).unwrap(), &[0]);
        assert_eq!(
            decode_hex("f", "", 10),
            Err(Error::EmptyInput { field: "f" })
        );
        assert_eq!(
            decode_hex("f", "12g4", 10),
            Err(Error::BadHex { field: "f" })
        );
        assert_eq!(
            decode_hex("f", "0x12", 10),
            Err(Error::BadHex { field: "f" })
        );
        assert_eq!(
            decode_hex("f", "12345", 4),
            Err(Error::TooLarge { field: "f", max: 4 })
        );
    }

    #[test]
    fn pad_hex_rules() {
        let cases: [(&[u8], &[u8]); 5] = [
            (&[], &[0]),
            (&[0, 0], &[0]),
            (&[0x12, 0x3a], &[0x12, 0x3a]),
            (&[0x00, 0x81], &[0x00, 0x81]),
            (&[0xff], &[0x00, 0xff]),
        ];
        for (input, padded) in cases {
            assert_eq!(&*pad_vartime(input), padded, "{input:02x?}");
        }
    }

    #[test]
    fn number_hex_has_no_leading_zero() {
        assert_eq!(&*number_to_hex_vartime(&[0x00, 0x0a, 0xbc]), "abc");
        assert_eq!(&*number_to_hex_vartime(&[]), "0");
        assert_eq!(&*number_to_hex_vartime(&[0x10]), "10");
        assert_eq!(&*bytes_to_hex(&[0x01, 0xfe]), "01fe");
    }

    #[test]
    fn base64_is_strict() {
        assert_eq!(&*decode_base64("b", "aGk=", 10).unwrap(), b"hi");
        for bad in ["aGk", "aGl=", "a*k=", "abcde"] {
            assert_eq!(
                decode_base64("b", bad, 10),
                Err(Error::BadBase64 { field: "b" }),
                "{bad}"
            );
        }
    }
}
