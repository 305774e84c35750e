//! srp-cognito over JSON text, once, for the language packages: the npm package's
//! WebAssembly (`js/`) and the Python extension (`python/`) are thin adapters over this.
//!
//! Requests and responses travel as JSON text in the shapes the AWS SDKs take and return:
//! the SDK for JavaScript v3's `InitiateAuthCommandInput` and `RespondToAuthChallengeCommandOutput`
//! are boto3's `initiate_auth` keyword arguments and `respond_to_auth_challenge` result.
//!
//! What is secret comes in as an owned `String` and is wiped once used; what goes out that
//! holds a secret (a `SECRET_HASH`, a session, tokens, a device password) is written once
//! into a [`Json`] buffer of its exact size, wiped on drop. The language's own copy of
//! that text is out of reach (a JS or Python string cannot be wiped).

use serde_json::{Map, Value, json};
use srp_cognito::request::{
    ConfirmDeviceRequest, GetTokensFromRefreshTokenRequest, InitiateAuthRequest,
    RespondToAuthChallengeRequest, UpdateDeviceStatusRequest,
};
use srp_cognito::{
    Answer, AppClient, AuthFlow, AuthResponse, AuthenticationResult, ClientSecret, ConfirmDevice,
    DevicePassword, DeviceRememberedStatus, EphemeralSecret, Error, GetTokensFromRefreshToken,
    MfaType, Password, PoolId, RememberedDevice, SecretBlockDecoding, Step, Timestamp, Token,
};
use zeroize::{Zeroize, Zeroizing};

/// The most JSON text read at once (Cognito's responses are a few KiB).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// JSON text, wiped on drop.
pub type Json = Zeroizing<String>;

/// A refusal: the library's error category (`bad_hex`, `out_of_turn`, …) or the
/// binding's own (`bad_json`, `bad_input`, `too_large`, `internal`), and a message. No
/// refusal carries a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The category, as in the vector files and the packages' error `code`.
    pub category: &'static str,
    /// What was refused, for a person.
    pub message: String,
}

impl Refusal {
    /// A refusal of the binding's own category.
    #[must_use]
    pub fn new(category: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            category,
            message: message.into(),
        }
    }
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal {
            category: e.category(),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.category, self.message)
    }
}

impl std::error::Error for Refusal {}

/// Counts the bytes written: the exact size of a JSON text before it is written.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `value` as JSON text, written once into a buffer of its exact size (measured by a
/// first pass), so no partial copy is left behind by a growing buffer; wiped on drop.
///
/// # Errors
/// `internal` if `value` does not serialize (never for this crate's types).
pub fn to_json(value: &impl serde::Serialize) -> Result<Json, Refusal> {
    let unserializable = |_| Refusal::new("internal", "unserializable");
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(unserializable)?;
    let mut text = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *text, value).map_err(unserializable)?;
    match String::from_utf8(std::mem::take(&mut *text)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            e.into_bytes().zeroize();
            Err(Refusal::new("internal", "not UTF-8"))
        }
    }
}

/// `text` read as `T`, refused as `too_large` over [`MAX_JSON_BYTES`] and as `bad_json`
/// (naming `what`) when it is not `T`'s shape.
fn read<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, Refusal> {
    if text.len() > MAX_JSON_BYTES {
        return Err(Refusal::new(
            "too_large",
            format!("{what}: over 1 MiB of JSON"),
        ));
    }
    serde_json::from_str(text).map_err(|_| Refusal::new("bad_json", format!("not {what}")))
}

/// The largest magnitude a clock reading (`unixSeconds`) may have: 10^15 seconds, well
/// within an `i64` and within the integers an `f64` holds exactly.
const MAX_UNIX_SECONDS: i64 = 1_000_000_000_000_000;

fn bad_seconds() -> Refusal {
    Refusal::new("bad_input", "unixSeconds: a whole number")
}

/// A JavaScript clock reading (`unixSeconds`, a number) as whole seconds.
///
/// # Errors
/// `bad_input` unless it is finite, whole and below 10^15 in magnitude.
pub fn whole_seconds(secs: f64) -> Result<i64, Refusal> {
    #[allow(clippy::cast_precision_loss)] // 10^15 is exactly an f64
    let max = MAX_UNIX_SECONDS as f64;
    if secs.is_finite() && secs.fract() == 0.0 && secs.abs() < max {
        // A whole number below 10^15 in magnitude: exactly an i64.
        #[allow(clippy::cast_possible_truncation)]
        Ok(secs as i64)
    } else {
        Err(bad_seconds())
    }
}

