//! Challenges Cognito issues, and the `ChallengeResponses` that answer them.

use core::fmt;
use std::collections::HashMap;

use crate::srp::{PasswordClaim, SessionKey, check_identity};
use crate::{
    AppClient, EphemeralSecret, Error, Parameters, Password, PoolId, RememberedDevice,
    SecretBlockDecoding, SrpA, Timestamp,
};

macro_rules! challenge_names {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// The name of a challenge of InitiateAuth / RespondToAuthChallenge.
        ///
        /// Cognito adds challenges over time: a name this crate does not know is kept as
        /// [`ChallengeName::Other`] and can still be answered (see [`Answer::Other`]).
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ChallengeName {
            $($(#[$doc])* $variant,)*
            /// A challenge this crate does not know by name.
            Other(String),
        }

        impl ChallengeName {
            /// The name for a challenge-name string (never fails: unknown names are `Other`).
            #[must_use]
            pub fn parse(name: &str) -> Self {
                match name {
                    $($name => ChallengeName::$variant,)*
                    other => ChallengeName::Other(other.to_owned()),
                }
            }

            /// The name as Cognito spells it.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(ChallengeName::$variant => $name,)*
                    ChallengeName::Other(name) => name,
                }
            }
        }
    };
}

challenge_names! {
    /// `SMS_MFA`: answered with `SMS_MFA_CODE`.
    SmsMfa = "SMS_MFA",
    /// `SMS_OTP`: answered with `SMS_OTP_CODE`.
    SmsOtp = "SMS_OTP",
    /// `EMAIL_OTP`: answered with `EMAIL_OTP_CODE`.
    EmailOtp = "EMAIL_OTP",
    /// `SOFTWARE_TOKEN_MFA`: answered with `SOFTWARE_TOKEN_MFA_CODE`.
    SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA",
    /// `SELECT_MFA_TYPE`: answered with `ANSWER`, the MFA type.
    SelectMfaType = "SELECT_MFA_TYPE",
    /// `SELECT_CHALLENGE` (USER_AUTH): answered with `ANSWER` and what the choice needs.
    SelectChallenge = "SELECT_CHALLENGE",
    /// `MFA_SETUP`: answered with `USERNAME` (and the Session from VerifySoftwareToken).
    MfaSetup = "MFA_SETUP",
    /// `PASSWORD_VERIFIER`: answered with the SRP password claim.
    PasswordVerifier = "PASSWORD_VERIFIER",
    /// `CUSTOM_CHALLENGE`: answered with `ANSWER`.
    CustomChallenge = "CUSTOM_CHALLENGE",
    /// `DEVICE_SRP_AUTH`: answered with the device's `SRP_A`.
    DeviceSrpAuth = "DEVICE_SRP_AUTH",
    /// `DEVICE_PASSWORD_VERIFIER`: answered with the device's SRP password claim.
    DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER",
    /// `NEW_PASSWORD_REQUIRED`: answered with `NEW_PASSWORD` and `userAttributes.*`.
    NewPasswordRequired = "NEW_PASSWORD_REQUIRED",
    /// `PASSWORD` (USER_AUTH): answered with `PASSWORD`.
    Password = "PASSWORD",
    /// `PASSWORD_SRP` (USER_AUTH): answered with `SRP_A`.
    PasswordSrp = "PASSWORD_SRP",
    /// `WEB_AUTHN` (USER_AUTH): answered with `CREDENTIAL`.
    WebAuthn = "WEB_AUTHN",
    /// `ADMIN_NO_SRP_AUTH`: refused; it is not answered through RespondToAuthChallenge.
    AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
}

impl fmt::Display for ChallengeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ChallengeName {
    fn from(name: &str) -> Self {
        ChallengeName::parse(name)
    }
}

/// A challenge as InitiateAuth or RespondToAuthChallenge returned it: its name and its
/// `ChallengeParameters`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    name: ChallengeName,
    parameters: HashMap<String, String>,
    decoding: SecretBlockDecoding,
}

impl Challenge {
    /// A challenge from its name and parameters (as the AWS SDK returns them).
    pub fn new(name: impl Into<ChallengeName>, parameters: HashMap<String, String>) -> Self {
        Challenge {
            name: name.into(),
            parameters,
            decoding: SecretBlockDecoding::Strict,
        }
    }

    /// The same challenge, its `SECRET_BLOCK` to be read as `decoding` says by
    /// [`Challenge::password_claim`] and [`Challenge::device_password_claim`]
    /// ([`SecretBlockDecoding::Strict`] unless set).
    #[must_use]
    pub fn with_secret_block_decoding(mut self, decoding: SecretBlockDecoding) -> Self {
        self.decoding = decoding;
        self
    }

