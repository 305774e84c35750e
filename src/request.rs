//! The request bodies of Cognito's JSON API for a sign-in and what follows it (feature
//! `serde`), for callers that send them with a plain HTTP client: InitiateAuth,
//! RespondToAuthChallenge, ConfirmDevice, UpdateDeviceStatus, GetTokensFromRefreshToken.
//!
//! Send the serialized body with `POST https://cognito-idp.<region>.amazonaws.com/`,
//! `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target` set to the request's
//! `TARGET`. None of these calls needs AWS credentials.

use std::collections::BTreeMap;

use core::fmt;

use serde::Serialize;

use crate::challenge::Challenge;
use crate::device::{ConfirmDevice, DeviceRememberedStatus};
use crate::initiate::InitiateAuth;
use crate::refresh::GetTokensFromRefreshToken;
use crate::{AppClient, Parameters, Respond, Token};

/// The `Content-Type` of Cognito's JSON API.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// `AnalyticsMetadata`: the Amazon Pinpoint endpoint for analytics
/// ([`AnalyticsMetadata::new`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AnalyticsMetadata {
    /// `AnalyticsEndpointId`.
    #[serde(rename = "AnalyticsEndpointId")]
    pub analytics_endpoint_id: String,
}

impl AnalyticsMetadata {
    /// The metadata naming `analytics_endpoint_id`.
    #[must_use]
    pub fn new(analytics_endpoint_id: impl Into<String>) -> Self {
        AnalyticsMetadata {
            analytics_endpoint_id: analytics_endpoint_id.into(),
        }
    }
}

/// `UserContextData`: what threat protection evaluates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct UserContextData {
    /// `IpAddress`: the user's source IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// `EncodedData`: the device fingerprint collected by the advanced security script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoded_data: Option<String>,
}

/// The optional fields both requests share.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct RequestContext {
    /// `ClientMetadata`, passed to the pool's Lambda triggers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<BTreeMap<String, String>>,
    /// `AnalyticsMetadata`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analytics_metadata: Option<AnalyticsMetadata>,
    /// `UserContextData`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_context_data: Option<UserContextData>,
}

/// The body of an InitiateAuth request.
///
/// ```
/// use srp_cognito::steps::InitiateAuth;
/// use srp_cognito::{AppClient, AuthFlow, steps::EphemeralSecret, request::InitiateAuthRequest};
/// let a = EphemeralSecret::random()?;
/// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
/// let init = InitiateAuth::srp(AuthFlow::UserSrpAuth, &client, "alice", a.srp_a(), None)?;
/// let body = serde_json::to_string(&InitiateAuthRequest::new(&client, init))
///     .expect("serializable");
/// assert!(body.starts_with(r#"{"AuthFlow":"USER_SRP_AUTH","AuthParameters":{"SRP_A":"#));
/// assert_eq!(InitiateAuthRequest::TARGET, "AWSCognitoIdentityProviderService.InitiateAuth");
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InitiateAuthRequest {
    /// `AuthFlow`.
    pub auth_flow: &'static str,
    /// `AuthParameters`.
    pub auth_parameters: Parameters,
    /// `ClientId`.
    pub client_id: String,
    /// `ClientMetadata`, `AnalyticsMetadata`, `UserContextData`.
    #[serde(flatten)]
    pub context: RequestContext,
}

impl InitiateAuthRequest {
    /// The `X-Amz-Target` header of InitiateAuth.
    pub const TARGET: &'static str = "AWSCognitoIdentityProviderService.InitiateAuth";

    /// The body for `init`, sent through `client`.
    #[must_use]
    pub fn new(client: &AppClient, init: InitiateAuth) -> Self {
        InitiateAuthRequest {
            auth_flow: init.auth_flow.as_str(),
            auth_parameters: init.parameters,
            client_id: client.client_id().to_owned(),
            context: RequestContext::default(),
        }
    }

