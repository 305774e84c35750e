//! The app client a sign-in goes through: its id and, for confidential clients, its secret.

use core::fmt;

use crate::srp::check_identity;
use crate::{ClientSecret, Error, Parameters, secret_hash};

/// A user pool app client: `ClientId`, and the client secret when it has one.
///
/// Whenever the client has a secret, every request and challenge response this crate
/// builds for it carries `SECRET_HASH`. `Debug` does not show the secret.
pub struct AppClient {
    client_id: String,
    client_secret: Option<ClientSecret>,
}

impl AppClient {
    /// A public app client (no secret).
    ///
    /// # Errors
    /// [`Error::EmptyInput`] or [`Error::TooLarge`] for the client id.
    pub fn new(client_id: impl Into<String>) -> Result<Self, Error> {
        let client_id = client_id.into();
        check_identity("client_id", &client_id)?;
        Ok(AppClient {
            client_id,
            client_secret: None,
        })
    }

    /// A confidential app client, with its secret.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] or [`Error::TooLarge`] for the client id or the secret.
    pub fn with_secret(
        client_id: impl Into<String>,
        client_secret: ClientSecret,
    ) -> Result<Self, Error> {
        let mut client = AppClient::new(client_id)?;
        if client_secret.bytes().is_empty() {
            return Err(Error::EmptyInput {
                field: "client_secret",
            });
        }
        client.client_secret = Some(client_secret);
        Ok(client)
    }

    /// `ClientId`.
    #[must_use]
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Whether the client has a secret (and so requests carry `SECRET_HASH`).
    #[must_use]
    pub fn has_secret(&self) -> bool {
        self.client_secret.is_some()
    }

    /// The client secret itself, for the one operation that takes it rather than a
    /// SECRET_HASH (GetTokensFromRefreshToken).
    pub(crate) fn expose_client_secret(&self) -> Option<&str> {
        self.client_secret.as_ref().map(ClientSecret::expose)
    }

    /// Puts `SECRET_HASH` for `username` in `parameters` when the client has a secret.
    pub(crate) fn add_secret_hash(
        &self,
        parameters: &mut Parameters,
        username: &str,
    ) -> Result<(), Error> {
        check_identity("USERNAME", username)?;
        if let Some(secret) = &self.client_secret {
            parameters.insert(
                "SECRET_HASH",
                secret_hash(username, &self.client_id, secret)?,
            );
        }
        Ok(())
    }

    /// Puts `USERNAME` in `parameters`, and `SECRET_HASH` computed from it when the client
    /// has a secret.
    pub(crate) fn add_username(
        &self,
        parameters: &mut Parameters,
        username: &str,
    ) -> Result<(), Error> {
        self.add_secret_hash(parameters, username)?;
        parameters.insert("USERNAME", username);
        Ok(())
    }
}

impl fmt::Debug for AppClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppClient")
            .field("client_id", &self.client_id)
            .field("has_secret", &self.has_secret())
            .finish()
    }
}
