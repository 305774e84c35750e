//! Cognito's JSON API over HTTPS (ureq + rustls), how a network command fails, and files
//! that hold secrets.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use srp_cognito::request::CONTENT_TYPE;
use zeroize::Zeroizing;

/// Why a network command stopped.
pub(crate) enum Failure {
    /// A usage error: exit 2.
    Usage(String),
    /// Cognito refused (its error type, HTTP status and message), or the transport failed,
    /// or a challenge could not be answered: exit 1.
    Refused(String),
}

/// The region's Cognito endpoint, if `region` looks like one (`us-east-1`).
pub(crate) fn endpoint(region: &str) -> Option<String> {
    let plausible = !region.is_empty()
        && region.len() <= 32
        && region
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    plausible.then(|| format!("https://cognito-idp.{region}.amazonaws.com/"))
}

/// One call of Cognito's JSON API.
pub(crate) struct Api {
    agent: ureq::Agent,
    url: String,
}

impl Api {
    pub(crate) fn new(url: String) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Api {
            agent: config.into(),
            url,
        }
    }

    /// POSTs `body` with the operation's `X-Amz-Target`; Cognito's error as a `Failure`.
    pub(crate) fn call(&self, target: &str, body: &impl Serialize) -> Result<Value, Failure> {
        let body = Zeroizing::new(
            serde_json::to_string(body).map_err(|e| Failure::Refused(e.to_string()))?,
        );
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Target", target)
            .send(body.as_str())
            .map_err(|e| Failure::Refused(format!("{}: {e}", self.url)))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| Failure::Refused(format!("{}: {e}", self.url)))?;
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status >= 400 {
            // `__type` may carry a namespace: `com.amazonaws…#NotAuthorizedException`.
            let kind = value["__type"].as_str().unwrap_or("UnknownError");
            let kind = kind.rsplit('#').next().unwrap_or(kind);
            let message = value["message"]
                .as_str()
                .or(value["Message"].as_str())
                .unwrap_or("");
            return Err(Failure::Refused(format!(
                "{kind} (HTTP {status}): {message}"
            )));
        }
        Ok(value)
    }
}

/// A library refusal as a `Failure`, naming what was being done.
pub(crate) fn refused(what: &str) -> impl Fn(srp_cognito::Error) -> Failure + '_ {
    move |e| Failure::Refused(format!("{what}: {e} ({})", e.category()))
}

/// Creates `path` for a secret: mode 0600, refused if it exists.
pub(crate) fn create_secret_file(path: &str) -> Result<std::fs::File, Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|e| Failure::Refused(format!("cannot create {path} (it must not exist): {e}")))
}
