//! Arguments as they cross a language boundary (bytes that must be UTF-8, JSON text in the
//! AWS SDKs' shapes), and results as JSON text written once into a buffer that is wiped.

use zeroize::{Zeroize, Zeroizing};

use crate::{Refusal, Status};

/// The most bytes one argument may have (1 MiB): Cognito's responses are a few KiB, and
/// nothing longer is read, parsed or copied.
pub const MAX_ARGUMENT_BYTES: usize = 1 << 20;

/// The most JSON text read at once: [`MAX_ARGUMENT_BYTES`].
pub const MAX_JSON_BYTES: usize = MAX_ARGUMENT_BYTES;

/// Text (a result's JSON, or a name), wiped on drop.
pub type Json = Zeroizing<String>;

/// `bytes` as the text of argument `name`.
///
/// # Errors
/// `too_large` over [`MAX_ARGUMENT_BYTES`]; `bad_utf8` when it is not UTF-8.
pub fn text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Refusal> {
    if bytes.len() > MAX_ARGUMENT_BYTES {
        return Err(Refusal::new(
            Status::TooLarge,
            format!("{name}: over 1 MiB"),
        ));
    }
    std::str::from_utf8(bytes)
        .map_err(|_| Refusal::new(Status::BadUtf8, format!("{name}: not UTF-8")))
}

/// [`text`] of an optional argument.
///
/// # Errors
/// As [`text`].
pub fn optional<'a>(name: &str, bytes: Option<&'a [u8]>) -> Result<Option<&'a str>, Refusal> {
    bytes.map(|bytes| text(name, bytes)).transpose()
}

/// The JSON text `bytes` of argument `name`, read as `T`.
///
/// # Errors
/// As [`text`]; `bad_json` when it is not `T`'s shape.
pub fn read<T: serde::de::DeserializeOwned>(name: &str, bytes: &[u8]) -> Result<T, Refusal> {
    serde_json::from_str(text(name, bytes)?)
        .map_err(|_| Refusal::new(Status::BadJson, format!("{name}: not the expected JSON")))
}

/// Counts the bytes written: the exact size of a JSON text before it is written.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `value` as JSON text, written once into a buffer of its exact size (measured by a
/// first pass), so no partial copy is left behind by a growing buffer; wiped on drop.
/// Its capacity is its length: a door can hand the bytes over without a copy.
///
/// # Errors
/// `internal` if `value` does not serialize (never for this crate's types).
pub fn to_json(value: &impl serde::Serialize) -> Result<Json, Refusal> {
    let unserializable = |_| Refusal::new(Status::Internal, "unserializable");
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(unserializable)?;
    let mut text = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *text, value).map_err(unserializable)?;
    match String::from_utf8(std::mem::take(&mut *text)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            e.into_bytes().zeroize();
            Err(Refusal::new(Status::Internal, "not UTF-8"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_utf8_and_bounded() {
        assert_eq!(text("a", b"x"), Ok("x"));
        assert_eq!(text("a", b"\xff").unwrap_err().status, Status::BadUtf8);
        let long = vec![b'a'; MAX_ARGUMENT_BYTES + 1];
        assert_eq!(text("a", &long).unwrap_err().status, Status::TooLarge);
        assert_eq!(optional("a", None), Ok(None));
        let refused = read::<Vec<String>>("list", b"{}").unwrap_err();
        assert_eq!(refused.status, Status::BadJson);
        assert_eq!(refused.message, "list: not the expected JSON");
    }

    #[test]
    fn json_is_written_at_its_exact_size() {
        let json = to_json(&serde_json::json!({"k": "v", "n": [1, 2]})).unwrap();
        assert_eq!(json.as_str(), r#"{"k":"v","n":[1,2]}"#);
        assert_eq!(json.capacity(), json.len());
    }
}
