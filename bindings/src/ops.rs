//! The operation table: every operation a language package calls, once. Each takes its
//! arguments as bytes (UTF-8 text, or JSON text in the AWS SDKs' wire shapes), secrets as
//! arguments of their own (never inside JSON, so that each language can wipe its own
//! copy once the call returns), the clock as seconds; each gives back JSON text in the
//! AWS SDKs' shapes, or a [`Refusal`].
//!
//! | operation | arguments | result |
//! |---|---|---|
//! | [`secret_hash`] | username, client id, **client secret** | the `SECRET_HASH` (text) |
//! | [`SignIn::new`] | [`Options`] (JSON), **password**, **client secret**?, **device password**? | a sign-in |
//! | [`SignIn::start`] | — (the OS's randomness) | InitiateAuth input |
//! | [`SignIn::start_with`] | **`a`** (hex) | InitiateAuth input |
//! | [`SignIn::next`] | InitiateAuth or RespondToAuthChallenge output, Unix seconds | `{"respond"}`, `{"pending"}` or `{"signedIn"}` |
//! | [`SignIn::answer`] | **answer**?, attributes (JSON)? | RespondToAuthChallenge input |
//! | [`SignIn::username`], [`SignIn::pending`] | — | text |
//! | [`confirm_device`] | AuthenticationResult, device name? | `{"input", "device"}` |
//! | [`update_device_status`] | **access token**, device key, remembered | UpdateDeviceStatus input |
//! | [`refresh`] | client id, **client secret**?, **refresh token**, username?, device key? | InitiateAuth input |
//! | [`get_tokens_from_refresh_token`] | client id, **client secret**?, **refresh token**, device key? | GetTokensFromRefreshToken input |
//! | [`backend`] | — | the arithmetic backend's name |
//!
//! Secrets in bold are copied into the library's own wiped types; what goes out that holds
//! a secret (a `SECRET_HASH`, a session, tokens, a device password) is written once into a
//! [`Json`] buffer of its exact size, wiped on drop. The language's own copies are out of
//! reach (a JS, Java or Python string cannot be wiped).

use serde_json::{Map, Value, json};
use srp_cognito::request::{
    ConfirmDeviceRequest, GetTokensFromRefreshTokenRequest, InitiateAuthRequest,
    RespondToAuthChallengeRequest, UpdateDeviceStatusRequest,
};
use srp_cognito::{
    Answer, AppClient, AuthFlow, AuthResponse, AuthenticationResult, ClientSecret, Error, MfaType,
    Password, PoolId, SecretBlockDecoding, Step, Timestamp, Token,
    device::{
        ConfirmDevice, DeviceGroupKey, DeviceKey, DevicePassword, DeviceRememberedStatus,
        RememberedDevice,
    },
    refresh::GetTokensFromRefreshToken,
    steps::EphemeralSecret,
};
use zeroize::Zeroizing;

use crate::json::{Json, optional, read, text, to_json};
use crate::{Refusal, Status};

fn bad_input(message: impl Into<String>) -> Refusal {
    Refusal::new(Status::BadInput, message)
}

/// `SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))`.
///
/// # Errors
/// As `srp_cognito::secret_hash`; `bad_utf8`, `too_large` for an argument.
pub fn secret_hash(
    username: &[u8],
    client_id: &[u8],
    client_secret: &[u8],
) -> Result<Json, Refusal> {
    let secret = ClientSecret::new(text("clientSecret", client_secret)?);
    Ok(Zeroizing::new(srp_cognito::secret_hash(
        text("username", username)?,
        text("clientId", client_id)?,
        &secret,
    )?))
}

fn app_client(client_id: &str, client_secret: Option<&[u8]>) -> Result<AppClient, Refusal> {
    Ok(match optional("clientSecret", client_secret)? {
        Some(secret) => AppClient::with_secret(client_id, ClientSecret::new(secret)),
        None => AppClient::new(client_id),
    }?)
}

