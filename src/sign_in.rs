//! The whole sign-in as one sans-IO state machine: it starts a flow and turns each of
//! Cognito's responses into the next request, until tokens. No networking, no async: the
//! AWS SDK, an HTTP client or the CLI carries the requests ([`SignIn`]).

use core::fmt;
use std::collections::HashMap;

use rand_core::CryptoRng;

use crate::challenge::{Challenge, ResponseBuilder};
use crate::initiate::InitiateAuth;
use crate::{
    Answer, AppClient, AuthFlow, AuthenticationResult, ChallengeName, EphemeralSecret, Error,
    Parameters, Password, PoolId, RememberedDevice, SecretBlockDecoding, Selection, Timestamp,
};

/// What `Debug` prints in place of a secret.
const REDACTED: &str = "<redacted>";

/// What InitiateAuth or RespondToAuthChallenge returned, in the shape every transport can
/// fill (the SDK's output, Cognito's JSON): a challenge, or tokens. `Debug` redacts the
/// session and the tokens.
///
/// A transport starts from `AuthResponse::default()` and sets what the response holds
/// (with the `serde` feature, Cognito's JSON deserializes into it):
///
/// ```
/// use srp_cognito::AuthResponse;
/// let mut response = AuthResponse::default();
/// response.challenge_name = Some("PASSWORD_VERIFIER".to_owned());
/// response.session = Some("AYABeC...".to_owned());
/// ```
#[derive(Default)]
#[non_exhaustive]
pub struct AuthResponse {
    /// `ChallengeName`.
    pub challenge_name: Option<String>,
    /// `ChallengeParameters`.
    pub challenge_parameters: HashMap<String, String>,
    /// `Session`.
    pub session: Option<String>,
    /// `AvailableChallenges` (USER_AUTH).
    pub available_challenges: Vec<String>,
    /// `AuthenticationResult`.
    pub authentication_result: Option<AuthenticationResult>,
}

impl fmt::Debug for AuthResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthResponse")
            .field("challenge_name", &self.challenge_name)
            .field("challenge_parameters", &self.challenge_parameters)
            .field("session", &self.session.as_ref().map(|_| REDACTED))
            .field("available_challenges", &self.available_challenges)
            .field("authentication_result", &self.authentication_result)
            .finish()
    }
}

/// A RespondToAuthChallenge call: its `ChallengeName`, `ChallengeResponses` and `Session`
/// (the app client's id is the sign-in's). `Debug` redacts the session and, as
/// [`Parameters`] does, every response that is not public.
#[non_exhaustive]
pub struct Respond {
    /// `ChallengeName`.
    pub challenge_name: ChallengeName,
    /// `ChallengeResponses`.
    pub responses: Parameters,
    /// `Session`, as the previous response returned it.
    pub session: Option<String>,
}

impl fmt::Debug for Respond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Respond")
            .field("challenge_name", &self.challenge_name)
            .field("responses", &self.responses)
            .field("session", &self.session.as_ref().map(|_| REDACTED))
            .finish()
    }
}

/// A challenge the sign-in cannot answer alone (MFA, a new password, a custom
/// challenge, ...): what it needs to show, answered with [`SignIn::answer`].
#[derive(Debug)]
pub struct Pending {
    challenge: Challenge,
    available_challenges: Vec<String>,
}

impl Pending {
    /// The challenge's name.
    #[must_use]
    pub fn name(&self) -> &ChallengeName {
        self.challenge.name()
    }

    /// One of Cognito's `ChallengeParameters`.
    #[must_use]
    pub fn parameter(&self, key: &str) -> Option<&str> {
        self.challenge.parameter(key)
    }

    /// `CODE_DELIVERY_DESTINATION` (SMS_MFA, SMS_OTP, EMAIL_OTP): where the code went.
    #[must_use]
    pub fn code_delivery_destination(&self) -> Option<&str> {
        self.parameter("CODE_DELIVERY_DESTINATION")
    }

    /// The MFA types offered (SELECT_MFA_TYPE's `MFAS_CAN_CHOOSE`, MFA_SETUP's
    /// `MFAS_CAN_SETUP`), as Cognito names them.
    #[must_use]
    pub fn mfa_types(&self) -> Vec<String> {
        let list = self
            .parameter("MFAS_CAN_CHOOSE")
            .or_else(|| self.parameter("MFAS_CAN_SETUP"));
        list.map(json_strings).unwrap_or_default()
    }