    /// The same request with `ClientMetadata`, `AnalyticsMetadata` or `UserContextData`.
    #[must_use]
    pub fn with_context(mut self, context: RequestContext) -> Self {
        self.context = context;
        self
    }
}

/// What `Debug` prints in place of a secret.
const REDACTED: &str = "<redacted>";

/// The body of a RespondToAuthChallenge request.
///
/// `Debug` shows the `Session` redacted (it stands in for the sign-in so far), and the
/// responses as [`Parameters`] shows them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct RespondToAuthChallengeRequest {
    /// `ChallengeName`.
    pub challenge_name: String,
    /// `ChallengeResponses`.
    pub challenge_responses: Parameters,
    /// `ClientId`.
    pub client_id: String,
    /// `Session`, as the previous response returned it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// `ClientMetadata`, `AnalyticsMetadata`, `UserContextData`.
    #[serde(flatten)]
    pub context: RequestContext,
}

impl fmt::Debug for RespondToAuthChallengeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespondToAuthChallengeRequest")
            .field("challenge_name", &self.challenge_name)
            .field("challenge_responses", &self.challenge_responses)
            .field("client_id", &self.client_id)
            .field("session", &self.session.as_ref().map(|_| REDACTED))
            .field("context", &self.context)
            .finish()
    }
}

impl RespondToAuthChallengeRequest {
    /// The `X-Amz-Target` header of RespondToAuthChallenge.
    pub const TARGET: &'static str = "AWSCognitoIdentityProviderService.RespondToAuthChallenge";

    /// The body answering `challenge` with `responses` (from a
    /// [`ResponseBuilder`](crate::steps::ResponseBuilder)), with the previous response's `Session`.
    #[must_use]
    pub fn new(
        client: &AppClient,
        challenge: &Challenge,
        session: Option<&str>,
        responses: Parameters,
    ) -> Self {
        RespondToAuthChallengeRequest {
            challenge_name: challenge.name().as_str().to_owned(),
            challenge_responses: responses,
            client_id: client.client_id().to_owned(),
            session: session.map(str::to_owned),
            context: RequestContext::default(),
        }
    }

    /// The same request with `ClientMetadata`, `AnalyticsMetadata` or `UserContextData`.
    #[must_use]
    pub fn with_context(mut self, context: RequestContext) -> Self {
        self.context = context;
        self
    }

    /// The body of a [`crate::Step::Respond`] of the sign-in state machine.
    #[must_use]
    pub fn from_respond(client: &AppClient, respond: Respond) -> Self {
        RespondToAuthChallengeRequest {
            challenge_name: respond.challenge_name.as_str().to_owned(),
            challenge_responses: respond.responses,
            client_id: client.client_id().to_owned(),
            session: respond.session,
            context: RequestContext::default(),
        }
    }
}

/// The body of a ConfirmDevice request: the access token of the sign-in whose tokens
/// carried `NewDeviceMetadata`, and the device's verifier. It borrows them; `Debug` redacts
/// the token.
///
/// ```
/// use srp_cognito::{
///     AuthenticationResult, device::ConfirmDevice, device::DeviceGroupKey, device::DeviceKey, device::NewDeviceMetadata, Token,
/// };
/// use srp_cognito::request::ConfirmDeviceRequest;
/// # let mut result = AuthenticationResult::new(Token::new("eyJ..."));
/// # result.new_device_metadata = Some(NewDeviceMetadata::new(
/// #     DeviceKey::new("us-east-1_0f9c6e3e"),
/// #     DeviceGroupKey::new("-Xq3vTjQ1"),
/// # ));
/// let confirm = ConfirmDevice::for_result(&result)?;
/// let body = serde_json::to_value(ConfirmDeviceRequest::new(&result.access_token, &confirm, None))
///     .expect("serializable");
/// assert_eq!(body["DeviceKey"], "us-east-1_0f9c6e3e");
/// assert!(body["DeviceSecretVerifierConfig"]["PasswordVerifier"].is_string());
/// // Keep `confirm.into_remembered_device()` once Cognito said yes.
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ConfirmDeviceRequest<'a> {
    /// `AccessToken`.
    #[serde(serialize_with = "expose")]
    pub access_token: &'a Token,
    /// `DeviceKey`.
    pub device_key: &'a str,
    /// `DeviceSecretVerifierConfig`.
    pub device_secret_verifier_config: VerifierConfig<'a>,
    /// `DeviceName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<&'a str>,
}

