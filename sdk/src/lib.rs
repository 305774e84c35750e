//! Amazon Cognito SRP sign-in in one call with the AWS SDK for Rust.
//!
//! [`sign_in`] drives srp-cognito's sans-IO state machine ([`srp_cognito::SignIn`]) over an
//! `aws_sdk_cognitoidentityprovider::Client`: InitiateAuth, PASSWORD_VERIFIER, the two
//! device challenges, until tokens or a challenge only the user can answer
//! ([`Pending`], answered with [`Pending::answer`]). [`confirm_device`] remembers the device
//! of a sign-in, [`refresh`] (REFRESH_TOKEN_AUTH) and [`get_tokens_from_refresh_token`]
//! renew the tokens.
//!
//! ```no_run
//! # async fn run(cognito: aws_sdk_cognitoidentityprovider::Client) -> Result<(), srp_cognito_sdk::Error> {
//! use srp_cognito::{AppClient, Password, PoolId};
//! use srp_cognito_sdk::{sign_in, Outcome};
//!
//! let pool = PoolId::parse("us-east-1_AbCdEf123")?;
//! let app = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
//! match sign_in(&cognito, pool, app, "alice", Password::new("correct horse")).send().await? {
//!     Outcome::SignedIn(signed_in) => println!("{:?}", signed_in.tokens.expires_in),
//!     Outcome::Pending(pending) => println!("answer {}", pending.challenge().name()),
//! }
//! # Ok(()) }
//! ```

// The README's examples compile as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
// The book's chapter on this crate, too (a doctest build only).
#[cfg(doctest)]
#[doc = include_str!("../../book/src/sdk.md")]
struct BookDoctests;

use std::collections::HashMap;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
use aws_sdk_cognitoidentityprovider::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput;
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, AuthenticationResultType, ChallengeNameType, DeviceRememberedStatusType,
    DeviceSecretVerifierConfigType,
};
use srp_cognito::{
    Answer, AppClient, AuthResponse, AuthenticationResult, Password, PoolId, Respond,
    SecretBlockDecoding, ServiceCode, SignIn, Step, Token,
    device::{
        ConfirmDevice, DeviceGroupKey, DeviceKey, DeviceRememberedStatus, NewDeviceMetadata,
        RememberedDevice,
    },
    refresh::GetTokensFromRefreshToken,
};

/// Why a sign-in (or device confirmation, or refresh) stopped.
///
/// Each keeps what caused it ([`std::error::Error::source`]): srp-cognito's refusal, or the
/// SDK's own error. Match Cognito's exceptions with [`Error::service_code`]:
///
/// ```no_run
/// # async fn run(outcome: Result<srp_cognito_sdk::Outcome<'_>, srp_cognito_sdk::Error>) {
/// use srp_cognito::ServiceCode;
/// match outcome {
///     Ok(_) => {}
///     Err(e) if e.service_code() == Some(ServiceCode::NotAuthorized) => eprintln!("wrong password"),
///     Err(e) if e.service_code() == Some(ServiceCode::PasswordResetRequired) => eprintln!("reset it"),
///     Err(e) => eprintln!("{e}"),
/// }
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// srp-cognito refused an input or a response (a malformed challenge, one out of turn).
    Refused(srp_cognito::Error),
    /// Cognito refused: its exception ([`ServiceError::code`]), message and HTTP status.
    Service(ServiceError),
    /// The SDK failed before Cognito answered (network, timeout, configuration): the SDK's
    /// error itself.
    Sdk(Box<dyn std::error::Error + Send + Sync>),
    /// Cognito's answer did not fit (no tokens where they were due, ...).
    Unexpected(&'static str),
}

impl Error {
    /// Cognito's exception, when Cognito refused.
    #[must_use]
    pub fn service_code(&self) -> Option<ServiceCode> {
        match self {
            Error::Service(e) => Some(e.code()),
            _ => None,
        }
    }
}

/// Cognito's refusal of a call, with the SDK's error as its source.
#[derive(Debug)]
pub struct ServiceError {
    code: ServiceCode,
    name: String,
    message: String,
    status: Option<u16>,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl ServiceError {
    /// The exception as a value to match ([`ServiceCode::Other`] for one srp-cognito does
    /// not list: [`ServiceError::name`] tells it).
    #[must_use]
    pub fn code(&self) -> ServiceCode {
        self.code
    }

    /// The exception's name (`NotAuthorizedException`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Cognito's message (`Incorrect username or password.`).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status, when there was a response.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

impl core::fmt::Display for ServiceError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} (HTTP {status}): {}", self.name, self.message),
            None => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

impl std::error::Error for ServiceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Error::Refused(e) => write!(f, "{e} ({})", e.category()),
            Error::Service(e) => e.fmt(f),
            Error::Sdk(e) => write!(
                f,
                "the AWS SDK failed: {}",
                aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&**e)
            ),
            Error::Unexpected(what) => write!(f, "unexpected response: {what}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Refused(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Sdk(e) => Some(&**e),
            Error::Unexpected(_) => None,
        }
    }
}