    /// How this challenge's `SECRET_BLOCK` is read.
    #[must_use]
    pub fn secret_block_decoding(&self) -> SecretBlockDecoding {
        self.decoding
    }

    /// The challenge's name.
    #[must_use]
    pub fn name(&self) -> &ChallengeName {
        &self.name
    }

    /// One of the challenge's parameters.
    #[must_use]
    pub fn parameter(&self, key: &str) -> Option<&str> {
        self.parameters.get(key).map(String::as_str)
    }

    fn required(&self, key: &'static str) -> Result<&str, Error> {
        self.parameter(key)
            .ok_or(Error::MissingParameter { name: key })
    }

    /// The `USERNAME` a response to this challenge carries: the challenge's `USERNAME`,
    /// or its `USER_ID_FOR_SRP` when `USERNAME` is absent. In Cognito both are the user's
    /// internal username, never the alias (email, phone) the user typed.
    #[must_use]
    pub fn username(&self) -> Option<&str> {
        self.parameter("USERNAME")
            .or_else(|| self.parameter("USER_ID_FOR_SRP"))
    }

    /// Computes the PASSWORD_VERIFIER claim: consumes the ephemeral secret sent as
    /// `SRP_A`, reads `SALT`, `SRP_B`, `SECRET_BLOCK` and `USER_ID_FOR_SRP` from the
    /// challenge, and signs with the pool name and `USER_ID_FOR_SRP`.
    ///
    /// # Errors
    /// [`Error::AnswerMismatch`] if this is not a PASSWORD_VERIFIER challenge;
    /// [`Error::MissingParameter`]; and every refusal of [`SessionKey::user`] and
    /// [`SessionKey::claim`].
    pub fn password_claim(
        &self,
        a: EphemeralSecret,
        pool: &PoolId,
        password: &Password,
        timestamp: &Timestamp,
    ) -> Result<PasswordClaim, Error> {
        if self.name != ChallengeName::PasswordVerifier {
            return Err(Error::AnswerMismatch);
        }
        let session = SessionKey::user(
            a,
            pool,
            self.required("USER_ID_FOR_SRP")?,
            password,
            self.required("SALT")?,
            self.required("SRP_B")?,
        )?;
        session.claim_with(self.required("SECRET_BLOCK")?, timestamp, self.decoding)
    }

    /// Computes the DEVICE_PASSWORD_VERIFIER claim with the remembered device's group key,
    /// key and password, from the challenge's `SALT`, `SRP_B` and `SECRET_BLOCK`.
    ///
    /// # Errors
    /// [`Error::AnswerMismatch`] if this is not a DEVICE_PASSWORD_VERIFIER challenge;
    /// [`Error::MissingParameter`]; and every refusal of [`SessionKey::device`] and
    /// [`SessionKey::claim`].
    pub fn device_password_claim(
        &self,
        a: EphemeralSecret,
        device: &RememberedDevice,
        timestamp: &Timestamp,
    ) -> Result<PasswordClaim, Error> {
        if self.name != ChallengeName::DevicePasswordVerifier {
            return Err(Error::AnswerMismatch);
        }
        let session = SessionKey::device(
            a,
            &device.device_group_key,
            &device.device_key,
            &device.device_password,
            self.required("SALT")?,
            self.required("SRP_B")?,
        )?;
        session.claim_with(self.required("SECRET_BLOCK")?, timestamp, self.decoding)
    }
}

/// An MFA type, the `ANSWER` of SELECT_MFA_TYPE (and what `MFAS_CAN_CHOOSE` lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MfaType {
    /// `SMS_MFA`.
    SmsMfa,
    /// `SOFTWARE_TOKEN_MFA`.
    SoftwareTokenMfa,
    /// `EMAIL_OTP`.
    EmailOtp,
}

impl MfaType {
    /// The type's name as Cognito spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MfaType::SmsMfa => "SMS_MFA",
            MfaType::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            MfaType::EmailOtp => "EMAIL_OTP",
        }
    }
}

impl core::str::FromStr for MfaType {
    type Err = Error;

    /// The MFA type Cognito names `name` (`SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for any other name.
    fn from_str(name: &str) -> Result<Self, Error> {
        [
            MfaType::SmsMfa,
            MfaType::SoftwareTokenMfa,
            MfaType::EmailOtp,
        ]
        .into_iter()
        .find(|mfa| mfa.as_str() == name)
        .ok_or(Error::UnknownName { what: "MfaType" })
    }
}

