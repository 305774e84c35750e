//! Cognito's JSON API over HTTPS (ureq + rustls), how a network command fails, and files
//! that hold secrets.
//!
//! Nothing a server sends is trusted: redirects are not followed, the body is bounded,
//! a success must be a JSON object of the operation's shape, and whatever of the server's
//! text reaches the terminal is escaped.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};
use srp_cognito::request::CONTENT_TYPE;
pub(crate) use srp_cognito::response::ServiceError as CognitoError;
use zeroize::Zeroizing;

/// The largest response body read (Cognito's are a few KiB).
const MAX_RESPONSE_BYTES: u64 = 1 << 20;
/// How long one call may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Why a network command stopped.
pub(crate) enum Failure {
    /// A usage error, or an input refused before anything was sent: exit 2.
    Usage(String),
    /// Cognito refused (its error type, HTTP status and message), or the transport failed,
    /// or a challenge could not be answered: exit 1.
    Refused(String),
}

/// Whether `c` is unseen or changes how the text around it shows on a terminal: a control
/// character (C0, DEL, C1: terminal escapes, line ends) or a format character (the bidi
/// controls that reorder a line, zero-width characters, the soft hyphen).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// A JSON result as the CLI prints it: pretty, and with every [`hidden`] character
/// written as a `\uXXXX` escape (serde_json escapes only C0's), so that a server's text
/// in a token response or a challenge shows as it is.
pub(crate) fn json_text(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // C0 characters are serde_json's to escape in strings, and its own line ends
        // outside them are structure; the rest appear in strings only.
        if hidden(c) && u32::from(c) >= 0x7f {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text from elsewhere (a server, a file name), printable on one line: [`hidden`]
/// characters (terminal escapes, line ends, bidi controls) are shown escaped, as Rust
/// writes them.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The region's Cognito endpoint, if `region` is a region's name (`us-east-1`).
pub(crate) fn endpoint(region: &str) -> Option<String> {
    let plausible = !region.is_empty()
        && region.len() <= 32
        && region
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    plausible.then(|| format!("https://cognito-idp.{region}.amazonaws.com/"))
}

/// Refuses a plain-HTTP endpoint off this machine: the claim and the tokens would cross
/// the network in clear text. Loopback (127.0.0.0/8, `localhost`, `[::1]`) is fine: local
/// test servers; anything else needs `allow_insecure` (`--allow-insecure-http`).
pub(crate) fn check_endpoint(url: &str, allow_insecure: bool) -> Result<(), Failure> {
    let Some(rest) = url.strip_prefix("http://") else {
        return Ok(());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host)
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback || allow_insecure {
        return Ok(());
    }
    Err(Failure::Usage(format!(
        "{} is plain HTTP off this machine: the claim and the tokens would cross the network \
         in clear text; use https://, or pass --allow-insecure-http",
        escape(url)
    )))
}

/// Cognito's refusal, for the terminal (its texts escaped).
fn to_failure(error: &CognitoError) -> Failure {
    Failure::Refused(format!(
        "{} (HTTP {}): {}",
        escape(&error.kind),
        error.status,
        escape(&error.message)
    ))
}

/// One endpoint of Cognito's JSON API.
pub(crate) struct Api {
    agent: ureq::Agent,
    url: String,
}

impl Api {
    pub(crate) fn new(url: String) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(TIMEOUT))
            .build();
        Api {
            agent: config.into(),
            url,
        }
    }

    /// POSTs `body` with the operation's `X-Amz-Target`. A success is the response's JSON
    /// object; Cognito's error, a redirect, or a body that is not a JSON object is a failure.
    pub(crate) fn call(
        &self,
        target: &str,
        body: &impl Serialize,
    ) -> Result<Map<String, Value>, Failure> {
        self.call_raw(target, body)?.map_err(|e| to_failure(&e))
    }

    /// As [`Api::call`], with Cognito's error kept apart for a caller that explains it.
    pub(crate) fn call_raw(
        &self,
        target: &str,
        body: &impl Serialize,
    ) -> Result<Result<Map<String, Value>, CognitoError>, Failure> {
        let url = escape(&self.url);
        let body = Zeroizing::new(
            serde_json::to_string(body).map_err(|e| Failure::Refused(e.to_string()))?,
        );
        let send = || {
            self.agent
                .post(&self.url)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", target)
                .send(body.as_str())
        };
        // A connection reset before any answer is tried once more, as the AWS SDKs do
        // (a busy local emulator drops connections); nothing else is retried.
        let mut response = match send() {
            Err(ureq::Error::Io(e)) if is_reset(&e) => {
                std::thread::sleep(Duration::from_millis(200));
                send()
            }
            other => other,
        }
        .map_err(|e| Failure::Refused(transport_error(&url, &e)))?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            return Err(Failure::Refused(format!(
                "{url} answered with a redirect (HTTP {status}), which is not followed: \
                 Cognito never redirects; check --endpoint-url"
            )));
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_string()
            .map_err(|e| Failure::Refused(format!("{url}: {}", escape(&e.to_string()))))?;
        if status >= 400 {
            return Ok(Err(CognitoError::from_body(status, &text)));
        }
        let value: Option<Map<String, Value>> = serde_json::from_str(&text).ok();
        match value {
            Some(object) if (200..300).contains(&status) => Ok(Ok(object)),
            _ => Err(Failure::Refused(format!(
                "{url} answered HTTP {status} with a body that is not Cognito's JSON: is this \
                 Cognito's endpoint?"
            ))),
        }
    }
}