impl From<srp_cognito::Error> for Error {
    fn from(e: srp_cognito::Error) -> Self {
        Error::Refused(e)
    }
}

impl<E> From<SdkError<E, HttpResponse>> for Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    fn from(e: SdkError<E, HttpResponse>) -> Self {
        match (e.code(), &e) {
            (Some(code), SdkError::ServiceError(service)) => Error::Service(ServiceError {
                code: ServiceCode::from_name(code),
                name: code.to_owned(),
                message: e.message().unwrap_or_default().to_owned(),
                status: Some(service.raw().status().as_u16()),
                source: Box::new(e),
            }),
            _ => Error::Sdk(Box::new(e)),
        }
    }
}

/// The SDK's `AuthFlowType` for srp-cognito's flow.
#[must_use]
pub fn auth_flow(flow: srp_cognito::AuthFlow) -> AuthFlowType {
    AuthFlowType::from(flow.as_str())
}

/// The SDK's `ChallengeNameType` for srp-cognito's challenge name.
#[must_use]
pub fn challenge_name(name: &srp_cognito::ChallengeName) -> ChallengeNameType {
    ChallengeNameType::from(name.as_str())
}

/// srp-cognito's tokens from the SDK's `AuthenticationResultType` (copies the tokens into
/// wiped buffers; the SDK's own strings are out of this crate's reach).
///
/// # Errors
/// [`Error::Unexpected`] without an access token.
pub fn authentication_result(
    result: &AuthenticationResultType,
) -> Result<AuthenticationResult, Error> {
    let access = result.access_token().ok_or(Error::Unexpected(
        "an AuthenticationResult without an AccessToken",
    ))?;
    let mut tokens = AuthenticationResult::new(Token::new(access));
    tokens.id_token = result.id_token().map(Token::new);
    tokens.refresh_token = result.refresh_token().map(Token::new);
    tokens.expires_in = Some(i64::from(result.expires_in()));
    tokens.token_type = result.token_type().map(str::to_owned);
    tokens.new_device_metadata = result.new_device_metadata().and_then(|d| {
        Some(NewDeviceMetadata::new(
            DeviceKey::new(d.device_key()?),
            DeviceGroupKey::new(d.device_group_key()?),
        ))
    });
    Ok(tokens)
}

/// The SDK's `DeviceRememberedStatusType` for srp-cognito's.
#[must_use]
pub fn device_remembered_status(status: DeviceRememberedStatus) -> DeviceRememberedStatusType {
    DeviceRememberedStatusType::from(status.as_str())
}

/// srp-cognito's challenge name for the SDK's `ChallengeNameType`.
#[must_use]
pub fn from_challenge_name_type(name: &ChallengeNameType) -> srp_cognito::ChallengeName {
    srp_cognito::ChallengeName::parse(name.as_str())
}

/// What InitiateAuth and RespondToAuthChallenge return, as the state machine reads it
/// ([`srp_cognito::SignIn::next`]): implemented for the SDK's `InitiateAuthOutput` and
/// `RespondToAuthChallengeOutput`, for callers who drive the state machine themselves.
pub trait Output {
    /// The response for the state machine.
    ///
    /// # Errors
    /// [`Error::Unexpected`] for an AuthenticationResult without an access token.
    fn response(&self) -> Result<AuthResponse, Error>;
}

macro_rules! output {
    ($output:ty) => {
        impl Output for $output {
            fn response(&self) -> Result<AuthResponse, Error> {
                let mut response = AuthResponse::default();
                response.challenge_name = self.challenge_name().map(|n| n.as_str().to_owned());
                response.challenge_parameters =
                    self.challenge_parameters().cloned().unwrap_or_default();
                response.session = self.session().map(str::to_owned);
                response.available_challenges = self
                    .available_challenges()
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect();
                response.authentication_result = self
                    .authentication_result()
                    .map(authentication_result)
                    .transpose()?;
                Ok(response)
            }
        }
    };
}

output!(InitiateAuthOutput);
output!(RespondToAuthChallengeOutput);

/// A sign-in, before it is sent: see [`sign_in`]. `Debug` shows the sign-in as
/// [`SignIn`]'s does (no password, no `a`).
#[must_use = "a sign-in does nothing until `.send().await`"]
#[derive(Debug)]
pub struct SignInBuilder<'a> {
    cognito: &'a Client,
    sign_in: SignIn,
}

