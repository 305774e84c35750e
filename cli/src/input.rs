//! Bounded reads: standard input, files, and secrets typed or piped in. Nothing here
//! reads more than its bound (so `/dev/zero` ends in a refusal, not an abort), and a
//! secret goes straight into a buffer that is wiped on drop and never grows (a growing
//! `String` leaves unwiped copies behind in freed memory).

use std::io::{self, BufRead, IsTerminal, Read};

use serde_json::Value;
use srp_cognito::AuthenticationResult;
use zeroize::Zeroizing;

use crate::api::Failure;

/// The longest secret line taken (a password, a client secret, a device password).
pub(crate) const MAX_SECRET_BYTES: usize = 4096;

/// A secret moved out of its wiped buffer, for a library secret type that wipes it in
/// turn (the string's buffer moves; nothing is copied).
pub(crate) fn take(mut secret: Zeroizing<String>) -> String {
    std::mem::take(&mut *secret)
}

/// A sign-in's AuthenticationResult on stdin, as `sign-in` prints it (the object itself)
/// or as the aws CLI does (inside `AuthenticationResult`); its tokens in wiped buffers.
pub(crate) fn authentication_result() -> Result<AuthenticationResult, Failure> {
    let text = Zeroizing::new(
        read_stdin(1 << 20)
            .map_err(|e| Failure::Usage(format!("cannot read the sign-in result: {e}")))?,
    );
    let not_a_result = || Failure::Usage("stdin is not a sign-in's AuthenticationResult".into());
    // The result itself, or a response that holds it (the aws CLI's output).
    let mut parsed: Value = serde_json::from_str(&text).map_err(|_| not_a_result())?;
    let result = match parsed.get_mut("AuthenticationResult") {
        Some(inner) => inner.take(),
        None => parsed,
    };
    serde_json::from_value(result).map_err(|_| not_a_result())
}

/// Standard input as text, refused past `max` bytes.
pub(crate) fn read_stdin(max: u64) -> io::Result<String> {
    read_bounded(io::stdin().lock(), max)
}

fn read_bounded(reader: impl Read, max: u64) -> io::Result<String> {
    let mut text = String::new();
    reader.take(max + 1).read_to_string(&mut text)?;
    if text.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("more than {max} bytes: refused"),
        ));
    }
    Ok(text)
}

/// The first line of `reader` (without its line end) in a wiped buffer of fixed
/// capacity, refused if longer than [`MAX_SECRET_BYTES`], empty, or not UTF-8.
pub(crate) fn secret_line_from(
    mut reader: impl BufRead,
    what: &str,
) -> Result<Zeroizing<String>, Failure> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_SECRET_BYTES + 2));
    loop {
        let (done, used) = {
            let chunk = reader
                .fill_buf()
                .map_err(|e| Failure::Refused(format!("cannot read {what}: {e}")))?;
            if chunk.is_empty() {
                break;
            }
            let end = chunk.iter().position(|&b| b == b'\n');
            let take = end.map_or(chunk.len(), |i| i + 1);
            if bytes.len() + take > MAX_SECRET_BYTES + 2 {
                return Err(Failure::Usage(format!(
                    "{what} is longer than {MAX_SECRET_BYTES} bytes: refused"
                )));
            }
            bytes.extend_from_slice(&chunk[..take]);
            (end.is_some(), take)
        };
        reader.consume(used);
        if done {
            break;
        }
    }
    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
        bytes.pop();
    }
    if bytes.len() > MAX_SECRET_BYTES {
        return Err(Failure::Usage(format!(
            "{what} is longer than {MAX_SECRET_BYTES} bytes: refused"
        )));
    }
    to_secret(bytes, what)
}

/// `bytes` as a secret string, refused if empty or not UTF-8.
fn to_secret(mut bytes: Zeroizing<Vec<u8>>, what: &str) -> Result<Zeroizing<String>, Failure> {
    if bytes.is_empty() {
        return Err(Failure::Usage(format!("{what} is empty: refused")));
    }
    if std::str::from_utf8(&bytes).is_err() {
        return Err(Failure::Usage(format!("{what} is not UTF-8 text: refused")));
    }
    // Moved, not copied: the checked bytes become the string's buffer.
    let text = String::from_utf8(std::mem::take(&mut *bytes))
        .map_err(|_| Failure::Usage(format!("{what} is not UTF-8 text: refused")))?;
    Ok(Zeroizing::new(text))
}

/// A secret from a prompt without echo on a terminal, else the first line of stdin.
pub(crate) fn secret_line(prompt: &str, what: &str) -> Result<Zeroizing<String>, Failure> {
    if io::stdin().is_terminal() {
        return prompt_secret(prompt, what);
    }
    secret_line_from(io::stdin().lock(), what)
}

/// A secret typed at a prompt without echo; refused if empty.
pub(crate) fn prompt_secret(prompt: &str, what: &str) -> Result<Zeroizing<String>, Failure> {
    let typed = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .map_err(|e| Failure::Usage(format!("cannot read {what} from the terminal: {e}")))?,
    );
    if typed.len() > MAX_SECRET_BYTES {
        return Err(Failure::Usage(format!(
            "{what} is longer than {MAX_SECRET_BYTES} bytes: refused"
        )));
    }
    to_secret(Zeroizing::new(typed.as_bytes().to_vec()), what)
}

/// A secret from an environment variable, if set; refused if set but empty.
pub(crate) fn secret_env(variable: &str, what: &str) -> Result<Option<Zeroizing<String>>, Failure> {
    match std::env::var(variable) {
        Ok(value) => {
            let value = Zeroizing::new(value);
            if value.is_empty() {
                return Err(Failure::Usage(format!(
                    "{variable} is set but empty: {what} is refused"
                )));
            }
            Ok(Some(value))
        }
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_lines() {
        let line = |text: &[u8]| secret_line_from(text, "the password").map(|s| s.to_string());
        assert_eq!(line(b"hunter2\nrest").ok().as_deref(), Some("hunter2"));
        assert_eq!(line(b"hunter2\r\n").ok().as_deref(), Some("hunter2"));
        assert_eq!(line(b"no newline").ok().as_deref(), Some("no newline"));
        assert!(matches!(line(b""), Err(Failure::Usage(_))));
        assert!(matches!(line(b"\n"), Err(Failure::Usage(_))));
        assert!(matches!(line(&[0xff, b'\n']), Err(Failure::Usage(_))));
        let long = vec![b'a'; MAX_SECRET_BYTES + 1];
        assert!(matches!(line(&long), Err(Failure::Usage(_))));
        let just = vec![b'a'; MAX_SECRET_BYTES];
        assert_eq!(line(&just).map(|s| s.len()).ok(), Some(MAX_SECRET_BYTES));
    }

    #[test]
    fn bounded_reads() {
        assert_eq!(read_bounded(&b"abc"[..], 3).ok().as_deref(), Some("abc"));
        assert!(read_bounded(&b"abcd"[..], 3).is_err());
    }
}