/// Whether the connection was dropped before an answer came.
fn is_reset(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset};
    matches!(
        error.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe
    )
}

/// A transport failure, said plainly where it is a common mistake.
fn transport_error(url: &str, error: &ureq::Error) -> String {
    let text = error.to_string();
    if text.contains("InvalidContentType") || text.contains("CorruptMessage") {
        return format!(
            "{url}: the server does not speak TLS (HTTPS); for a local server on plain HTTP, \
             give an http:// URL"
        );
    }
    format!("{url}: {}", escape(&text))
}

/// A library refusal as a `Failure`, naming what was being done.
pub(crate) fn refused(what: &str) -> impl Fn(srp_cognito::Error) -> Failure + '_ {
    move |e| Failure::Refused(format!("{what}: {e} ({})", e.category()))
}

/// Creates `path` for a secret: mode 0600, refused if it exists; a missing folder is said
/// as such.
pub(crate) fn create_secret_file(path: &Path) -> Result<std::fs::File, Failure> {
    let shown = crate::shown(path);
    if let Some(folder) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.is_dir())
    {
        return Err(Failure::Usage(format!(
            "cannot create {shown}: the folder {} does not exist",
            crate::shown(folder)
        )));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::Usage(format!(
            "{shown} exists: it is never overwritten; give a new file"
        )),
        _ => Failure::Refused(format!("cannot create {shown}: {e}")),
    })
}

/// Writes `bytes` into the new secret file `path`; if that fails, the file (ours, just
/// created) is removed, so that no empty file blocks the next attempt.
pub(crate) fn write_secret_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut file = create_secret_file(path)?;
    std::io::Write::write_all(&mut file, bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(path);
            Failure::Refused(format!("cannot write {}: {e}", crate::shown(path)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_on_loopback() {
        for url in [
            "https://cognito-idp.us-east-1.amazonaws.com/",
            "http://127.0.0.1:5000",
            "http://127.8.9.10/x",
            "http://localhost:9229/",
            "http://[::1]:5000/",
        ] {
            assert!(check_endpoint(url, false).is_ok(), "{url}");
        }
        for url in [
            "http://10.0.0.5:5000",
            "http://example.com/",
            "http://[2001:db8::1]/",
        ] {
            assert!(check_endpoint(url, false).is_err(), "{url}");
            assert!(check_endpoint(url, true).is_ok(), "{url}");
        }
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(escape("plain text é"), "plain text é");
        assert_eq!(escape("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape("x\nsrp-cognito: forged"), "x\\nsrp-cognito: forged");
        // C1, the bidi override that shows "gpj.exe" as "exe.jpg", a zero-width space.
        assert_eq!(escape("a\u{9b}31m"), "a\\u{9b}31m");
        assert_eq!(escape("\u{202e}gpj.exe"), "\\u{202e}gpj.exe");
        assert_eq!(escape("ad\u{200b}min"), "ad\\u{200b}min");
    }

    #[test]
    fn json_results_escape_what_a_terminal_hides() {
        let value =
            serde_json::json!({"ChallengeName": "SMS_MFA\u{202e}", "m": "x\u{85}y\u{7f}z é"});
        let text = json_text(&value);
        assert!(text.contains(r#""SMS_MFA\u202e""#), "{text}");
        assert!(text.contains(r#""x\u0085y\u007fz é""#), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "still the same JSON");
    }
}
