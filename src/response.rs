//! The responses and errors of Cognito's JSON API (feature `serde`), for callers that
//! send the [`crate::request`] bodies with a plain HTTP client.
//!
//! A success is read into [`AuthResponse`] (InitiateAuth, RespondToAuthChallenge,
//! GetTokensFromRefreshToken) or
//! [`ConfirmDeviceResponse`]; an error body (`{"__type": ..., "message": ...}`) with its
//! HTTP status into [`ServiceError`]. Unknown fields are ignored; fields of the wrong type
//! are refused.

use core::fmt;
use std::collections::HashMap;

use serde::{Deserialize, Deserializer};

use crate::{AuthResponse, AuthenticationResult, NewDeviceMetadata, Token};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireAuthResponse {
    challenge_name: Option<String>,
    challenge_parameters: Option<HashMap<String, String>>,
    session: Option<String>,
    available_challenges: Option<Vec<String>>,
    authentication_result: Option<WireResult>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireResult {
    access_token: String,
    id_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<i64>,
    token_type: Option<String>,
    new_device_metadata: Option<WireDevice>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireDevice {
    device_key: String,
    device_group_key: String,
}

impl<'de> Deserialize<'de> for AuthResponse {
    /// The body of an InitiateAuth or RespondToAuthChallenge response. The tokens move
    /// into [`Token`]s (wiped on drop) without a copy.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireAuthResponse::deserialize(deserializer)?;
        Ok(AuthResponse {
            challenge_name: wire.challenge_name,
            challenge_parameters: wire.challenge_parameters.unwrap_or_default(),
            session: wire.session,
            available_challenges: wire.available_challenges.unwrap_or_default(),
            authentication_result: wire.authentication_result.map(|r| AuthenticationResult {
                access_token: Token::new(r.access_token),
                id_token: r.id_token.map(Token::new),
                refresh_token: r.refresh_token.map(Token::new),
                expires_in: r.expires_in,
                token_type: r.token_type,
                new_device_metadata: r.new_device_metadata.map(|d| NewDeviceMetadata {
                    device_key: d.device_key,
                    device_group_key: d.device_group_key,
                }),
            }),
        })
    }
}

/// The body of a ConfirmDevice response.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmDeviceResponse {
    /// `UserConfirmationNecessary`: the pool lets the user choose whether to remember the
    /// device (then UpdateDeviceStatus remembers it).
    #[serde(default)]
    pub user_confirmation_necessary: bool,
}

/// Cognito's refusal: the exception's name (`NotAuthorizedException`), its message and
/// the HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    /// The exception's name, without the namespace `__type` may carry.
    pub kind: String,
    /// `message` (or `Message`), empty when there is none.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

#[derive(Deserialize)]
struct WireError {
    #[serde(rename = "__type")]
    kind: Option<String>,
    message: Option<String>,
    #[serde(rename = "Message")]
    message_capital: Option<String>,
}

impl ServiceError {
    /// Cognito's error from an error response's status and body; a body that is not
    /// Cognito's gives the kind `UnknownError`.
    #[must_use]
    pub fn from_body(status: u16, body: &str) -> Self {
        let wire: Option<WireError> = serde_json::from_str(body).ok();
        let (kind, message) = match wire {
            Some(w) => (w.kind, w.message.or(w.message_capital)),
            None => (None, None),
        };
        let kind = kind.unwrap_or_else(|| "UnknownError".into());
        // `__type` may carry a namespace: `com.amazonaws…#NotAuthorizedException`.
        let kind = kind.rsplit('#').next().unwrap_or(&kind).to_owned();
        ServiceError {
            kind,
            message: message.unwrap_or_default(),
            status,
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.kind, self.status, self.message)
    }
}

impl std::error::Error for ServiceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cognitos_bodies() {
        let challenge = r#"{"ChallengeName": "PASSWORD_VERIFIER", "Session": "s",
            "ChallengeParameters": {"USERNAME": "u", "SRP_B": "ab"}, "Extra": 1}"#;
        let response: AuthResponse = serde_json::from_str(challenge).unwrap();
        assert_eq!(
            response.challenge_name.as_deref(),
            Some("PASSWORD_VERIFIER")
        );
        assert_eq!(response.challenge_parameters["SRP_B"], "ab");
        let tokens = r#"{"AuthenticationResult": {"AccessToken": "a", "ExpiresIn": 3600,
            "NewDeviceMetadata": {"DeviceKey": "k", "DeviceGroupKey": "g"}}, "ChallengeParameters": {}}"#;
        let response: AuthResponse = serde_json::from_str(tokens).unwrap();
        let result = response.authentication_result.unwrap();
        assert_eq!(result.access_token.expose_secret(), "a");
        assert_eq!(result.new_device_metadata.unwrap().device_group_key, "g");
        for bad in [
            r#"{"ChallengeParameters": {"A": 1}}"#,
            r#"{"AuthenticationResult": {"IdToken": "i"}}"#,
            "[]",
        ] {
            assert!(serde_json::from_str::<AuthResponse>(bad).is_err(), "{bad}");
        }
        let error = ServiceError::from_body(
            400,
            r#"{"__type": "com.amazonaws#NotAuthorizedException", "message": "Incorrect"}"#,
        );
        assert_eq!(error.kind, "NotAuthorizedException");
        assert_eq!(
            error.to_string(),
            "NotAuthorizedException (HTTP 400): Incorrect"
        );
        assert_eq!(ServiceError::from_body(502, "<html>").kind, "UnknownError");
        let confirm: ConfirmDeviceResponse =
            serde_json::from_str(r#"{"UserConfirmationNecessary": true}"#).unwrap();
        assert!(confirm.user_confirmation_necessary);
    }
}