/// A USER_SRP_AUTH sign-in of `username` (an alias is fine) with `password`, through
/// `cognito`; options on the builder, then `.send().await`.
pub fn sign_in<'a>(
    cognito: &'a Client,
    pool: PoolId,
    app: AppClient,
    username: &str,
    password: Password,
) -> SignInBuilder<'a> {
    SignInBuilder {
        cognito,
        sign_in: SignIn::user_srp(pool, app, username, password),
    }
}

impl<'a> SignInBuilder<'a> {
    /// The same sign-in with a state machine of your own (USER_AUTH, CUSTOM_AUTH, ...).
    pub fn with(cognito: &'a Client, sign_in: SignIn) -> Self {
        SignInBuilder { cognito, sign_in }
    }

    /// Sign in through a remembered device (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER).
    pub fn device(mut self, device: Option<RememberedDevice>) -> Self {
        if let Some(device) = device {
            self.sign_in = self.sign_in.device(device);
        }
        self
    }

    /// Read `SECRET_BLOCK` as local emulators send it (moto); Cognito never needs it.
    pub fn secret_block_decoding(mut self, decoding: SecretBlockDecoding) -> Self {
        self.sign_in = self.sign_in.secret_block_decoding(decoding);
        self
    }

    /// Runs the sign-in until tokens or a challenge for the user.
    ///
    /// # Errors
    /// [`Error::Service`] when Cognito refuses (a wrong password is
    /// `NotAuthorizedException`); [`Error::Refused`], [`Error::Sdk`].
    pub async fn send(mut self) -> Result<Outcome<'a>, Error> {
        let init = self.sign_in.start()?;
        let output = self
            .cognito
            .initiate_auth()
            .client_id(self.sign_in.client().client_id())
            .auth_flow(auth_flow(init.auth_flow))
            .set_auth_parameters(Some(init.parameters.into()))
            .send()
            .await?;
        drive(self.cognito, self.sign_in, output.response()?).await
    }
}

/// Feeds responses to the state machine and carries its answers, until tokens or a
/// challenge for the user (the state machine ends a server's loop:
/// [`SignIn::MAX_AUTOMATIC_ANSWERS`]).
async fn drive<'a>(
    cognito: &'a Client,
    mut sign_in: SignIn,
    mut response: AuthResponse,
) -> Result<Outcome<'a>, Error> {
    loop {
        match sign_in.next(response)? {
            Step::SignedIn(tokens) => {
                let username = sign_in.username();
                return Ok(Outcome::SignedIn(SignedIn::new(tokens, username)));
            }
            Step::Pending(challenge) => {
                return Ok(Outcome::Pending(Pending {
                    cognito,
                    sign_in,
                    challenge,
                }));
            }
            Step::Respond(respond) => response = respond_to(cognito, &sign_in, respond).await?,
        }
    }
}

async fn respond_to(
    cognito: &Client,
    sign_in: &SignIn,
    respond: Respond,
) -> Result<AuthResponse, Error> {
    let output = cognito
        .respond_to_auth_challenge()
        .client_id(sign_in.client().client_id())
        .challenge_name(challenge_name(&respond.challenge_name))
        .set_session(respond.session)
        .set_challenge_responses(Some(respond.responses.into()))
        .send()
        .await?;
    output.response()
}

/// How a sign-in ended.
#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per sign-in, moved into the caller's match"
)]
pub enum Outcome<'a> {
    /// Signed in.
    SignedIn(SignedIn),
    /// A challenge only the user can answer (MFA, a new password, ...).
    Pending(Pending<'a>),
}

/// The tokens of a sign-in, and the internal username (for a refresh's SECRET_HASH).
#[derive(Debug)]
#[non_exhaustive]
pub struct SignedIn {
    /// The tokens.
    pub tokens: AuthenticationResult,
    /// Cognito's internal username: what [`refresh`] computes SECRET_HASH with.
    pub username: String,
}

impl SignedIn {
    /// A sign-in's result kept from earlier (to remember its device later, say): its
    /// tokens and Cognito's internal username.
    #[must_use]
    pub fn new(tokens: AuthenticationResult, username: impl Into<String>) -> Self {
        SignedIn {
            tokens,
            username: username.into(),
        }
    }
}

/// A challenge for the user, with the sign-in that waits for its answer.
pub struct Pending<'a> {
    cognito: &'a Client,
    sign_in: SignIn,
    challenge: srp_cognito::Pending,
}

impl core::fmt::Debug for Pending<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Pending")
            .field("challenge", &self.challenge)
            .field("sign_in", &self.sign_in)
            .finish_non_exhaustive()
    }
}