/// What a sign-in is, as JSON: `{"flow": "USER_SRP_AUTH", "poolId": "us-east-1_Abc",
/// "clientId": "…", "username": "…", "deviceKey": "…", "deviceGroupKey": "…",
/// "lenientSecretBlock": false}`. `flow` (`USER_SRP_AUTH` where absent, `USER_AUTH` or
/// `CUSTOM_AUTH`), `deviceKey` and `deviceGroupKey` (a remembered device, with its
/// password) and `lenientSecretBlock` (accept a `SECRET_BLOCK` in any base64, as the AWS
/// SDKs do) may be left out; any other member is refused. The secrets are not here: they
/// are arguments of their own.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// The auth flow.
    #[serde(default)]
    pub flow: Option<String>,
    /// The pool id, `region_suffix`.
    pub pool_id: String,
    /// The app client's id.
    pub client_id: String,
    /// The name the user typed (an alias such as an email is fine).
    pub username: String,
    /// A remembered device's key.
    #[serde(default)]
    pub device_key: Option<String>,
    /// A remembered device's group key.
    #[serde(default)]
    pub device_group_key: Option<String>,
    /// Accept a `SECRET_BLOCK` in any base64.
    #[serde(default)]
    pub lenient_secret_block: bool,
}

/// A remembered device's three parts, all or none.
fn device(
    device_key: Option<String>,
    device_group_key: Option<String>,
    device_password: Option<&str>,
) -> Result<Option<RememberedDevice>, Refusal> {
    match (device_key, device_group_key, device_password) {
        (Some(key), Some(group_key), Some(password)) => Ok(Some(RememberedDevice::new(
            DeviceKey::new(key),
            DeviceGroupKey::new(group_key),
            DevicePassword::new(password),
        ))),
        (None, None, None) => Ok(None),
        _ => Err(bad_input(
            "device: its key, group key and password go together",
        )),
    }
}

/// The sans-IO sign-in (`srp_cognito::SignIn`) over JSON text. It owns the password and
/// `a` (`Debug` shows neither); both are wiped when it is dropped.
#[derive(Debug)]
pub struct SignIn {
    inner: srp_cognito::SignIn,
}

impl SignIn {
    /// A sign-in of `options` (JSON, [`Options`]) with its secrets.
    ///
    /// # Errors
    /// `bad_json` for options that are not [`Options`]; `bad_pool_id`, `empty_input`,
    /// `too_large` …; `bad_input` for another flow or a partial device.
    pub fn new(
        options: &[u8],
        password: &[u8],
        client_secret: Option<&[u8]>,
        device_password: Option<&[u8]>,
    ) -> Result<SignIn, Refusal> {
        let options: Options = read("options", options)?;
        let password = Password::new(text("password", password)?);
        let device = device(
            options.device_key,
            options.device_group_key,
            optional("devicePassword", device_password)?,
        )?;
        let pool = PoolId::parse(&options.pool_id)?;
        let client = app_client(&options.client_id, client_secret)?;
        let flow = options.flow.as_deref().unwrap_or("USER_SRP_AUTH");
        let flow: AuthFlow = flow
            .parse()
            .map_err(|_| bad_input(format!("flow: {flow} does not start an SRP sign-in")))?;
        let mut inner = srp_cognito::SignIn::new(flow, pool, client, options.username, password)
            .map_err(|_| bad_input("flow: it does not start an SRP sign-in"))?;
        if let Some(device) = device {
            inner = inner.device(device);
        }
        if options.lenient_secret_block {
            inner = inner.secret_block_decoding(SecretBlockDecoding::Lenient);
        }
        Ok(SignIn { inner })
    }

    /// The InitiateAuth input, with a fresh `a` from the OS's randomness.
    ///
    /// # Errors
    /// `rng`, `out_of_turn`, as the library's `SignIn::start`.
    pub fn start(&mut self) -> Result<Json, Refusal> {
        let init = self.inner.start()?;
        to_json(&InitiateAuthRequest::new(self.inner.client(), init))
    }

    /// [`SignIn::start`] with `a` (hex): the deterministic entry point.
    ///
    /// # Errors
    /// As [`SignIn::start`], and `a_out_of_range`, `bad_hex`.
    pub fn start_with(&mut self, a: &[u8]) -> Result<Json, Refusal> {
        let a = EphemeralSecret::from_hex(text("a", a)?)?;
        let init = self.inner.start_with(a)?;
        to_json(&InitiateAuthRequest::new(self.inner.client(), init))
    }

