//! srp-cognito for JavaScript: the library's sign-in, devices and refresh, exported to
//! WebAssembly with wasm-bindgen (the test-vector `compute` is the separate
//! `srp-cognito-js-vectors`, the package's `srp-cognito/vectors`).
//!
//! This is the raw layer; `js/api.js` (loaded by `js/index.js`) is the package's API over
//! it (objects in and out, errors as `SrpCognitoError`). Across the boundary, requests
//! and responses travel as JSON text in the shapes the AWS SDK for JavaScript v3 takes and
//! returns (`InitiateAuthCommandInput`, `RespondToAuthChallengeCommandOutput`, ...).
//!
//! What is secret comes in as an owned `String` (its wasm memory is ours, wiped on drop);
//! what goes out that holds a secret (a `SECRET_HASH`, a session, tokens, a device
//! password) is written once into a wiped buffer of its exact size and copied into a JS
//! string, which JavaScript cannot wipe. A [`SignIn`] owns the password and the ephemeral secret: both are wiped
//! when it is freed (`free()`, or wasm-bindgen's `FinalizationRegistry` when the JS object
//! is collected).

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
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// The most JSON text `next` and `confirmDevice` read (Cognito's responses are a few KiB).
const MAX_JSON_BYTES: usize = 1 << 20;

/// A JS `Error` whose message is `category: description` (the wrapper makes it a
/// `SrpCognitoError` with `code = category`). No error carries a secret.
fn error(e: &Error) -> JsError {
    JsError::new(&format!("{}: {e}", e.category()))
}

/// A JS `Error` of the wrapper's own category (`bad_json`, `out_of_turn`, ...).
fn refusal(category: &str, message: &str) -> JsError {
    JsError::new(&format!("{category}: {message}"))
}

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

/// `value` as JSON text, copied into a JS string. The text is written once into a buffer
/// of its exact size (measured by a first pass), so no partial copy is left behind by a
/// growing buffer, and the buffer is wiped.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    let unserializable = |_| refusal("internal", "unserializable");
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(unserializable)?;
    let mut text = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *text, value).map_err(unserializable)?;
    let text = std::str::from_utf8(&text).map_err(|_| refusal("internal", "not UTF-8"))?;
    Ok(JsValue::from_str(text))
}

/// `SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))`.
///
/// # Errors
/// As `srp_cognito::secret_hash`.
#[wasm_bindgen(js_name = secretHash)]
pub fn secret_hash(
    username: &str,
    client_id: &str,
    client_secret: String,
) -> Result<JsValue, JsError> {
    let secret = ClientSecret::new(client_secret);
    let hash = srp_cognito::secret_hash(username, client_id, &secret).map_err(|e| error(&e))?;
    Ok(JsValue::from_str(&Zeroizing::new(hash)))
}

/// The arithmetic backend in use (`portable32` in WebAssembly).
#[wasm_bindgen]
#[must_use]
pub fn backend() -> String {
    srp_cognito::backend().name().to_owned()
}

/// Whether this build computes dot products with SIMD128.
#[wasm_bindgen]
#[must_use]
pub fn simd() -> bool {
    cfg!(target_feature = "simd128")
}

fn app_client(client_id: &str, client_secret: Option<String>) -> Result<AppClient, JsError> {
    match client_secret {
        Some(secret) => AppClient::with_secret(client_id, ClientSecret::new(secret)),
        None => AppClient::new(client_id),
    }
    .map_err(|e| error(&e))
}

/// The sans-IO sign-in (`srp_cognito::SignIn`): it owns the password and `a` (`Debug`
/// shows neither).
#[wasm_bindgen]
#[derive(Debug)]
pub struct SignIn {
    inner: srp_cognito::SignIn,
}