/// `DeviceSecretVerifierConfig`: the device's verifier and salt, base64.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct VerifierConfig<'a> {
    /// `PasswordVerifier`.
    pub password_verifier: &'a str,
    /// `Salt`.
    pub salt: &'a str,
}

impl fmt::Debug for ConfirmDeviceRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfirmDeviceRequest")
            .field("access_token", &REDACTED)
            .field("device_key", &self.device_key)
            .field(
                "device_secret_verifier_config",
                &self.device_secret_verifier_config,
            )
            .field("device_name", &self.device_name)
            .finish()
    }
}

impl<'a> ConfirmDeviceRequest<'a> {
    /// The `X-Amz-Target` header of ConfirmDevice.
    pub const TARGET: &'static str = "AWSCognitoIdentityProviderService.ConfirmDevice";

    /// ConfirmDevice for `confirm` with the sign-in's `access_token`, named `device_name`
    /// (Cognito shows it in the user's device list) if given.
    #[must_use]
    pub fn new(
        access_token: &'a Token,
        confirm: &'a ConfirmDevice,
        device_name: Option<&'a str>,
    ) -> Self {
        ConfirmDeviceRequest {
            access_token,
            device_key: &confirm.device_key,
            device_secret_verifier_config: VerifierConfig {
                password_verifier: confirm.verifier.password_verifier(),
                salt: confirm.verifier.salt(),
            },
            device_name,
        }
    }
}

/// The body of an UpdateDeviceStatus request. `Debug` redacts the token.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct UpdateDeviceStatusRequest<'a> {
    /// `AccessToken`.
    #[serde(serialize_with = "expose")]
    pub access_token: &'a Token,
    /// `DeviceKey`.
    pub device_key: &'a str,
    /// `DeviceRememberedStatus`.
    #[serde(serialize_with = "status")]
    pub device_remembered_status: DeviceRememberedStatus,
}

impl fmt::Debug for UpdateDeviceStatusRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateDeviceStatusRequest")
            .field("access_token", &REDACTED)
            .field("device_key", &self.device_key)
            .field("device_remembered_status", &self.device_remembered_status)
            .finish()
    }
}

impl<'a> UpdateDeviceStatusRequest<'a> {
    /// The `X-Amz-Target` header of UpdateDeviceStatus.
    pub const TARGET: &'static str = "AWSCognitoIdentityProviderService.UpdateDeviceStatus";

    /// Marks `device_key` remembered or not, with the sign-in's `access_token`.
    #[must_use]
    pub fn new(
        access_token: &'a Token,
        device_key: &'a str,
        status: DeviceRememberedStatus,
    ) -> Self {
        UpdateDeviceStatusRequest {
            access_token,
            device_key,
            device_remembered_status: status,
        }
    }
}

/// The body of a GetTokensFromRefreshToken request; its response reads as an
/// [`AuthResponse`](crate::AuthResponse) holding only tokens. `Debug` redacts the token and
/// the client secret.
///
/// ```
/// use srp_cognito::{AppClient, refresh::GetTokensFromRefreshToken, Token};
/// use srp_cognito::request::GetTokensFromRefreshTokenRequest;
/// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
/// let token = Token::new("eyJjdHkiOiJKV1QiLCJlbmMiOi...");
/// let get = GetTokensFromRefreshToken::new(&client, &token, None)?;
/// let body = serde_json::to_string(&GetTokensFromRefreshTokenRequest::new(&get))
///     .expect("serializable");
/// assert_eq!(body, r#"{"ClientId":"3z57ildt8dipg4dt9wl5m6ulaf","RefreshToken":"eyJjdHkiOiJKV1QiLCJlbmMiOi..."}"#);
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct GetTokensFromRefreshTokenRequest<'a> {
    /// `ClientId`.
    pub client_id: &'a str,
    /// `ClientSecret`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<&'a str>,
    /// `DeviceKey`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_key: Option<&'a str>,
    /// `RefreshToken`.
    #[serde(serialize_with = "expose")]
    pub refresh_token: &'a Token,
    /// `ClientMetadata`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<BTreeMap<String, String>>,
}