/// [`whole_seconds`] of a number's decimal text (JavaScript's `String(x)`: whole numbers
/// below 10^21 print as digits, anything else — `1.5`, `NaN`, `1e+21` — does not parse
/// as an integer), with no floating point: the npm package's engine build, whose
/// wasm2js cannot translate the float-to-integer conversion.
///
/// # Errors
/// As [`whole_seconds`].
pub fn whole_seconds_text(text: &str) -> Result<i64, Refusal> {
    text.parse::<i64>()
        .ok()
        .filter(|s| s.unsigned_abs() < MAX_UNIX_SECONDS.unsigned_abs())
        .ok_or_else(bad_seconds)
}

/// `SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))`.
///
/// # Errors
/// As `srp_cognito::secret_hash`.
pub fn secret_hash(
    username: &str,
    client_id: &str,
    client_secret: String,
) -> Result<Json, Refusal> {
    let secret = ClientSecret::new(client_secret);
    Ok(Zeroizing::new(srp_cognito::secret_hash(
        username, client_id, &secret,
    )?))
}

fn app_client(client_id: &str, client_secret: Option<String>) -> Result<AppClient, Refusal> {
    Ok(match client_secret {
        Some(secret) => AppClient::with_secret(client_id, ClientSecret::new(secret)),
        None => AppClient::new(client_id),
    }?)
}