#[wasm_bindgen]
impl SignIn {
    /// A sign-in of `flow` (`USER_SRP_AUTH`, `USER_AUTH` or `CUSTOM_AUTH`), with a
    /// remembered device when its three parts are given.
    ///
    /// # Errors
    /// `bad_pool_id`, `empty_input`, `too_large` ...; `bad_input` for another flow or a
    /// partial device.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)] // the JS wrapper passes an options object's fields
    pub fn new(
        flow: &str,
        pool_id: &str,
        client_id: &str,
        client_secret: Option<String>,
        username: &str,
        password: String,
        device_key: Option<String>,
        device_group_key: Option<String>,
        device_password: Option<String>,
        lenient_secret_block: bool,
    ) -> Result<SignIn, JsError> {
        let password = Password::new(password);
        let device_password = device_password.map(DevicePassword::new);
        let pool = PoolId::parse(pool_id).map_err(|e| error(&e))?;
        let client = app_client(client_id, client_secret)?;
        let flow: AuthFlow = flow.parse().map_err(|_| refusal("bad_input", "flow"))?;
        let mut inner = srp_cognito::SignIn::new(flow, pool, client, username, password)
            .map_err(|_| refusal("bad_input", "flow"))?;
        match (device_key, device_group_key, device_password) {
            (Some(device_key), Some(device_group_key), Some(device_password)) => {
                inner = inner.device(RememberedDevice::new(
                    device_key,
                    device_group_key,
                    device_password,
                ));
            }
            (None, None, None) => {}
            _ => {
                return Err(refusal(
                    "bad_input",
                    "device: deviceKey, deviceGroupKey and devicePassword go together",
                ));
            }
        }
        if lenient_secret_block {
            inner = inner.secret_block_decoding(SecretBlockDecoding::Lenient);
        }
        Ok(SignIn { inner })
    }

    /// The `InitiateAuthCommandInput`, with a fresh `a` from `crypto.getRandomValues`.
    ///
    /// # Errors
    /// `rng`, `out_of_turn`, as the library's `SignIn::start`.
    pub fn start(&mut self) -> Result<JsValue, JsError> {
        let init = self.inner.start().map_err(|e| error(&e))?;
        to_js(&InitiateAuthRequest::new(self.inner.client(), init))
    }

    /// [`SignIn::start`] with `a` (hex): the deterministic entry point.
    ///
    /// # Errors
    /// As [`SignIn::start`], and `a_out_of_range`, `bad_hex`.
    #[wasm_bindgen(js_name = startWith)]
    pub fn start_with(&mut self, a: String) -> Result<JsValue, JsError> {
        let a = EphemeralSecret::from_hex(&Zeroizing::new(a)).map_err(|e| error(&e))?;
        let init = self.inner.start_with(a).map_err(|e| error(&e))?;
        to_js(&InitiateAuthRequest::new(self.inner.client(), init))
    }

    /// The next step after an InitiateAuth or RespondToAuthChallenge output (JSON), at
    /// `unix_seconds` (JavaScript's clock: WebAssembly has none):
    /// `{"respond": RespondToAuthChallengeCommandInput}`, `{"pending": {...}}` or
    /// `{"signedIn": AuthenticationResult}`.
    ///
    /// # Errors
    /// `bad_json` for output that is not the SDK's shape; `too_large` for over 1 MiB of
    /// it; `bad_input` for a time that is not a whole number; every refusal of the
    /// library's `SignIn::next_at`.
    pub fn next(&mut self, output: String, unix_seconds: f64) -> Result<JsValue, JsError> {
        let output = Zeroizing::new(output);
        if output.len() > MAX_JSON_BYTES {
            return Err(refusal("too_large", "output: over 1 MiB of JSON"));
        }
        let response: AuthResponse = serde_json::from_str(&output).map_err(|_| {
            refusal(
                "bad_json",
                "not an InitiateAuth or RespondToAuthChallenge output",
            )
        })?;
        let now =
            Timestamp::from_unix_seconds(whole_seconds(unix_seconds)?).map_err(|e| error(&e))?;
        let step = self.inner.next_at(response, &now).map_err(|e| error(&e))?;
        self.step_json(step)
    }