    /// NEW_PASSWORD_REQUIRED's `requiredAttributes`, without their `userAttributes.`
    /// prefix.
    #[must_use]
    pub fn required_attributes(&self) -> Vec<String> {
        let list = self.parameter("requiredAttributes").map(json_strings);
        let names = list.unwrap_or_default().into_iter();
        names
            .map(|name| name.trim_start_matches("userAttributes.").to_owned())
            .collect()
    }

    /// SELECT_CHALLENGE's `AvailableChallenges`.
    #[must_use]
    pub fn available_challenges(&self) -> &[String] {
        &self.available_challenges
    }
}

/// The strings of a JSON array of strings, as Cognito writes lists into parameters
/// (`["SMS_MFA","SOFTWARE_TOKEN_MFA"]`); anything else gives none.
fn json_strings(text: &str) -> Vec<String> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'));
    let Some(inner) = inner else {
        return Vec::new();
    };
    inner
        .split(',')
        .map(|item| item.trim().trim_matches('"').to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// What to do after a response.
#[derive(Debug)]
pub enum Step {
    /// Send this RespondToAuthChallenge (the sign-in answered by itself).
    Respond(Respond),
    /// A challenge for the caller: answer it with [`SignIn::answer`].
    Pending(Pending),
    /// Signed in.
    SignedIn(AuthenticationResult),
}

/// Where the sign-in is.
enum State {
    /// Not started.
    New,
    /// InitiateAuth sent; its ephemeral secret waits for PASSWORD_VERIFIER.
    Initiated(EphemeralSecret),
    /// Waiting for a response that is not PASSWORD_VERIFIER (its `a` is spent).
    Answered,
    /// DEVICE_SRP_AUTH answered; its ephemeral secret waits for DEVICE_PASSWORD_VERIFIER.
    DeviceInitiated(EphemeralSecret),
    /// A challenge is the caller's to answer.
    Pending(Challenge),
    /// Signed in, or failed: nothing more to send.
    Over,
}

/// The SRP sign-in as a state machine, sans IO.
///
/// It owns the secrets (the ephemeral `a`, consumed once; the password, wiped on drop),
/// remembers Cognito's internal username for every later step, computes `SECRET_HASH` and
/// adds `DEVICE_KEY` on every step, and carries the `Session`. It answers
/// PASSWORD_VERIFIER by itself, and DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER when a
/// remembered device is given; every other challenge comes back as [`Step::Pending`].
///
/// ```
/// use srp_cognito::{AppClient, AuthResponse, Password, PoolId, SignIn, Step};
/// # use std::collections::HashMap;
/// let pool = PoolId::parse("us-east-1_AbCdEf123")?;
/// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
/// let mut sign_in = SignIn::user_srp(pool, client, "alice@example.com", Password::new("pw"));
/// let initiate = sign_in.start()?; // send InitiateAuth with initiate.auth_flow and .parameters
/// # let mut response = AuthResponse::default();
/// # response.challenge_name = Some("PASSWORD_VERIFIER".into());
/// # response.challenge_parameters = HashMap::from([
/// #     ("USERNAME".to_owned(), "6f1d3f2a".to_owned()),
/// #     ("USER_ID_FOR_SRP".to_owned(), "6f1d3f2a".to_owned()),
/// #     ("SALT".to_owned(), "8bb7dcf905f418bf27b6623aa4d2f58f".to_owned()),
/// #     ("SRP_B".to_owned(), "cccd551910a5a4a05af370b8f7340bd4".to_owned()),
/// #     ("SECRET_BLOCK".to_owned(), "c2VjcmV0IGJsb2Nr".to_owned()),
/// # ]);
/// // Each response Cognito returns gives the next step:
/// match sign_in.next(response)? {
///     Step::Respond(respond) => { /* send RespondToAuthChallenge, feed its response back */ }
///     Step::Pending(challenge) => { /* ask the user, then sign_in.answer(...) */ }
///     Step::SignedIn(tokens) => { /* done */ }
/// }
/// # let _ = initiate;
/// # Ok::<(), srp_cognito::Error>(())
/// ```
pub struct SignIn {
    pool: PoolId,
    client: AppClient,
    flow: AuthFlow,
    /// What the user typed (an alias is fine), sent with InitiateAuth.
    typed_username: String,
    /// Cognito's internal username, once a challenge named it.
    username: Option<String>,
    password: Password,
    device: Option<RememberedDevice>,
    decoding: SecretBlockDecoding,
    session: Option<String>,
    state: State,
    /// Challenges answered by the sign-in itself since the caller last answered one.
    automatic: usize,
}

impl fmt::Debug for SignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignIn")
            .field("pool", &self.pool)
            .field("client", &self.client)
            .field("flow", &self.flow)
            .field("username", &self.username())
            .field("device", &self.device)
            .finish_non_exhaustive() // the password, a and the session
    }
}

