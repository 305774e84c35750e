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

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::device::{DeviceGroupKey, DeviceKey, NewDeviceMetadata};
use crate::{AuthResponse, AuthenticationResult, ServiceCode, Token};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireAuthResponse {
    challenge_name: Option<String>,
    challenge_parameters: Option<HashMap<String, String>>,
    session: Option<String>,
    available_challenges: Option<Vec<String>>,
    authentication_result: Option<AuthenticationResult>,
}

/// `AuthenticationResult` as Cognito's JSON spells it, read.
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

/// `NewDeviceMetadata` as Cognito's JSON spells it, read.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireDevice {
    device_key: String,
    device_group_key: String,
}

/// `NewDeviceMetadata` as Cognito's JSON spells it, written.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeviceOut<'a> {
    device_key: &'a str,
    device_group_key: &'a str,
}

/// `AuthenticationResult` as Cognito's JSON spells it, written from borrowed tokens
/// (absent fields left out).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ResultOut<'a> {
    access_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_in: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_device_metadata: Option<DeviceOut<'a>>,
}

/// Reads `T` from a JSON object only (serde's derive also takes an array of the fields in
/// order, which no Cognito response is).
fn from_object<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Object<T>(core::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_map(Object(core::marker::PhantomData))
}

impl<'de> Deserialize<'de> for AuthenticationResult {
    /// Cognito's `AuthenticationResult`: the tokens move into [`Token`]s (wiped on drop)
    /// without a copy.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire: WireResult = from_object(deserializer)?;
        let mut result = AuthenticationResult::new(Token::new(wire.access_token));
        result.id_token = wire.id_token.map(Token::new);
        result.refresh_token = wire.refresh_token.map(Token::new);
        result.expires_in = wire.expires_in;
        result.token_type = wire.token_type;
        result.new_device_metadata = wire.new_device_metadata.map(|d| {
            NewDeviceMetadata::new(
                DeviceKey::new(d.device_key),
                DeviceGroupKey::new(d.device_group_key),
            )
        });
        Ok(result)
    }
}

impl Serialize for AuthenticationResult {
    /// Cognito's `AuthenticationResult`, the tokens in the clear (absent fields left out).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ResultOut {
            access_token: self.access_token.expose_secret(),
            id_token: self.id_token.as_ref().map(Token::expose_secret),
            refresh_token: self.refresh_token.as_ref().map(Token::expose_secret),
            expires_in: self.expires_in,
            token_type: self.token_type.as_deref(),
            new_device_metadata: self.new_device_metadata.as_ref().map(|d| DeviceOut {
                device_key: &d.device_key,
                device_group_key: &d.device_group_key,
            }),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AuthResponse {
    /// The body of an InitiateAuth or RespondToAuthChallenge response. The tokens move
    /// into [`Token`]s (wiped on drop) without a copy.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire: WireAuthResponse = from_object(deserializer)?;
        Ok(AuthResponse {
            challenge_name: wire.challenge_name,
            challenge_parameters: wire.challenge_parameters.unwrap_or_default(),
            session: wire.session,
            available_challenges: wire.available_challenges.unwrap_or_default(),
            authentication_result: wire.authentication_result,
        })
    }
}

/// The body of a ConfirmDevice response.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ConfirmDeviceResponse {
    /// `UserConfirmationNecessary`: the pool lets the user choose whether to remember the
    /// device (then UpdateDeviceStatus remembers it).
    #[serde(default)]
    pub user_confirmation_necessary: bool,
}

/// Cognito's refusal: the exception's name (`NotAuthorizedException`), its message and
/// the HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The exception's name, without the namespace `__type` may carry; [`ServiceError::code`]
    /// is the same as a value to match.
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
    /// The exception as a value to match ([`ServiceCode::Other`] for one not listed).
    #[must_use]
    pub fn code(&self) -> ServiceCode {
        ServiceCode::from_name(&self.kind)
    }

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
            r#"{"AuthenticationResult": ["a", null, null, null, null, null]}"#,
            r#"[null, null, null, null, null]"#,
            "[]",
        ] {
            assert!(serde_json::from_str::<AuthResponse>(bad).is_err(), "{bad}");
        }
        let error = ServiceError::from_body(
            400,
            r#"{"__type": "com.amazonaws#NotAuthorizedException", "message": "Incorrect"}"#,
        );
        assert_eq!(error.kind, "NotAuthorizedException");
        assert_eq!(error.code(), ServiceCode::NotAuthorized);
        assert_eq!(
            error.to_string(),
            "NotAuthorizedException (HTTP 400): Incorrect"
        );
        assert_eq!(ServiceError::from_body(502, "<html>").kind, "UnknownError");
        let result: AuthenticationResult = serde_json::from_str(
            r#"{"AccessToken": "a", "RefreshToken": "r", "NewDeviceMetadata": {"DeviceKey": "k", "DeviceGroupKey": "g"}}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&result).unwrap(),
            r#"{"AccessToken":"a","RefreshToken":"r","NewDeviceMetadata":{"DeviceKey":"k","DeviceGroupKey":"g"}}"#
        );
        let confirm: ConfirmDeviceResponse =
            serde_json::from_str(r#"{"UserConfirmationNecessary": true}"#).unwrap();
        assert!(confirm.user_confirmation_necessary);
    }
}