/// A remembered device's three parts, all or none.
fn device(
    device_key: Option<String>,
    device_group_key: Option<String>,
    device_password: Option<String>,
) -> Result<Option<RememberedDevice>, Refusal> {
    let device_password = device_password.map(DevicePassword::new);
    match (device_key, device_group_key, device_password) {
        (Some(key), Some(group_key), Some(password)) => {
            Ok(Some(RememberedDevice::new(key, group_key, password)))
        }
        (None, None, None) => Ok(None),
        _ => Err(Refusal::new(
            "bad_input",
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

/// What [`SignIn::new`] takes.
#[derive(Debug)]
pub struct Options<'a> {
    /// `USER_SRP_AUTH`, `USER_AUTH` or `CUSTOM_AUTH`.
    pub flow: &'a str,
    /// The pool id, `region_suffix`.
    pub pool_id: &'a str,
    /// The app client's id.
    pub client_id: &'a str,
    /// The app client's secret, where it has one.
    pub client_secret: Option<String>,
    /// The name the user typed.
    pub username: &'a str,
    /// The password.
    pub password: String,
    /// A remembered device's key, group key and password: all three or none.
    pub device: [Option<String>; 3],
    /// Accept a `SECRET_BLOCK` in any base64 (as the AWS SDKs do) rather than the strict.
    pub lenient_secret_block: bool,
}

impl SignIn {
    /// A sign-in of `options.flow`.
    ///
    /// # Errors
    /// `bad_pool_id`, `empty_input`, `too_large` …; `bad_input` for another flow or a
    /// partial device.
    pub fn new(options: Options<'_>) -> Result<SignIn, Refusal> {
        let password = Password::new(options.password);
        let [key, group_key, device_password] = options.device;
        let device = device(key, group_key, device_password)?;
        let pool = PoolId::parse(options.pool_id)?;
        let client = app_client(options.client_id, options.client_secret)?;
        let flow: AuthFlow = options
            .flow
            .parse()
            .map_err(|_| Refusal::new("bad_input", "flow"))?;
        let mut inner = srp_cognito::SignIn::new(flow, pool, client, options.username, password)
            .map_err(|_| Refusal::new("bad_input", "flow"))?;
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
    pub fn start_with(&mut self, a: String) -> Result<Json, Refusal> {
        let a = EphemeralSecret::from_hex(&Zeroizing::new(a))?;
        let init = self.inner.start_with(a)?;
        to_json(&InitiateAuthRequest::new(self.inner.client(), init))
    }

    /// The next step after an InitiateAuth or RespondToAuthChallenge output (JSON), at
    /// `unix_seconds` or, for `None`, the system clock: `{"respond": input}`,
    /// `{"pending": {...}}` or `{"signedIn": AuthenticationResult}`.
    ///
    /// # Errors
    /// `bad_json` for output that is not the SDK's shape; `too_large` for over 1 MiB of
    /// it; every refusal of the library's `SignIn::next_at`.
    pub fn next(&mut self, output: String, unix_seconds: Option<i64>) -> Result<Json, Refusal> {
        let output = Zeroizing::new(output);
        let response: AuthResponse =
            read(&output, "an InitiateAuth or RespondToAuthChallenge output")?;
        let now = match unix_seconds {
            Some(seconds) => Timestamp::from_unix_seconds(seconds)?,
            None => Timestamp::now()?,
        };
        let step = self.inner.next_at(response, &now)?;
        self.step_json(step)
    }

    /// The RespondToAuthChallenge input answering the pending challenge: `answer` is the
    /// code (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom answer
    /// (CUSTOM_CHALLENGE), the MFA type chosen (SELECT_MFA_TYPE), the new password
    /// (NEW_PASSWORD_REQUIRED, with `attributes` as a JSON object of names to values),
    /// the password (PASSWORD), the credential JSON (WEB_AUTHN); none for MFA_SETUP.
    ///
    /// # Errors
    /// `out_of_turn` when nothing is pending; `answer_mismatch`, `bad_input`.
    pub fn answer(
        &mut self,
        answer: Option<String>,
        attributes: Option<&str>,
    ) -> Result<Json, Refusal> {
        let answer = answer.map(Zeroizing::new);
        let name = self.inner.pending().ok_or(Error::OutOfTurn)?.clone();
        let text = answer.as_deref().map(String::as_str);
        let needs = || text.ok_or_else(|| Refusal::new("bad_input", "answer"));
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
                    .map_err(|_| Refusal::new("bad_input", "answer: an MFA type"))?;
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
fn read_attributes(json: &str) -> Result<Vec<(String, String)>, Refusal> {
    let bad = || Refusal::new("bad_input", "attributes: an object of strings");
    let map: Map<String, Value> = read(json, "attributes")?;
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
/// (JSON): `{"input": ConfirmDevice input, "device": {deviceKey, deviceGroupKey,
/// devicePassword}}`, with a fresh device password and salt.
///
/// # Errors
/// `missing_parameter` when the result has no `NewDeviceMetadata`; `bad_json`,
/// `too_large`.
pub fn confirm_device(result: String, device_name: Option<&str>) -> Result<Json, Refusal> {
    let result: AuthenticationResult = read(&Zeroizing::new(result), "an AuthenticationResult")?;
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
/// `internal` only (the request always serializes).
pub fn update_device_status(
    access_token: String,
    device_key: &str,
    remembered: bool,
) -> Result<Json, Refusal> {
    let token = Token::new(access_token);
    let status = if remembered {
        DeviceRememberedStatus::Remembered
    } else {
        DeviceRememberedStatus::NotRemembered
    };
    to_json(&UpdateDeviceStatusRequest::new(&token, device_key, status))
}

/// The InitiateAuth input of `REFRESH_TOKEN_AUTH` (SECRET_HASH of `username`, Cognito's
/// internal username, when the client has a secret).
///
/// # Errors
/// As the library's `refresh`.
pub fn refresh(
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    username: Option<&str>,
    device_key: Option<&str>,
) -> Result<Json, Refusal> {
    let client = app_client(client_id, client_secret)?;
    let token = Token::new(refresh_token);
    let init = srp_cognito::refresh(&client, &token, username, device_key)?;
    to_json(&InitiateAuthRequest::new(&client, init))
}

/// The GetTokensFromRefreshToken input.
///
/// # Errors
/// As the library's `GetTokensFromRefreshToken::new`.
pub fn get_tokens_from_refresh_token(
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    device_key: Option<&str>,
) -> Result<Json, Refusal> {
    let client = app_client(client_id, client_secret)?;
    let token = Token::new(refresh_token);
    let get = GetTokensFromRefreshToken::new(&client, &token, device_key)?;
    to_json(&GetTokensFromRefreshTokenRequest::new(&get))
}