    /// The next step after an InitiateAuth or RespondToAuthChallenge output (JSON) at
    /// `unix_seconds`: `{"respond": RespondToAuthChallenge input}`, `{"pending":
    /// {"challengeName", "codeDeliveryDestination", "mfaTypes", "requiredAttributes",
    /// "availableChallenges"}}` or `{"signedIn": AuthenticationResult}`.
    ///
    /// # Errors
    /// `bad_json` for output that is not the SDK's shape; `too_large` for over 1 MiB of
    /// it; `bad_timestamp` for a clock outside 1970–9999; every refusal of the library's
    /// `SignIn::next_at`.
    pub fn next(&mut self, output: &[u8], unix_seconds: i64) -> Result<Json, Refusal> {
        let response: AuthResponse = read("output", output)?;
        let now = Timestamp::from_unix_seconds(unix_seconds)?;
        let step = self.inner.next_at(response, &now)?;
        self.step_json(step)
    }

    /// The RespondToAuthChallenge input answering the pending challenge: `answer` is the
    /// code (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom answer
    /// (CUSTOM_CHALLENGE), the MFA type chosen (SELECT_MFA_TYPE), the new password
    /// (NEW_PASSWORD_REQUIRED, with `attributes` as a JSON object of names to values),
    /// the password (PASSWORD), the credential JSON (WEB_AUTHN); none for MFA_SETUP.
    /// Another challenge's responses are `attributes`' names and values.
    ///
    /// # Errors
    /// `out_of_turn` when nothing is pending; `answer_mismatch`, `bad_input`.
    pub fn answer(
        &mut self,
        answer: Option<&[u8]>,
        attributes: Option<&[u8]>,
    ) -> Result<Json, Refusal> {
        let name = self.inner.pending().ok_or(Error::OutOfTurn)?.clone();
        let text = optional("answer", answer)?;
        let needs = || text.ok_or_else(|| bad_input("answer: this challenge needs one"));
        let attributes = match attributes {
            None => Vec::new(),
            Some(json) => read_attributes(json)?,
        };
        let pairs: Vec<(&str, &str)> = attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let password;
        let respond = match name.as_str() {
            "SMS_MFA" => self.inner.answer(Answer::SmsMfaCode(needs()?)),
            "SMS_OTP" => self.inner.answer(Answer::SmsOtpCode(needs()?)),
            "EMAIL_OTP" => self.inner.answer(Answer::EmailOtpCode(needs()?)),
            "SOFTWARE_TOKEN_MFA" => self.inner.answer(Answer::SoftwareTokenMfaCode(needs()?)),
            "CUSTOM_CHALLENGE" => self.inner.answer(Answer::CustomChallenge(needs()?)),
            "WEB_AUTHN" => self.inner.answer(Answer::WebAuthn(needs()?)),
            "MFA_SETUP" => self.inner.answer(Answer::MfaSetup),
            "SELECT_MFA_TYPE" => {
                let mfa: MfaType = needs()?
                    .parse()
                    .map_err(|_| bad_input("answer: an MFA type"))?;
                self.inner.answer(Answer::SelectMfaType(mfa))
            }
            "NEW_PASSWORD_REQUIRED" => {
                password = Password::new(needs()?);
                self.inner.answer(Answer::NewPassword {
                    password: &password,
                    attributes: &pairs,
                })
            }
            "PASSWORD" => {
                password = Password::new(needs()?);
                self.inner.answer(Answer::Password(&password))
            }
            _ => self.inner.answer(Answer::Other(&pairs)),
        }?;
        to_json(&RespondToAuthChallengeRequest::from_respond(
            self.inner.client(),
            respond,
        ))
    }

    /// Cognito's internal username once a challenge named it, else the one typed: the
    /// username of a refresh's SECRET_HASH.
    #[must_use]
    pub fn username(&self) -> &str {
        self.inner.username()
    }

    /// The challenge waiting for [`SignIn::answer`], if any.
    #[must_use]
    pub fn pending(&self) -> Option<&str> {
        self.inner.pending().map(|name| name.as_str())
    }

