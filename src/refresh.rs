//! New tokens for a refresh token: REFRESH_TOKEN_AUTH ([`refresh`]) and the newer
//! GetTokensFromRefreshToken. Sans-IO like [`crate::SignIn`]: these build what to send; a
//! transport sends it.

use crate::initiate::InitiateAuth;
use crate::srp::check_identity;
use crate::{AppClient, Error, Parameters, Token};

/// `REFRESH_TOKEN_AUTH`: `REFRESH_TOKEN`, `SECRET_HASH` and `DEVICE_KEY`.
///
/// `username` is the one `SECRET_HASH` is computed with: Cognito's internal username
/// (the access token's `username` claim, [`SignIn::username`](crate::SignIn::username) after a sign-in), never the
/// alias the user typed; "Unable to verify secret hash" on refresh is that mistake. It is
/// needed only when the client has a secret.
///
/// # Errors
/// [`Error::MissingParameter`] (`USERNAME`) when the client has a secret and no username
/// is given; [`Error::EmptyInput`] / [`Error::TooLarge`].
pub fn refresh(
    client: &AppClient,
    refresh_token: &Token,
    username: Option<&str>,
    device_key: Option<&str>,
) -> Result<InitiateAuth, Error> {
    if refresh_token.expose_secret().is_empty() {
        return Err(Error::EmptyInput {
            field: "REFRESH_TOKEN",
        });
    }
    let mut parameters = Parameters::new();
    parameters.insert("REFRESH_TOKEN", refresh_token.expose_secret());
    if client.has_secret() {
        let username = username.ok_or(Error::MissingParameter { name: "USERNAME" })?;
        client.add_secret_hash(&mut parameters, username)?;
    }
    if let Some(device_key) = device_key {
        check_identity("DEVICE_KEY", device_key)?;
        parameters.insert("DEVICE_KEY", device_key);
    }
    Ok(InitiateAuth::refresh(parameters))
}

/// GetTokensFromRefreshToken: new tokens for a refresh token, the newer operation beside
/// REFRESH_TOKEN_AUTH (it rotates refresh tokens where the app client asks for it).
///
/// Unlike REFRESH_TOKEN_AUTH it takes the app client's secret itself (`ClientSecret`), not a
/// SECRET_HASH, so it needs no username. It borrows the client and the token: nothing
/// secret is copied, and `Debug` shows neither.
///
/// ```
/// use srp_cognito::{AppClient, ClientSecret, refresh::GetTokensFromRefreshToken, Token};
/// let client = AppClient::with_secret("3z57ildt8dipg4dt9wl5m6ulaf", ClientSecret::new("s3"))?;
/// let token = Token::new("eyJjdHkiOiJKV1QiLCJlbmMiOi...");
/// let request = GetTokensFromRefreshToken::new(&client, &token, Some("us-east-1_0f9c6e3e"))?;
/// assert_eq!(request.expose_client_secret(), Some("s3"));
/// assert_eq!(request.device_key(), Some("us-east-1_0f9c6e3e"));
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Debug)]
pub struct GetTokensFromRefreshToken<'a> {
    client: &'a AppClient,
    refresh_token: &'a Token,
    device_key: Option<&'a str>,
}

impl<'a> GetTokensFromRefreshToken<'a> {
    /// The request for `refresh_token`, with the remembered device's key in pools that
    /// remember devices (without it, Cognito issues a new device).
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for an empty refresh token or device key;
    /// [`Error::TooLarge`] for a device key over [`crate::limits::MAX_IDENTITY_BYTES`].
    pub fn new(
        client: &'a AppClient,
        refresh_token: &'a Token,
        device_key: Option<&'a str>,
    ) -> Result<Self, Error> {
        if refresh_token.expose_secret().is_empty() {
            return Err(Error::EmptyInput {
                field: "RefreshToken",
            });
        }
        if let Some(device_key) = device_key {
            check_identity("DeviceKey", device_key)?;
        }
        Ok(GetTokensFromRefreshToken {
            client,
            refresh_token,
            device_key,
        })
    }

    /// `ClientId`.
    #[must_use]
    pub fn client_id(&self) -> &'a str {
        self.client.client_id()
    }

    /// `ClientSecret`, for app clients that have one: the secret itself, to send.
    #[must_use]
    pub fn expose_client_secret(&self) -> Option<&'a str> {
        self.client.expose_client_secret()
    }

    /// `RefreshToken`.
    #[must_use]
    pub fn refresh_token(&self) -> &'a Token {
        self.refresh_token
    }

    /// `DeviceKey`.
    #[must_use]
    pub fn device_key(&self) -> Option<&'a str> {
        self.device_key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientSecret;

    #[test]
    fn get_tokens_refuses_empty_and_oversized_inputs() {
        let client = AppClient::new("client").unwrap();
        let empty = Token::new("");
        assert!(matches!(
            GetTokensFromRefreshToken::new(&client, &empty, None),
            Err(Error::EmptyInput {
                field: "RefreshToken"
            })
        ));
        let token = Token::new("t");
        assert!(GetTokensFromRefreshToken::new(&client, &token, Some("")).is_err());
        let long = "k".repeat(crate::limits::MAX_IDENTITY_BYTES + 1);
        assert!(matches!(
            GetTokensFromRefreshToken::new(&client, &token, Some(&long)),
            Err(Error::TooLarge { .. })
        ));
        let request = GetTokensFromRefreshToken::new(&client, &token, None).unwrap();
        assert_eq!(request.expose_client_secret(), None);
        assert_eq!(request.client_id(), "client");
        let secret = AppClient::with_secret("client", ClientSecret::new("s3cr3t")).unwrap();
        let request = GetTokensFromRefreshToken::new(&secret, &token, None).unwrap();
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("\"t\""),
            "{shown}"
        );
    }
}