impl SignIn {
    /// The most challenges a sign-in answers by itself in a row (SELECT_CHALLENGE,
    /// PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, with room to spare);
    /// one more is refused with [`Error::TooManyRoundTrips`], so a transport's loop ends
    /// even against a server that keeps asking.
    pub const MAX_AUTOMATIC_ANSWERS: usize = 6;

    /// A sign-in of `flow`: `USER_SRP_AUTH`, `USER_AUTH` (preferring `PASSWORD_SRP`) or
    /// `CUSTOM_AUTH` (starting with SRP), as [`SignIn::user_srp`], [`SignIn::user_auth`]
    /// and [`SignIn::custom_srp`]; for a flow chosen at run time.
    ///
    /// ```
    /// use srp_cognito::{AppClient, AuthFlow, Password, PoolId, SignIn};
    /// let flow: AuthFlow = "USER_AUTH".parse()?;
    /// let pool = PoolId::parse("us-east-1_AbCdEf123")?;
    /// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
    /// let sign_in = SignIn::new(flow, pool, client, "alice", Password::new("pw"))?;
    /// # let _ = sign_in;
    /// # Ok::<(), srp_cognito::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnsupportedFlow`] for `REFRESH_TOKEN_AUTH` (see [`crate::refresh`]).
    pub fn new(
        flow: AuthFlow,
        pool: PoolId,
        client: AppClient,
        username: impl Into<String>,
        password: Password,
    ) -> Result<Self, Error> {
        if flow == AuthFlow::RefreshTokenAuth {
            return Err(Error::UnsupportedFlow);
        }
        Ok(Self::of(flow, pool, client, username.into(), password))
    }

    fn of(
        flow: AuthFlow,
        pool: PoolId,
        client: AppClient,
        typed_username: String,
        password: Password,
    ) -> Self {
        SignIn {
            pool,
            client,
            flow,
            typed_username,
            username: None,
            password,
            device: None,
            decoding: SecretBlockDecoding::Strict,
            session: None,
            state: State::New,
            automatic: 0,
        }
    }

    /// A `USER_SRP_AUTH` sign-in.
    #[must_use]
    pub fn user_srp(
        pool: PoolId,
        client: AppClient,
        username: impl Into<String>,
        password: Password,
    ) -> Self {
        Self::of(
            AuthFlow::UserSrpAuth,
            pool,
            client,
            username.into(),
            password,
        )
    }

    /// A `USER_AUTH` sign-in preferring `PASSWORD_SRP` (choosing it in SELECT_CHALLENGE
    /// when Cognito offers a choice).
    #[must_use]
    pub fn user_auth(
        pool: PoolId,
        client: AppClient,
        username: impl Into<String>,
        password: Password,
    ) -> Self {
        Self::of(AuthFlow::UserAuth, pool, client, username.into(), password)
    }

    /// A `CUSTOM_AUTH` sign-in starting with SRP (`CHALLENGE_NAME=SRP_A`); the custom
    /// challenges after PASSWORD_VERIFIER come back as [`Step::Pending`].
    #[must_use]
    pub fn custom_srp(
        pool: PoolId,
        client: AppClient,
        username: impl Into<String>,
        password: Password,
    ) -> Self {
        Self::of(
            AuthFlow::CustomAuth,
            pool,
            client,
            username.into(),
            password,
        )
    }

    /// The same sign-in with a remembered device: `DEVICE_KEY` on every step, and
    /// DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered.
    #[must_use]
    pub fn device(mut self, device: RememberedDevice) -> Self {
        self.device = Some(device);
        self
    }

    /// The same sign-in reading `SECRET_BLOCK` as `decoding` says (local emulators).
    #[must_use]
    pub fn secret_block_decoding(mut self, decoding: SecretBlockDecoding) -> Self {
        self.decoding = decoding;
        self
    }

    /// The app client.
    #[must_use]
    pub fn client(&self) -> &AppClient {
        &self.client
    }

    /// The username for the next step: Cognito's internal username once a challenge
    /// named it, else what the user typed.
    #[must_use]
    pub fn username(&self) -> &str {
        self.username.as_deref().unwrap_or(&self.typed_username)
    }

