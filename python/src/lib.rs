//! srp-cognito for Python: the library's sign-in, devices and refresh as the extension
//! module `srp_cognito._native` (PyO3, the stable ABI of CPython 3.9 and later). The work
//! is `srp-cognito-bindings`', shared with the npm package: requests and responses travel
//! as JSON text in the shapes boto3 takes and returns; `srp_cognito/__init__.py` turns
//! them into dicts and objects.
//!
//! What is secret comes in as an owned `String` (wiped once used); what goes out that
//! holds a secret is written once into a wiped buffer and copied into a Python `str`,
//! which Python cannot wipe. A [`SignIn`] owns the password and the ephemeral secret:
//! both are wiped when the object is collected. The big-number work runs with the GIL
//! released.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyString;
use srp_cognito_bindings::{self as bindings, Json, Options, Refusal};

create_exception!(
    _native,
    SrpCognitoError,
    PyException,
    "A refusal of srp-cognito: `category` names it (`bad_hex`, `out_of_turn`, …)."
);

/// The refusal as a `SrpCognitoError` whose `category` attribute is its category.
fn error(py: Python<'_>, refusal: &Refusal) -> PyErr {
    let err = SrpCognitoError::new_err(refusal.to_string());
    if let Err(e) = err.value(py).setattr("category", refusal.category) {
        return e;
    }
    err
}

/// The JSON text as a Python `str`; our copy is wiped when it drops.
fn to_py(py: Python<'_>, json: Result<Json, Refusal>) -> PyResult<Bound<'_, PyString>> {
    match json {
        Ok(json) => Ok(PyString::new(py, &json)),
        Err(refusal) => Err(error(py, &refusal)),
    }
}

/// The sans-IO sign-in (`srp_cognito::SignIn`) over JSON text.
#[pyclass(module = "srp_cognito._native")]
struct SignIn {
    inner: bindings::SignIn,
}

#[pymethods]
impl SignIn {
    #[new]
    #[pyo3(signature = (flow, pool_id, client_id, client_secret, username, password,
        device_key, device_group_key, device_password, lenient_secret_block))]
    #[allow(clippy::too_many_arguments)] // the Python wrapper passes its arguments on
    fn new(
        py: Python<'_>,
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
    ) -> PyResult<Self> {
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
        .map_err(|e| error(py, &e))?;
        Ok(SignIn { inner })
    }

    /// The InitiateAuth input (JSON), with a fresh `a` from the OS.
    fn start<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.start());
        to_py(py, json)
    }

    /// `start` with `a` (hex): the deterministic entry point.
    fn start_with<'py>(&mut self, py: Python<'py>, a: String) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.start_with(a));
        to_py(py, json)
    }

    /// The next step (JSON) after an InitiateAuth or RespondToAuthChallenge output (JSON),
    /// at `unix_seconds` or the system clock.
    #[pyo3(signature = (output, unix_seconds=None))]
    fn next<'py>(
        &mut self,
        py: Python<'py>,
        output: String,
        unix_seconds: Option<i64>,
    ) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.next(output, unix_seconds));
        to_py(py, json)
    }

    /// The RespondToAuthChallenge input (JSON) answering the pending challenge.
    #[pyo3(signature = (answer=None, attributes=None))]
    fn answer<'py>(
        &mut self,
        py: Python<'py>,
        answer: Option<String>,
        attributes: Option<&str>,
    ) -> PyResult<Bound<'py, PyString>> {
        let json = self.inner.answer(answer, attributes);
        to_py(py, json)
    }

    /// Cognito's internal username once a challenge named it, else the one typed.
    #[getter]
    fn username(&self) -> &str {
        self.inner.username()
    }

    /// The challenge waiting for an answer, if any.
    #[getter]
    fn pending(&self) -> Option<&str> {
        self.inner.pending()
    }

    fn __repr__(&self) -> String {
        format!(
            "SignIn(username={:?}, pending={:?})",
            self.inner.username(),
            self.inner.pending()
        )
    }
}

/// `SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))`.
#[pyfunction]
fn secret_hash<'py>(
    py: Python<'py>,
    username: &str,
    client_id: &str,
    client_secret: String,
) -> PyResult<Bound<'py, PyString>> {
    to_py(
        py,
        bindings::secret_hash(username, client_id, client_secret),
    )
}