    fn step_json(&self, step: Step) -> Result<Json, Refusal> {
        match step {
            Step::Respond(respond) => to_json(&Responding {
                respond: RespondToAuthChallengeRequest::from_respond(self.inner.client(), respond),
            }),
            Step::Pending(pending) => to_json(&json!({ "pending": {
                "challengeName": pending.name().as_str(),
                "codeDeliveryDestination": pending.code_delivery_destination(),
                "mfaTypes": pending.mfa_types(),
                "requiredAttributes": pending.required_attributes(),
                "availableChallenges": pending.available_challenges(),
            }})),
            Step::SignedIn(result) => to_json(&SignedIn { signed_in: &result }),
        }
    }
}

/// A JSON object of attribute names to string values.
fn read_attributes(json: &[u8]) -> Result<Vec<(String, String)>, Refusal> {
    let bad = || bad_input("attributes: an object of strings");
    let map: Map<String, Value> = read("attributes", json)?;
    map.into_iter()
        .map(|(k, v)| match v {
            Value::String(v) => Ok((k, v)),
            _ => Err(bad()),
        })
        .collect()
}

/// `{"respond": RespondToAuthChallenge input}` (serialized straight from the request: no
/// JSON value copy of its `SECRET_HASH` or session).
#[derive(serde::Serialize)]
struct Responding {
    respond: RespondToAuthChallengeRequest,
}

/// `{"signedIn": AuthenticationResult}` (the result serialized as Cognito spells it,
/// from the tokens themselves: no copy of them but the JSON text).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedIn<'a> {
    signed_in: &'a AuthenticationResult,
}

/// ConfirmDevice for the `NewDeviceMetadata` of a sign-in's `AuthenticationResult`
/// (JSON): `{"input": ConfirmDevice input, "device": {"deviceKey", "deviceGroupKey",
/// "devicePassword"}}`, with a fresh device password and salt.
///
/// # Errors
/// `missing_parameter` when the result has no `NewDeviceMetadata`; `bad_json`,
/// `too_large`, `rng`.
pub fn confirm_device(result: &[u8], device_name: Option<&[u8]>) -> Result<Json, Refusal> {
    let result: AuthenticationResult = read("result", result)?;
    let device_name = optional("deviceName", device_name)?;
    let confirm = ConfirmDevice::for_result(&result)?;
    let input = ConfirmDeviceRequest::new(&result.access_token, &confirm, device_name);
    to_json(&Confirmed {
        input,
        device: DeviceOut {
            device_key: &confirm.device_key,
            device_group_key: &confirm.device_group_key,
            device_password: confirm.verifier.device_password().expose_secret(),
        },
    })
}

/// `{"input": ConfirmDevice input, "device": {...}}`.
#[derive(serde::Serialize)]
struct Confirmed<'a> {
    input: ConfirmDeviceRequest<'a>,
    device: DeviceOut<'a>,
}

/// The device to remember.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DeviceOut<'a> {
    device_key: &'a str,
    device_group_key: &'a str,
    device_password: &'a str,
}

/// The UpdateDeviceStatus input marking `device_key` remembered or not.
///
/// # Errors
/// `bad_utf8`, `too_large` for an argument.
pub fn update_device_status(
    access_token: &[u8],
    device_key: &[u8],
    remembered: bool,
) -> Result<Json, Refusal> {
    let token = Token::new(text("accessToken", access_token)?);
    let status = if remembered {
        DeviceRememberedStatus::Remembered
    } else {
        DeviceRememberedStatus::NotRemembered
    };
    to_json(&UpdateDeviceStatusRequest::new(
        &token,
        text("deviceKey", device_key)?,
        status,
    ))
}

/// The InitiateAuth input of `REFRESH_TOKEN_AUTH` (SECRET_HASH of `username`, Cognito's
/// internal username, when the client has a secret).
///
/// # Errors
/// As the library's `refresh`; `bad_utf8`, `too_large` for an argument.
pub fn refresh(
    client_id: &[u8],
    client_secret: Option<&[u8]>,
    refresh_token: &[u8],
    username: Option<&[u8]>,
    device_key: Option<&[u8]>,
) -> Result<Json, Refusal> {
    let client = app_client(text("clientId", client_id)?, client_secret)?;
    let token = Token::new(text("refreshToken", refresh_token)?);
    let init = srp_cognito::refresh::refresh(
        &client,
        &token,
        optional("username", username)?,
        optional("deviceKey", device_key)?,
    )?;
    to_json(&InitiateAuthRequest::new(&client, init))
}