impl<'a> Pending<'a> {
    /// The challenge and what it shows (where a code went, the MFA types offered, the
    /// attributes a new password needs).
    #[must_use]
    pub fn challenge(&self) -> &srp_cognito::Pending {
        &self.challenge
    }

    /// Answers the challenge and goes on until tokens or the next challenge.
    ///
    /// # Errors
    /// As [`SignInBuilder::send`]; [`Error::Refused`] with
    /// [`srp_cognito::Error::AnswerMismatch`] for an answer that does not fit.
    pub async fn answer(mut self, answer: Answer<'_>) -> Result<Outcome<'a>, Error> {
        let respond = self.sign_in.answer(answer)?;
        let response = respond_to(self.cognito, &self.sign_in, respond).await?;
        drive(self.cognito, self.sign_in, response).await
    }
}

/// Remembers the device of `signed_in` (its tokens must carry `NewDeviceMetadata`):
/// ConfirmDevice with a fresh verifier, then, where the pool lets users choose and
/// `remember` says so, UpdateDeviceStatus. Returns the device to keep, password included.
///
/// # Errors
/// [`Error::Refused`] without `NewDeviceMetadata`; [`Error::Service`], [`Error::Sdk`].
pub async fn confirm_device(
    cognito: &Client,
    signed_in: &SignedIn,
    device_name: Option<&str>,
    remember: bool,
) -> Result<RememberedDevice, Error> {
    let confirm = ConfirmDevice::for_result(&signed_in.tokens)?;
    let access_token = signed_in.tokens.access_token.expose_secret();
    let config = DeviceSecretVerifierConfigType::builder()
        .password_verifier(confirm.verifier.password_verifier())
        .salt(confirm.verifier.salt())
        .build();
    let output = cognito
        .confirm_device()
        .access_token(access_token)
        .device_key(confirm.device_key.as_str())
        .device_secret_verifier_config(config)
        .set_device_name(device_name.map(str::to_owned))
        .send()
        .await?;
    if let Some(status) =
        ConfirmDevice::status_after(output.user_confirmation_necessary(), remember)
    {
        cognito
            .update_device_status()
            .access_token(access_token)
            .device_key(confirm.device_key.as_str())
            .device_remembered_status(device_remembered_status(status))
            .send()
            .await?;
    }
    Ok(confirm.into_remembered_device())
}

/// New tokens for `refresh_token` through GetTokensFromRefreshToken, the newer operation
/// beside REFRESH_TOKEN_AUTH: it sends the app client's secret itself (no username needed)
/// and, where the app client rotates refresh tokens, returns a new one.
///
/// # Errors
/// As [`srp_cognito::refresh::GetTokensFromRefreshToken::new`]; [`Error::Service`];
/// [`Error::Unexpected`] without tokens.
pub async fn get_tokens_from_refresh_token(
    cognito: &Client,
    app: &AppClient,
    refresh_token: &Token,
    device_key: Option<&str>,
) -> Result<AuthenticationResult, Error> {
    let request = GetTokensFromRefreshToken::new(app, refresh_token, device_key)?;
    let output = cognito
        .get_tokens_from_refresh_token()
        .client_id(request.client_id())
        .set_client_secret(request.expose_client_secret().map(str::to_owned))
        .refresh_token(request.refresh_token().expose_secret())
        .set_device_key(request.device_key().map(str::to_owned))
        .send()
        .await?;
    let result = output.authentication_result().ok_or(Error::Unexpected(
        "no tokens after GetTokensFromRefreshToken",
    ))?;
    authentication_result(result)
}

/// New tokens for `refresh_token` (REFRESH_TOKEN_AUTH), with SECRET_HASH computed from the
/// internal `username` ([`SignedIn::username`]) and the device key of a remembered device.
///
/// # Errors
/// As [`srp_cognito::refresh::refresh`]; [`Error::Service`] (an expired or revoked token is
/// `NotAuthorizedException`); [`Error::Unexpected`] without tokens.
pub async fn refresh(
    cognito: &Client,
    app: &AppClient,
    refresh_token: &Token,
    username: Option<&str>,
    device_key: Option<&str>,
) -> Result<AuthenticationResult, Error> {
    let init = srp_cognito::refresh::refresh(app, refresh_token, username, device_key)?;
    let parameters: HashMap<String, String> = init.parameters.into();
    let output = cognito
        .initiate_auth()
        .client_id(app.client_id())
        .auth_flow(auth_flow(init.auth_flow))
        .set_auth_parameters(Some(parameters))
        .send()
        .await?;
    output
        .response()?
        .authentication_result
        .ok_or(Error::Unexpected("no tokens after REFRESH_TOKEN_AUTH"))
}