    /// The name of the challenge waiting for [`SignIn::answer`], if one is.
    #[must_use]
    pub fn pending(&self) -> Option<&ChallengeName> {
        match &self.state {
            State::Pending(challenge) => Some(challenge.name()),
            _ => None,
        }
    }

    /// Cognito's `Session` parameter of the last response (not the SRP session key).
    #[must_use]
    pub fn session(&self) -> Option<&str> {
        self.session.as_deref()
    }

    /// Whether an ephemeral secret is waiting for its challenge: after [`SignIn::start`]
    /// (and a SELECT_CHALLENGE answer, which sends the same `SRP_A`) until PASSWORD_VERIFIER,
    /// and after DEVICE_SRP_AUTH until DEVICE_PASSWORD_VERIFIER. A tool that keeps `a`
    /// between processes (the CLI's `initiate` and `respond`) discards it once this is false.
    #[must_use]
    pub fn holds_ephemeral(&self) -> bool {
        matches!(self.state, State::Initiated(_) | State::DeviceInitiated(_))
    }

    /// The InitiateAuth call, with a fresh ephemeral secret from the OS.
    ///
    /// # Errors
    /// [`Error::Rng`]; [`Error::OutOfTurn`] if the sign-in was started already; as
    /// [`InitiateAuth::srp`].
    pub fn start(&mut self) -> Result<InitiateAuth, Error> {
        self.start_with(EphemeralSecret::random()?)
    }

    /// [`SignIn::start`] with the given ephemeral secret: the deterministic entry point.
    ///
    /// # Errors
    /// As [`SignIn::start`], but for [`Error::Rng`].
    pub fn start_with(&mut self, a: EphemeralSecret) -> Result<InitiateAuth, Error> {
        if !matches!(self.state, State::New) {
            return Err(Error::OutOfTurn);
        }
        let device_key = self.device.as_ref().map(|d| d.device_key.as_str());
        let initiate = InitiateAuth::srp(
            self.flow,
            &self.client,
            &self.typed_username,
            a.srp_a(),
            device_key,
        )?;
        self.state = State::Initiated(a);
        Ok(initiate)
    }

    /// The next step after Cognito's `response`, at the system clock's time and with the
    /// OS's randomness.
    ///
    /// # Errors
    /// [`Error::OutOfTurn`] for a response that does not fit the sign-in's state (a
    /// second PASSWORD_VERIFIER, DEVICE_PASSWORD_VERIFIER before DEVICE_SRP_AUTH, a
    /// response after tokens); [`Error::MalformedResponse`] for one that is neither a
    /// challenge nor tokens; every refusal of the claims ([`crate::steps::Challenge::password_claim`]).
    pub fn next(&mut self, response: AuthResponse) -> Result<Step, Error> {
        let now = Timestamp::now()?;
        self.step(response, &now, &mut EphemeralSecret::random)
    }

    /// [`SignIn::next`] at time `now`, with the OS's randomness: for targets whose clock
    /// is not std's (wasm32-unknown-unknown, where the time comes from JavaScript).
    ///
    /// # Errors
    /// As [`SignIn::next`].
    pub fn next_at(&mut self, response: AuthResponse, now: &Timestamp) -> Result<Step, Error> {
        self.step(response, now, &mut EphemeralSecret::random)
    }

    /// [`SignIn::next`] at time `now`, drawing the device's ephemeral secret from `rng`:
    /// the deterministic entry point.
    ///
    /// # Errors
    /// As [`SignIn::next`].
    pub fn next_with<R: CryptoRng + ?Sized>(
        &mut self,
        response: AuthResponse,
        now: &Timestamp,
        rng: &mut R,
    ) -> Result<Step, Error> {
        self.step(response, now, &mut || EphemeralSecret::random_from_rng(rng))
    }

    /// The next step; `draw` gives the device's ephemeral secret when one is needed. Every
    /// error ends the sign-in (a refused claim, a malformed response, a challenge out of
    /// turn: nothing later is answered); only a `next` before `start`, which sent nothing,
    /// leaves it as it was.
    fn step(
        &mut self,
        response: AuthResponse,
        now: &Timestamp,
        draw: &mut dyn FnMut() -> Result<EphemeralSecret, Error>,
    ) -> Result<Step, Error> {
        if matches!(self.state, State::New) {
            return Err(Error::OutOfTurn);
        }
        let step = self.answer_response(response, now, draw);
        if step.is_err() {
            self.state = State::Over;
        }
        step
    }