    /// The RespondToAuthChallengeCommandInput answering the pending challenge: `answer`
    /// is the code (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom answer
    /// (CUSTOM_CHALLENGE), the MFA type chosen (SELECT_MFA_TYPE), the new password
    /// (NEW_PASSWORD_REQUIRED, with `attributes` as a JSON object of names to values),
    /// the password (PASSWORD), the credential JSON (WEB_AUTHN); none for MFA_SETUP.
    ///
    /// # Errors
    /// `out_of_turn` when nothing is pending; `answer_mismatch`, `bad_input`.
    pub fn answer(
        &mut self,
        answer: Option<String>,
        attributes: Option<String>,
    ) -> Result<JsValue, JsError> {
        let answer = answer.map(Zeroizing::new);
        let name = self
            .inner
            .pending()
            .ok_or_else(|| error(&Error::OutOfTurn))?
            .clone();
        let text = answer.as_deref().map(String::as_str);
        let attributes: Vec<(String, String)> = match attributes {
            None => Vec::new(),
            Some(json) => {
                let map: Map<String, Value> =
                    serde_json::from_str(&json).map_err(|_| refusal("bad_input", "attributes"))?;
                map.into_iter()
                    .map(|(k, v)| match v {
                        Value::String(v) => Ok((k, v)),
                        _ => Err(refusal("bad_input", "attributes")),
                    })
                    .collect::<Result<_, _>>()?
            }
        };
        let pairs: Vec<(&str, &str)> = attributes
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let password;
        let respond = match name.as_str() {
            "SMS_MFA" => self.inner.answer(Answer::SmsMfaCode(needs(text)?)),
            "SMS_OTP" => self.inner.answer(Answer::SmsOtpCode(needs(text)?)),
            "EMAIL_OTP" => self.inner.answer(Answer::EmailOtpCode(needs(text)?)),
            "SOFTWARE_TOKEN_MFA" => self
                .inner
                .answer(Answer::SoftwareTokenMfaCode(needs(text)?)),
            "CUSTOM_CHALLENGE" => self.inner.answer(Answer::CustomChallenge(needs(text)?)),
            "WEB_AUTHN" => self.inner.answer(Answer::WebAuthn(needs(text)?)),
            "MFA_SETUP" => self.inner.answer(Answer::MfaSetup),
            "SELECT_MFA_TYPE" => {
                let mfa: MfaType = needs(text)?
                    .parse()
                    .map_err(|_| refusal("bad_input", "answer: an MFA type"))?;
                self.inner.answer(Answer::SelectMfaType(mfa))
            }
            "NEW_PASSWORD_REQUIRED" => {
                password = Password::new(needs(text)?);
                self.inner.answer(Answer::NewPassword {
                    password: &password,
                    attributes: &pairs,
                })
            }
            "PASSWORD" => {
                password = Password::new(needs(text)?);
                self.inner.answer(Answer::Password(&password))
            }
            _ => self.inner.answer(Answer::Other(&pairs)),
        }
        .map_err(|e| error(&e))?;
        to_js(&RespondToAuthChallengeRequest::from_respond(
            self.inner.client(),
            respond,
        ))
    }

    /// Cognito's internal username once a challenge named it, else the one typed: the
    /// username of a refresh's SECRET_HASH.
    #[wasm_bindgen(getter)]
    #[must_use]
    pub fn username(&self) -> String {
        self.inner.username().to_owned()
    }

    fn step_json(&self, step: Step) -> Result<JsValue, JsError> {
        match step {
            Step::Respond(respond) => to_js(&Responding {
                respond: RespondToAuthChallengeRequest::from_respond(self.inner.client(), respond),
            }),
            Step::Pending(pending) => to_js(&json!({ "pending": {
                "challengeName": pending.name().as_str(),
                "codeDeliveryDestination": pending.code_delivery_destination(),
                "mfaTypes": pending.mfa_types(),
                "requiredAttributes": pending.required_attributes(),
                "availableChallenges": pending.available_challenges(),
            }})),
            Step::SignedIn(result) => to_js(&SignedIn { signed_in: &result }),
        }
    }
}

/// `{"respond": RespondToAuthChallengeCommandInput}` (serialized straight from the
/// request: no JSON value copy of its `SECRET_HASH` or session).
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

/// The answer's text, which the pending challenge needs.
fn needs(text: Option<&str>) -> Result<&str, JsError> {
    text.ok_or_else(|| refusal("bad_input", "answer"))
}

