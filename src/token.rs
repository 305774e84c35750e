//! What Cognito returns once a user is signed in: the tokens ([`AuthenticationResult`],
//! each a [`Token`]) and the device it would remember ([`NewDeviceMetadata`]).

use core::fmt;

use crate::device::{DeviceGroupKey, DeviceKey};

use zeroize::Zeroizing;

/// A token Cognito issued (access, ID or refresh token): wiped on drop, redacted in
/// `Debug`, not `Clone`.
pub struct Token(Zeroizing<String>);

impl Token {
    /// Takes ownership of the token's text.
    pub fn new(token: impl Into<String>) -> Self {
        Token(Zeroizing::new(token.into()))
    }

    /// The token's text, to send or to store.
    #[must_use]
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// `NewDeviceMetadata` of an `AuthenticationResult`: the device Cognito would remember.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewDeviceMetadata {
    /// `DeviceKey`.
    pub device_key: DeviceKey,
    /// `DeviceGroupKey`.
    pub device_group_key: DeviceGroupKey,
}

/// An `AuthenticationResult`: the tokens of a finished sign-in (or refresh).
///
/// With the `serde` feature it reads and writes Cognito's JSON shape
/// (`{"AccessToken": ..., "NewDeviceMetadata": {...}}`, absent fields left out); the tokens
/// move into [`Token`]s without a copy when read, and are written in the clear (that is
/// what the JSON is for).
///
/// A transport builds one with [`AuthenticationResult::new`] and sets the fields it has:
///
/// ```
/// use srp_cognito::{AuthenticationResult, Token};
/// let mut result = AuthenticationResult::new(Token::new("eyJraWQiOi..."));
/// result.expires_in = Some(3600);
/// assert!(result.refresh_token.is_none());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct AuthenticationResult {
    /// `AccessToken`.
    pub access_token: Token,
    /// `IdToken`.
    pub id_token: Option<Token>,
    /// `RefreshToken` (a refresh returns none, or a rotated one).
    pub refresh_token: Option<Token>,
    /// `ExpiresIn`, in seconds.
    pub expires_in: Option<i64>,
    /// `TokenType` (`Bearer`).
    pub token_type: Option<String>,
    /// `NewDeviceMetadata`, in pools that remember devices.
    pub new_device_metadata: Option<NewDeviceMetadata>,
}

impl NewDeviceMetadata {
    /// The device Cognito would remember.
    #[must_use]
    pub fn new(device_key: DeviceKey, device_group_key: DeviceGroupKey) -> Self {
        NewDeviceMetadata {
            device_key,
            device_group_key,
        }
    }
}

impl AuthenticationResult {
    /// A result with `access_token` and nothing else: set the other fields as Cognito
    /// returned them.
    #[must_use]
    pub fn new(access_token: Token) -> Self {
        AuthenticationResult {
            access_token,
            id_token: None,
            refresh_token: None,
            expires_in: None,
            token_type: None,
            new_device_metadata: None,
        }
    }
}