    /// [`SignIn::step`]'s work, which may leave the state half-changed when it fails.
    fn answer_response(
        &mut self,
        response: AuthResponse,
        now: &Timestamp,
        draw: &mut dyn FnMut() -> Result<EphemeralSecret, Error>,
    ) -> Result<Step, Error> {
        if matches!(self.state, State::Over) {
            return Err(Error::OutOfTurn);
        }
        if self.automatic >= Self::MAX_AUTOMATIC_ANSWERS {
            return Err(Error::TooManyRoundTrips);
        }
        if response.session.is_some() {
            self.session = response.session;
        }
        let Some(name) = response.challenge_name else {
            return match response.authentication_result {
                Some(result) => {
                    self.state = State::Over;
                    Ok(Step::SignedIn(result))
                }
                None => Err(Error::MalformedResponse),
            };
        };
        let challenge = Challenge::new(name.as_str(), response.challenge_parameters)
            .with_secret_block_decoding(self.decoding);
        if let Some(username) = challenge.username() {
            self.username = Some(username.to_owned());
        }
        let state = core::mem::replace(&mut self.state, State::Answered);
        let answered = match (challenge.name(), state, &self.device) {
            (ChallengeName::PasswordVerifier, State::Initiated(a), _) => {
                let claim = challenge.password_claim(a, &self.pool, &self.password, now)?;
                self.respond(&challenge, Answer::PasswordVerifier(&claim))?
            }
            (ChallengeName::SelectChallenge, State::Initiated(a), _)
                if response
                    .available_challenges
                    .iter()
                    .any(|c| c == "PASSWORD_SRP") =>
            {
                // The same `a`: its SRP_A answers the choice, PASSWORD_VERIFIER follows.
                let respond = self.respond(
                    &challenge,
                    Answer::SelectChallenge(Selection::PasswordSrp(a.srp_a())),
                )?;
                self.state = State::Initiated(a);
                self.automatic += 1;
                return Ok(Step::Respond(respond));
            }
            (ChallengeName::DeviceSrpAuth, State::Answered, Some(_)) => {
                let a = draw()?;
                let respond = self.respond(&challenge, Answer::DeviceSrpAuth(a.srp_a()))?;
                self.state = State::DeviceInitiated(a);
                self.automatic += 1;
                return Ok(Step::Respond(respond));
            }
            (ChallengeName::DevicePasswordVerifier, State::DeviceInitiated(a), Some(device)) => {
                let claim = challenge.device_password_claim(a, device, now)?;
                self.respond(&challenge, Answer::DevicePasswordVerifier(&claim))?
            }
            (
                ChallengeName::PasswordVerifier
                | ChallengeName::DeviceSrpAuth
                | ChallengeName::DevicePasswordVerifier,
                _,
                _,
            ) => return Err(Error::OutOfTurn),
            // Every other challenge is the caller's (its `a`, if unused, is dropped).
            _ => {
                let pending = Pending {
                    challenge: challenge.clone(),
                    available_challenges: response.available_challenges,
                };
                self.state = State::Pending(challenge);
                return Ok(Step::Pending(pending));
            }
        };
        self.automatic += 1;
        Ok(Step::Respond(answered))
    }

    /// The RespondToAuthChallenge that answers the pending challenge with `answer` (an
    /// MFA code, a new password, a custom answer, ...).
    ///
    /// # Errors
    /// [`Error::OutOfTurn`] when no challenge is pending; [`Error::AnswerMismatch`] when
    /// `answer` does not fit it (the challenge stays pending); as
    /// [`ResponseBuilder::build`].
    pub fn answer(&mut self, answer: Answer<'_>) -> Result<Respond, Error> {
        let challenge = match core::mem::replace(&mut self.state, State::Answered) {
            State::Pending(challenge) => challenge,
            other => {
                self.state = other;
                return Err(Error::OutOfTurn);
            }
        };
        match self.respond(&challenge, answer) {
            Ok(respond) => {
                self.automatic = 0;
                Ok(respond)
            }
            Err(e) => {
                self.state = State::Pending(challenge);
                Err(e)
            }
        }
    }

    /// The responses to `challenge`: USERNAME (the internal one), SECRET_HASH, DEVICE_KEY.
    fn respond(&self, challenge: &Challenge, answer: Answer<'_>) -> Result<Respond, Error> {
        let builder =
            ResponseBuilder::new(challenge, &self.client).fallback_username(self.username());
        let builder = match &self.device {
            Some(device) => builder.device_key(&device.device_key),
            None => builder,
        };
        Ok(Respond {
            challenge_name: challenge.name().clone(),
            responses: builder.build(answer)?,
            session: self.session.clone(),
        })
    }
}