fn whole_seconds(secs: f64) -> Result<i64, JsError> {
    if secs.is_finite() && secs.fract() == 0.0 && secs.abs() < 1e15 {
        // A whole number below 1e15 in magnitude: exactly an i64.
        #[allow(clippy::cast_possible_truncation)]
        Ok(secs as i64)
    } else {
        Err(refusal("bad_input", "unixSeconds: a whole number"))
    }
}

/// The `AuthenticationResult` of a sign-in (JSON, the SDK's shape) read back, its tokens
/// moved into wiped [`Token`]s.
fn read_result(result: &str) -> Result<AuthenticationResult, JsError> {
    if result.len() > MAX_JSON_BYTES {
        return Err(refusal(
            "too_large",
            "authenticationResult: over 1 MiB of JSON",
        ));
    }
    serde_json::from_str(result).map_err(|_| refusal("bad_json", "not an AuthenticationResult"))
}

/// ConfirmDevice for the `NewDeviceMetadata` of a sign-in's `AuthenticationResult`
/// (JSON): `{"input": ConfirmDeviceCommandInput, "device": {deviceKey, deviceGroupKey,
/// devicePassword}}`, with a fresh device password and salt.
///
/// # Errors
/// `missing_parameter` when the result has no `NewDeviceMetadata`; `bad_json`.
#[wasm_bindgen(js_name = confirmDevice)]
pub fn confirm_device(result: String, device_name: Option<String>) -> Result<JsValue, JsError> {
    let result = read_result(&Zeroizing::new(result))?;
    let confirm = ConfirmDevice::for_result(&result).map_err(|e| error(&e))?;
    let input = ConfirmDeviceRequest::new(&result.access_token, &confirm, device_name.as_deref());
    to_js(&Confirmed {
        input,
        device: DeviceOut {
            device_key: &confirm.device_key,
            device_group_key: &confirm.device_group_key,
            device_password: confirm.verifier.device_password().expose_secret(),
        },
    })
}

/// `{"input": ConfirmDeviceCommandInput, "device": {...}}`.
#[derive(serde::Serialize)]
struct Confirmed<'a> {
    input: ConfirmDeviceRequest<'a>,
    device: DeviceOut<'a>,
}

/// The device to remember, as the package's `RememberedDevice`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct DeviceOut<'a> {
    device_key: &'a str,
    device_group_key: &'a str,
    device_password: &'a str,
}

/// The UpdateDeviceStatusCommandInput marking `device_key` remembered or not.
///
/// # Errors
/// `empty_input` for an empty token.
#[wasm_bindgen(js_name = updateDeviceStatus)]
pub fn update_device_status(
    access_token: String,
    device_key: &str,
    remembered: bool,
) -> Result<JsValue, JsError> {
    let token = Token::new(access_token);
    let status = if remembered {
        DeviceRememberedStatus::Remembered
    } else {
        DeviceRememberedStatus::NotRemembered
    };
    to_js(&UpdateDeviceStatusRequest::new(&token, device_key, status))
}

/// The InitiateAuthCommandInput of `REFRESH_TOKEN_AUTH` (SECRET_HASH of `username`,
/// Cognito's internal username, when the client has a secret).
///
/// # Errors
/// As the library's `refresh`.
#[wasm_bindgen]
pub fn refresh(
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    username: Option<String>,
    device_key: Option<String>,
) -> Result<JsValue, JsError> {
    let client = app_client(client_id, client_secret)?;
    let token = Token::new(refresh_token);
    let init = srp_cognito::refresh(&client, &token, username.as_deref(), device_key.as_deref())
        .map_err(|e| error(&e))?;
    to_js(&InitiateAuthRequest::new(&client, init))
}

/// The GetTokensFromRefreshTokenCommandInput.
///
/// # Errors
/// As the library's `GetTokensFromRefreshToken::new`.
#[wasm_bindgen(js_name = getTokensFromRefreshToken)]
pub fn get_tokens_from_refresh_token(
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    device_key: Option<String>,
) -> Result<JsValue, JsError> {
    let client = app_client(client_id, client_secret)?;
    let token = Token::new(refresh_token);
    let get = GetTokensFromRefreshToken::new(&client, &token, device_key.as_deref())
        .map_err(|e| error(&e))?;
    to_js(&GetTokensFromRefreshTokenRequest::new(&get))
}
