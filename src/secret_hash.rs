//! `SECRET_HASH`, for app clients that have a client secret.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::encoding::encode_base64;
use crate::{ClientSecret, Error};

/// `SECRET_HASH = base64(HMAC-SHA256(key = client secret, username ‖ client id))`.
///
/// `username` must be what the request carries in `USERNAME`: in a challenge response
/// that is the challenge's `USERNAME` (Cognito's internal username), not an alias.
///
/// # Errors
/// [`Error::EmptyInput`] when the username, client id or secret is empty.
///
/// ```
/// use srp_cognito::{secret_hash, ClientSecret};
/// let hash = secret_hash("test", "123abd", &ClientSecret::new("clientSecret"))?;
/// assert_eq!(hash, "LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=");
/// # Ok::<(), srp_cognito::Error>(())
/// ```
pub fn secret_hash(
    username: &str,
    client_id: &str,
    client_secret: &ClientSecret,
) -> Result<String, Error> {
    for (field, value) in [
        ("username", username.as_bytes()),
        ("client_id", client_id.as_bytes()),
        ("client_secret", client_secret.bytes()),
    ] {
        if value.is_empty() {
            return Err(Error::EmptyInput { field });
        }
    }
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(client_secret.bytes()).map_err(|_| {
            Error::EmptyInput {
                field: "client_secret",
            }
        })?;
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    Ok(encode_base64(&mac.finalize().into_bytes()))
}
