//! The InitiateAuth and RespondToAuthChallenge request bodies of Cognito's JSON API
//! (feature `serde`), for callers that send them with a plain HTTP client.
//!
//! Send the serialized body with `POST https://cognito-idp.<region>.amazonaws.com/`,
//! `Content-Type: application/x-amz-json-1.1` and `X-Amz-Target` set to the request's
//! `TARGET`. Neither call needs AWS credentials.

use std::collections::BTreeMap;

use core::fmt;

use serde::Serialize;

use crate::{AppClient, Challenge, InitiateAuth, Parameters, Respond};

/// The `Content-Type` of Cognito's JSON API.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// `AnalyticsMetadata`: the Amazon Pinpoint endpoint for analytics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnalyticsMetadata {
    /// `AnalyticsEndpointId`.
    #[serde(rename = "AnalyticsEndpointId")]
    pub analytics_endpoint_id: String,
}

/// `UserContextData`: what threat protection evaluates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
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
/// use srp_cognito::{AppClient, EphemeralSecret, InitiateAuth, request::InitiateAuthRequest};
/// let a = EphemeralSecret::random()?;
/// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
/// let init = InitiateAuth::user_srp_auth(&client, "alice", a.srp_a(), None)?;
/// let body = serde_json::to_string(&InitiateAuthRequest::new(&client, init))
///     .expect("serializable");
/// assert!(body.starts_with(r#"{"AuthFlow":"USER_SRP_AUTH","AuthParameters":{"SRP_A":"#));
/// assert_eq!(InitiateAuthRequest::TARGET, "AWSCognitoIdentityProviderService.InitiateAuth");
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
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
    /// [`ResponseBuilder`](crate::ResponseBuilder)), with the previous response's `Session`.
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