/// ConfirmDevice for a sign-in's AuthenticationResult (JSON): `{"input", "device"}`.
#[pyfunction]
#[pyo3(signature = (result, device_name=None))]
fn confirm_device<'py>(
    py: Python<'py>,
    result: String,
    device_name: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = py.detach(|| bindings::confirm_device(result, device_name));
    to_py(py, json)
}

/// The UpdateDeviceStatus input (JSON).
#[pyfunction]
fn update_device_status<'py>(
    py: Python<'py>,
    access_token: String,
    device_key: &str,
    remembered: bool,
) -> PyResult<Bound<'py, PyString>> {
    to_py(
        py,
        bindings::update_device_status(access_token, device_key, remembered),
    )
}

/// The InitiateAuth input of REFRESH_TOKEN_AUTH (JSON).
#[pyfunction]
#[pyo3(signature = (client_id, client_secret, refresh_token, username=None, device_key=None))]
fn refresh<'py>(
    py: Python<'py>,
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    username: Option<&str>,
    device_key: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = bindings::refresh(
        client_id,
        client_secret,
        refresh_token,
        username,
        device_key,
    );
    to_py(py, json)
}

/// The GetTokensFromRefreshToken input (JSON).
#[pyfunction]
#[pyo3(signature = (client_id, client_secret, refresh_token, device_key=None))]
fn get_tokens_from_refresh_token<'py>(
    py: Python<'py>,
    client_id: &str,
    client_secret: Option<String>,
    refresh_token: String,
    device_key: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = bindings::get_tokens_from_refresh_token(
        client_id,
        client_secret,
        refresh_token,
        device_key,
    );
    to_py(py, json)
}

/// The arithmetic backend in use (`avx512ifma`, `portable`).
#[pyfunction]
fn backend() -> &'static str {
    srp_cognito::backend().name()
}

/// `compute`: a FORMAT.md `{"kind": ..., "input": {...}}` request (JSON) in, the expected
/// object or `{"error": category}` out. For test vectors only: it does not wipe its
/// request.
#[cfg(feature = "vectors")]
#[pyfunction]
fn compute(py: Python<'_>, request: String) -> String {
    use serde_json::{Value, json};
    let request = zeroize::Zeroizing::new(request);
    if request.len() > bindings::MAX_JSON_BYTES {
        return json!({ "error": "bad_json" }).to_string();
    }
    py.detach(|| match srp_cognito_vectors::compute_json(&request) {
        Ok(expected) => Value::Object(expected),
        Err(e) => json!({ "error": e.category() }),
    })
    .to_string()
}

/// Chooses the arithmetic backend for the whole process (`portable`, `avx512ifma`,
/// `portable32`), for benchmarks; only in a build with the vector harness.
#[cfg(feature = "vectors")]
#[pyfunction]
fn select_backend(py: Python<'_>, name: &str) -> PyResult<()> {
    name.parse()
        .and_then(srp_cognito::hazmat::select_backend)
        .map_err(|e| error(py, &Refusal::from(e)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("SrpCognitoError", m.py().get_type::<SrpCognitoError>())?;
    m.add("MAX_JSON_BYTES", bindings::MAX_JSON_BYTES)?;
    m.add(
        "MAX_AUTOMATIC_ANSWERS",
        srp_cognito::SignIn::MAX_AUTOMATIC_ANSWERS,
    )?;
    m.add_class::<SignIn>()?;
    m.add_function(wrap_pyfunction!(secret_hash, m)?)?;
    m.add_function(wrap_pyfunction!(confirm_device, m)?)?;
    m.add_function(wrap_pyfunction!(update_device_status, m)?)?;
    m.add_function(wrap_pyfunction!(refresh, m)?)?;
    m.add_function(wrap_pyfunction!(get_tokens_from_refresh_token, m)?)?;
    m.add_function(wrap_pyfunction!(backend, m)?)?;
    #[cfg(feature = "vectors")]
    {
        m.add_function(wrap_pyfunction!(compute, m)?)?;
        m.add_function(wrap_pyfunction!(select_backend, m)?)?;
    }
    Ok(())
}