/// The GetTokensFromRefreshToken input.
///
/// # Errors
/// As the library's `GetTokensFromRefreshToken::new`; `bad_utf8`, `too_large` for an
/// argument.
pub fn get_tokens_from_refresh_token(
    client_id: &[u8],
    client_secret: Option<&[u8]>,
    refresh_token: &[u8],
    device_key: Option<&[u8]>,
) -> Result<Json, Refusal> {
    let client = app_client(text("clientId", client_id)?, client_secret)?;
    let token = Token::new(text("refreshToken", refresh_token)?);
    let get = GetTokensFromRefreshToken::new(&client, &token, optional("deviceKey", device_key)?)?;
    to_json(&GetTokensFromRefreshTokenRequest::new(&get))
}

/// The arithmetic backend in use (`avx512ifma`, `portable`, `portable32`, `host-bigint`).
#[must_use]
pub fn backend() -> &'static str {
    srp_cognito::hazmat::backend().name()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: &[u8] = br#"{"poolId": "us-east-1_Abc", "clientId": "c", "username": "u"}"#;

    fn status<T: std::fmt::Debug>(result: Result<T, Refusal>) -> Status {
        result.unwrap_err().status
    }

    #[test]
    fn options_are_json_and_secrets_are_arguments() {
        let mut sign_in = SignIn::new(OPTIONS, b"p", None, None).unwrap();
        let init = sign_in.start_with(b"02").unwrap();
        assert!(init.contains(r#""SRP_A":"4""#), "{}", *init);
        assert!(init.contains(r#""AuthFlow":"USER_SRP_AUTH""#), "{}", *init);
        // Unknown members are refused (a misspelt `deviceKey` must not be dropped).
        let typo =
            br#"{"poolId": "us-east-1_Abc", "clientId": "c", "username": "u", "devicekey": "k"}"#;
        assert_eq!(status(SignIn::new(typo, b"p", None, None)), Status::BadJson);
        assert_eq!(
            status(SignIn::new(b"[]", b"p", None, None)),
            Status::BadJson
        );
        let partial =
            br#"{"poolId": "us-east-1_Abc", "clientId": "c", "username": "u", "deviceKey": "k"}"#;
        assert_eq!(
            status(SignIn::new(partial, b"p", None, None)),
            Status::BadInput
        );
        let flow = br#"{"flow": "USER_PASSWORD_AUTH", "poolId": "us-east-1_Abc", "clientId": "c", "username": "u"}"#;
        assert_eq!(
            status(SignIn::new(flow, b"p", None, None)),
            Status::BadInput
        );
        assert_eq!(
            status(SignIn::new(OPTIONS, b"\xff", None, None)),
            Status::BadUtf8
        );
        assert_eq!(
            status(SignIn::new(OPTIONS, b"p", Some(b""), None)),
            Status::EmptyInput
        );
    }

    #[test]
    fn the_clock_is_an_input() {
        let mut sign_in = SignIn::new(OPTIONS, b"p", None, None).unwrap();
        sign_in.start_with(b"02").unwrap();
        let output = br#"{"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"USERNAME": "u", "USER_ID_FOR_SRP": "u", "SALT": "01", "SRP_B": "05", "SECRET_BLOCK": "AA=="}}"#;
        assert_eq!(status(sign_in.next(output, i64::MAX)), Status::BadTimestamp);
        let step = sign_in.next(output, 1_700_000_000).unwrap();
        assert!(
            step.contains(r#""TIMESTAMP":"Tue Nov 14 22:13:20 UTC 2023""#),
            "{}",
            *step
        );
    }

    #[test]
    fn every_operation_refuses_bad_text() {
        assert_eq!(status(secret_hash(b"\xff", b"c", b"s")), Status::BadUtf8);
        assert_eq!(status(confirm_device(b"{}", None)), Status::BadJson);
        assert_eq!(
            status(update_device_status(b"t", b"\xff", true)),
            Status::BadUtf8
        );
        assert_eq!(
            status(refresh(b"c", None, b"", None, None)),
            Status::EmptyInput
        );
        assert_eq!(
            status(get_tokens_from_refresh_token(
                b"c",
                Some(b"\xff"),
                b"t",
                None
            )),
            Status::BadUtf8
        );
        assert!(!backend().is_empty());
    }
}
