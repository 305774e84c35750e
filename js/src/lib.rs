//! srp-cognito for JavaScript: the library's sign-in, devices and refresh, exported to
//! WebAssembly with wasm-bindgen (the test-vector `compute` is the separate
//! `srp-cognito-js-vectors`, the package's `srp-cognito/vectors`).
//!
//! This is the raw layer; `js/api.js` (loaded by `js/index.js`) is the package's API over
//! it (objects in and out, errors as `SrpCognitoError`). The work is
//! `srp-cognito-bindings`', shared with the Python package: requests and responses travel
//! as JSON text in the shapes the AWS SDK for JavaScript v3 takes and returns
//! (`InitiateAuthCommandInput`, `RespondToAuthChallengeCommandOutput`, ...).
//!
//! What is secret comes in as an owned `String` (its wasm memory is ours, wiped on drop);
//! what goes out that holds a secret (a `SECRET_HASH`, a session, tokens, a device
//! password) is written once into a wiped buffer of its exact size and copied into a JS
//! string, which JavaScript cannot wipe. A [`SignIn`] owns the password and the ephemeral
//! secret: both are wiped when it is freed (`free()`, or wasm-bindgen's
//! `FinalizationRegistry` when the JS object is collected).

use srp_cognito_bindings::{self as bindings, Json, Options, Refusal};
use wasm_bindgen::prelude::*;

/// A JS `Error` whose message is `category: description` (the wrapper makes it a
/// `SrpCognitoError` with `code = category`). No error carries a secret.
fn error(refusal: Refusal) -> JsError {
    JsError::new(&refusal.to_string())
}

/// The JSON text as a JS string; our copy is wiped when it drops.
fn to_js(json: Result<Json, Refusal>) -> Result<JsValue, JsError> {
    json.map(|json| JsValue::from_str(&json)).map_err(error)
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
    to_js(bindings::secret_hash(username, client_id, client_secret))
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

/// The sans-IO sign-in (`srp_cognito::SignIn`): it owns the password and `a` (`Debug`
/// shows neither).
#[wasm_bindgen]
#[derive(Debug)]
pub struct SignIn {
    inner: bindings::SignIn,
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
        let inner = bindings::SignIn::new(Options {
            flow,
            pool_id,
            client_id,
            client_secret,
            username,
            password,
            device: [device_key, device_group_key, device_password],
            lenient_secret_block,
        })
        .map_err(error)?;
        Ok(SignIn { inner })
    }

    /// The `InitiateAuthCommandInput`, with a fresh `a` from `crypto.getRandomValues`.
    ///
    /// # Errors
    /// `rng`, `out_of_turn`, as the library's `SignIn::start`.
    pub fn start(&mut self) -> Result<JsValue, JsError> {
        to_js(self.inner.start())
    }

    /// [`SignIn::start`] with `a` (hex): the deterministic entry point.
    ///
    /// # Errors
    /// As [`SignIn::start`], and `a_out_of_range`, `bad_hex`.
    #[wasm_bindgen(js_name = startWith)]
    pub fn start_with(&mut self, a: String) -> Result<JsValue, JsError> {
        to_js(self.inner.start_with(a))
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
        let seconds = bindings::whole_seconds(unix_seconds).map_err(error)?;
        to_js(self.inner.next(output, Some(seconds)))
    }

    /// The RespondToAuthChallengeCommandInput answering the pending challenge (see
    /// `srp_cognito_bindings::SignIn::answer`; `attributes` is a JSON object).
    ///
    /// # Errors
    /// `out_of_turn` when nothing is pending; `answer_mismatch`, `bad_input`.
    pub fn answer(
        &mut self,
        answer: Option<String>,
        attributes: Option<String>,
    ) -> Result<JsValue, JsError> {
        to_js(self.inner.answer(answer, attributes.as_deref()))
    }

    /// Cognito's internal username once a challenge named it, else the one typed: the
    /// username of a refresh's SECRET_HASH.
    #[wasm_bindgen(getter)]
    #[must_use]
    pub fn username(&self) -> String {
        self.inner.username().to_owned()
    }
}

/// ConfirmDevice for the `NewDeviceMetadata` of a sign-in's `AuthenticationResult`
/// (JSON): `{"input": ConfirmDeviceCommandInput, "device": {deviceKey, deviceGroupKey,
/// devicePassword}}`, with a fresh device password and salt.
///
/// # Errors
/// `missing_parameter` when the result has no `NewDeviceMetadata`; `bad_json`.
#[wasm_bindgen(js_name = confirmDevice)]
pub fn confirm_device(result: String, device_name: Option<String>) -> Result<JsValue, JsError> {
    to_js(bindings::confirm_device(result, device_name.as_deref()))
}

/// The UpdateDeviceStatusCommandInput marking `device_key` remembered or not.
///
/// # Errors
/// `internal` only.
#[wasm_bindgen(js_name = updateDeviceStatus)]
pub fn update_device_status(
    access_token: String,
    device_key: &str,
    remembered: bool,
) -> Result<JsValue, JsError> {
    to_js(bindings::update_device_status(
        access_token,
        device_key,
        remembered,
    ))
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
    to_js(bindings::refresh(
        client_id,
        client_secret,
        refresh_token,
        username.as_deref(),
        device_key.as_deref(),
    ))
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
    to_js(bindings::get_tokens_from_refresh_token(
        client_id,
        client_secret,
        refresh_token,
        device_key.as_deref(),
    ))
}