impl fmt::Display for MfaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The choice made in SELECT_CHALLENGE (`ANSWER`), with what that choice needs.
///
/// `Debug` redacts the WebAuthn credential.
pub enum Selection<'a> {
    /// `ANSWER=PASSWORD`, with `PASSWORD`.
    Password(&'a Password),
    /// `ANSWER=PASSWORD_SRP`, with `SRP_A`.
    PasswordSrp(&'a SrpA),
    /// `ANSWER=WEB_AUTHN`, with `CREDENTIAL` (the AuthenticationResponseJSON).
    WebAuthn(&'a str),
    /// `ANSWER=SMS_OTP`: Cognito then sends a code and issues SMS_OTP.
    SmsOtp,
    /// `ANSWER=EMAIL_OTP`: Cognito then sends a code and issues EMAIL_OTP.
    EmailOtp,
}

/// What the user answers; each variant fits one challenge.
///
/// `Debug` shows which answer it is, never its secret parts: codes, custom answers,
/// passwords, the WebAuthn credential and the values of unknown challenges' entries are
/// redacted.
#[non_exhaustive]
pub enum Answer<'a> {
    /// SMS_MFA: the code received by SMS.
    SmsMfaCode(&'a str),
    /// SMS_OTP: the code received by SMS.
    SmsOtpCode(&'a str),
    /// EMAIL_OTP: the code received by email.
    EmailOtpCode(&'a str),
    /// SOFTWARE_TOKEN_MFA: the TOTP code.
    SoftwareTokenMfaCode(&'a str),
    /// SELECT_MFA_TYPE: the type chosen.
    SelectMfaType(MfaType),
    /// SELECT_CHALLENGE: the challenge chosen.
    SelectChallenge(Selection<'a>),
    /// MFA_SETUP, after AssociateSoftwareToken and VerifySoftwareToken.
    MfaSetup,
    /// PASSWORD_VERIFIER: the claim from [`Challenge::password_claim`].
    PasswordVerifier(&'a PasswordClaim),
    /// CUSTOM_CHALLENGE: the answer for the custom auth Lambda.
    CustomChallenge(&'a str),
    /// DEVICE_SRP_AUTH: `SRP_A` of a fresh ephemeral secret for the device.
    DeviceSrpAuth(&'a SrpA),
    /// DEVICE_PASSWORD_VERIFIER: the claim from [`Challenge::device_password_claim`].
    DevicePasswordVerifier(&'a PasswordClaim),
    /// NEW_PASSWORD_REQUIRED: the new password and attributes to set, by attribute name
    /// (sent as `userAttributes.<name>`).
    NewPassword {
        /// `NEW_PASSWORD`.
        password: &'a Password,
        /// `(name, value)` pairs, e.g. `("name", "Alice")`.
        attributes: &'a [(&'a str, &'a str)],
    },
    /// PASSWORD: the password.
    Password(&'a Password),
    /// PASSWORD_SRP: `SRP_A`.
    PasswordSrp(&'a SrpA),
    /// WEB_AUTHN: `CREDENTIAL`, the AuthenticationResponseJSON.
    WebAuthn(&'a str),
    /// A challenge this crate does not know: the entries to send besides `USERNAME`,
    /// `SECRET_HASH` and `DEVICE_KEY`.
    Other(&'a [(&'a str, &'a str)]),
}

/// What `Debug` prints in place of a secret.
const REDACTED: &str = "<redacted>";

impl fmt::Debug for Selection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selection::Password(password) => f.debug_tuple("Password").field(password).finish(),
            Selection::PasswordSrp(srp_a) => f.debug_tuple("PasswordSrp").field(srp_a).finish(),
            Selection::WebAuthn(_) => f.debug_tuple("WebAuthn").field(&REDACTED).finish(),
            Selection::SmsOtp => f.write_str("SmsOtp"),
            Selection::EmailOtp => f.write_str("EmailOtp"),
        }
    }
}

impl fmt::Debug for Answer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted =
            |f: &mut fmt::Formatter<'_>, name: &str| f.debug_tuple(name).field(&REDACTED).finish();
        match self {
            Answer::SmsMfaCode(_) => redacted(f, "SmsMfaCode"),
            Answer::SmsOtpCode(_) => redacted(f, "SmsOtpCode"),
            Answer::EmailOtpCode(_) => redacted(f, "EmailOtpCode"),
            Answer::SoftwareTokenMfaCode(_) => redacted(f, "SoftwareTokenMfaCode"),
            Answer::CustomChallenge(_) => redacted(f, "CustomChallenge"),
            Answer::WebAuthn(_) => redacted(f, "WebAuthn"),
            Answer::SelectMfaType(kind) => f.debug_tuple("SelectMfaType").field(kind).finish(),
            Answer::SelectChallenge(choice) => {
                f.debug_tuple("SelectChallenge").field(choice).finish()
            }
            Answer::MfaSetup => f.write_str("MfaSetup"),
            Answer::PasswordVerifier(claim) => {
                f.debug_tuple("PasswordVerifier").field(claim).finish()
            }
            Answer::DeviceSrpAuth(srp_a) => f.debug_tuple("DeviceSrpAuth").field(srp_a).finish(),
            Answer::DevicePasswordVerifier(claim) => f
                .debug_tuple("DevicePasswordVerifier")
                .field(claim)
                .finish(),
            Answer::NewPassword {
                password,
                attributes,
            } => f
                .debug_struct("NewPassword")
                .field("password", password)
                .field("attributes", attributes)
                .finish(),
            Answer::Password(password) => f.debug_tuple("Password").field(password).finish(),
            Answer::PasswordSrp(srp_a) => f.debug_tuple("PasswordSrp").field(srp_a).finish(),
            Answer::Other(entries) => {
                let names: Vec<&str> = entries.iter().map(|&(name, _)| name).collect();
                f.debug_struct("Other")
                    .field("names", &names)
                    .field("values", &REDACTED)
                    .finish()
            }
        }
    }
}

/// Fills the `ChallengeResponses` of RespondToAuthChallenge for one challenge.
///
/// Rules applied to every response: `USERNAME` is the challenge's `USERNAME` (or
/// `USER_ID_FOR_SRP`), never the alias the user typed; `SECRET_HASH`, computed from that
/// `USERNAME`, is added whenever the app client has a secret; `DEVICE_KEY` is added
/// whenever a remembered device is set. `ADMIN_NO_SRP_AUTH` is refused.
///
/// ```
/// use std::collections::HashMap;
/// use srp_cognito::steps::{Challenge, ResponseBuilder};
/// use srp_cognito::{Answer, AppClient, ClientSecret};
///
/// let params = HashMap::from([("USERNAME".to_owned(), "0c3e7a52-internal".to_owned())]);
/// let challenge = Challenge::new("SOFTWARE_TOKEN_MFA", params);
/// let client = AppClient::with_secret("3z57ildt8dipg4dt9wl5m6ulaf", ClientSecret::new("s3"))?;
/// let responses = ResponseBuilder::new(&challenge, &client)
///     .build(Answer::SoftwareTokenMfaCode("123456"))?;
/// assert_eq!(responses.keys(), ["SECRET_HASH", "SOFTWARE_TOKEN_MFA_CODE", "USERNAME"]);
/// assert_eq!(responses.get("USERNAME"), Some("0c3e7a52-internal"));
/// # Ok::<(), srp_cognito::Error>(())
/// ```
#[derive(Debug)]
pub struct ResponseBuilder<'a> {
    challenge: &'a Challenge,
    client: &'a AppClient,
    device_key: Option<&'a str>,
    fallback_username: Option<&'a str>,
}

impl<'a> ResponseBuilder<'a> {
    /// A builder for answering `challenge` through `client`.
    #[must_use]
    pub fn new(challenge: &'a Challenge, client: &'a AppClient) -> Self {
        ResponseBuilder {
            challenge,
            client,
            device_key: None,
            fallback_username: None,
        }
    }

    /// Adds `DEVICE_KEY`: a remembered device is in use.
    #[must_use]
    pub fn device_key(mut self, device_key: &'a str) -> Self {
        self.device_key = Some(device_key);
        self
    }

    /// The username to send only if the challenge carries neither `USERNAME` nor
    /// `USER_ID_FOR_SRP` (Cognito's challenges normally carry one).
    #[must_use]
    pub fn fallback_username(mut self, username: &'a str) -> Self {
        self.fallback_username = Some(username);
        self
    }

    /// The `ChallengeResponses` for `answer`.
    ///
    /// # Errors
    /// [`Error::UnsupportedChallenge`] for ADMIN_NO_SRP_AUTH; [`Error::AnswerMismatch`]
    /// when the answer does not fit the challenge (or an [`Answer::Other`] entry would
    /// replace `USERNAME`, `SECRET_HASH` or `DEVICE_KEY`);
    /// [`Error::MissingParameter`] without a username, or without a device key for a
    /// device challenge; [`Error::EmptyInput`] for an empty code or answer.
    pub fn build(&self, answer: Answer<'_>) -> Result<Parameters, Error> {
        use ChallengeName as C;
        let mut out = Parameters::new();
        let name = self.challenge.name();
        if *name == C::AdminNoSrpAuth {
            return Err(Error::UnsupportedChallenge);
        }
        let text = |key: &'static str, value: &str, out: &mut Parameters| {
            if value.is_empty() {
                return Err(Error::EmptyInput { field: key });
            }
            out.insert(key, value);
            Ok(())
        };
        let claim = |claim: &PasswordClaim, out: &mut Parameters| {
            out.insert("PASSWORD_CLAIM_SIGNATURE", claim.signature());
            out.insert("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block());
            out.insert("TIMESTAMP", claim.timestamp().as_str());
        };
        match (name, answer) {
            (C::SmsMfa, Answer::SmsMfaCode(code)) => text("SMS_MFA_CODE", code, &mut out)?,
            (C::SmsOtp, Answer::SmsOtpCode(code)) => text("SMS_OTP_CODE", code, &mut out)?,
            (C::EmailOtp, Answer::EmailOtpCode(code)) => {
                text("EMAIL_OTP_CODE", code, &mut out)?;
            }
            (C::SoftwareTokenMfa, Answer::SoftwareTokenMfaCode(code)) => {
                text("SOFTWARE_TOKEN_MFA_CODE", code, &mut out)?;
            }
            (C::SelectMfaType, Answer::SelectMfaType(mfa)) => out.insert("ANSWER", mfa.as_str()),
            (C::SelectChallenge, Answer::SelectChallenge(selection)) => match selection {
                Selection::Password(password) => {
                    out.insert("ANSWER", "PASSWORD");
                    out.insert("PASSWORD", password.expose());
                }
                Selection::PasswordSrp(srp_a) => {
                    out.insert("ANSWER", "PASSWORD_SRP");
                    out.insert("SRP_A", srp_a.as_str());
                }
                Selection::WebAuthn(credential) => {
                    out.insert("ANSWER", "WEB_AUTHN");
                    text("CREDENTIAL", credential, &mut out)?;
                }
                Selection::SmsOtp => out.insert("ANSWER", "SMS_OTP"),
                Selection::EmailOtp => out.insert("ANSWER", "EMAIL_OTP"),
            },
            (C::MfaSetup, Answer::MfaSetup) => {}
            (C::PasswordVerifier, Answer::PasswordVerifier(c)) => claim(c, &mut out),
            (C::CustomChallenge, Answer::CustomChallenge(answer)) => {
                text("ANSWER", answer, &mut out)?;
            }
            (C::DeviceSrpAuth, Answer::DeviceSrpAuth(srp_a)) => {
                self.require_device_key()?;
                out.insert("SRP_A", srp_a.as_str());
            }
            (C::DevicePasswordVerifier, Answer::DevicePasswordVerifier(c)) => {
                self.require_device_key()?;
                claim(c, &mut out);
            }
            (
                C::NewPasswordRequired,
                Answer::NewPassword {
                    password,
                    attributes,
                },
            ) => {
                out.insert("NEW_PASSWORD", password.expose());
                for (attribute, value) in attributes {
                    check_identity("userAttributes", attribute)?;
                    out.insert(format!("userAttributes.{attribute}"), *value);
                }
            }
            (C::Password, Answer::Password(password)) => out.insert("PASSWORD", password.expose()),
            (C::PasswordSrp, Answer::PasswordSrp(srp_a)) => out.insert("SRP_A", srp_a.as_str()),
            (C::WebAuthn, Answer::WebAuthn(credential)) => {
                text("CREDENTIAL", credential, &mut out)?;
            }
            (C::Other(_), Answer::Other(entries)) => {
                for (key, value) in entries {
                    if ["USERNAME", "SECRET_HASH", "DEVICE_KEY"].contains(key) {
                        return Err(Error::AnswerMismatch);
                    }
                    check_identity("entry", key)?;
                    out.insert(*key, *value);
                }
            }
            _ => return Err(Error::AnswerMismatch),
        }
        let username = self
            .challenge
            .username()
            .or(self.fallback_username)
            .ok_or(Error::MissingParameter { name: "USERNAME" })?;
        self.client.add_username(&mut out, username)?;
        if let Some(device_key) = self.device_key {
            check_identity("DEVICE_KEY", device_key)?;
            out.insert("DEVICE_KEY", device_key);
        }
        Ok(out)
    }

    fn require_device_key(&self) -> Result<(), Error> {
        self.device_key
            .map(|_| ())
            .ok_or(Error::MissingParameter { name: "DEVICE_KEY" })
    }
}