impl fmt::Debug for GetTokensFromRefreshTokenRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetTokensFromRefreshTokenRequest")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.map(|_| REDACTED))
            .field("device_key", &self.device_key)
            .field("refresh_token", &REDACTED)
            .field("client_metadata", &self.client_metadata)
            .finish()
    }
}

impl<'a> GetTokensFromRefreshTokenRequest<'a> {
    /// The `X-Amz-Target` header of GetTokensFromRefreshToken.
    pub const TARGET: &'static str = "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken";

    /// The body of `request`.
    #[must_use]
    pub fn new(request: &GetTokensFromRefreshToken<'a>) -> Self {
        GetTokensFromRefreshTokenRequest {
            client_id: request.client_id(),
            client_secret: request.expose_client_secret(),
            device_key: request.device_key(),
            refresh_token: request.refresh_token(),
            client_metadata: None,
        }
    }
}

/// Serializes a token's text.
fn expose<S: serde::Serializer>(token: &&Token, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(token.expose_secret())
}

/// Serializes a device's remembered status as Cognito's API spells it.
fn status<S: serde::Serializer>(
    status: &DeviceRememberedStatus,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(status.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientSecret;
    use crate::device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier};

    #[test]
    fn after_the_tokens_bodies_and_their_debug() {
        let token = Token::new("access-t0ken");
        let client = AppClient::with_secret("client", ClientSecret::new("s3cr3t")).unwrap();
        let get = GetTokensFromRefreshToken::new(&client, &token, Some("us-east-1_dev")).unwrap();
        let request = GetTokensFromRefreshTokenRequest::new(&get);
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"ClientId": "client", "ClientSecret": "s3cr3t",
                "DeviceKey": "us-east-1_dev", "RefreshToken": "access-t0ken"})
        );
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("t0ken"),
            "{shown}"
        );

        let update = UpdateDeviceStatusRequest::new(
            &token,
            "us-east-1_dev",
            DeviceRememberedStatus::NotRemembered,
        );
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            serde_json::json!({"AccessToken": "access-t0ken", "DeviceKey": "us-east-1_dev",
                "DeviceRememberedStatus": "not_remembered"})
        );
        assert!(!format!("{update:?}").contains("t0ken"));

        let verifier = DeviceVerifier::from_parts(
            &DeviceGroupKey::new("-group"),
            &DeviceKey::new("us-east-1_dev"),
            DevicePassword::new("pw"),
            &[1; 16],
        )
        .unwrap();
        let confirm = ConfirmDevice {
            device_key: DeviceKey::new("us-east-1_dev"),
            device_group_key: DeviceGroupKey::new("-group"),
            verifier,
        };
        let request = ConfirmDeviceRequest::new(&token, &confirm, Some("laptop"));
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(body["AccessToken"], "access-t0ken");
        assert_eq!(body["DeviceName"], "laptop");
        assert_eq!(
            body["DeviceSecretVerifierConfig"]["Salt"],
            confirm.verifier.salt()
        );
        assert_eq!(
            body["DeviceSecretVerifierConfig"]["PasswordVerifier"],
            confirm.verifier.password_verifier()
        );
        let shown = format!("{request:?}");
        assert!(
            !shown.contains("t0ken") && !shown.contains("\"pw\""),
            "{shown}"
        );
    }
}
