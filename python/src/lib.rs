//! srp-cognito for Python: the shared operation table (`srp-cognito-bindings`, which the C
//! ABI also calls) as the extension module `srp_cognito._native` (PyO3, the stable ABI of
//! CPython 3.9 and later). A thin door: each function hands its arguments' UTF-8 to one
//! operation and gives back its JSON text, in the shapes boto3 takes and returns, or its
//! refusal as a `SrpCognitoError` with the category; `srp_cognito/__init__.py` turns the
//! JSON into dicts and objects, and reads the clock.
//!
//! Secrets (the password, the client secret, `a`, tokens) are read from the Python
//! string's UTF-8 and copied into the library's wiped types; what goes out that holds a
//! secret is written once into a wiped buffer and copied into a Python `str`, which
//! Python cannot wipe. A [`SignIn`] owns the password and the ephemeral secret: both are
//! wiped when the object is collected. The big-number work runs with the GIL released.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyString;
use srp_cognito_bindings::{self as bindings, Json, Refusal};

create_exception!(
    _native,
    SrpCognitoError,
    PyException,
    "A refusal of srp-cognito: `category` names it (`bad_hex`, `out_of_turn`, …)."
);

/// The refusal as a `SrpCognitoError` whose `category` attribute is its category.
fn error(py: Python<'_>, refusal: &Refusal) -> PyErr {
    let err = SrpCognitoError::new_err(refusal.to_string());
    if let Err(e) = err.value(py).setattr("category", refusal.category()) {
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

fn bytes(text: Option<&str>) -> Option<&[u8]> {
    text.map(str::as_bytes)
}

/// The sans-IO sign-in (`bindings::SignIn`) over JSON text.
#[pyclass(module = "srp_cognito._native")]
struct SignIn {
    inner: bindings::SignIn,
}

#[pymethods]
impl SignIn {
    /// A sign-in of `options` (JSON: `poolId`, `clientId`, `username`, and optionally
    /// `flow`, `deviceKey`, `deviceGroupKey`, `lenientSecretBlock`) with its secrets.
    #[new]
    #[pyo3(signature = (options, password, client_secret=None, device_password=None))]
    fn new(
        py: Python<'_>,
        options: &str,
        password: &str,
        client_secret: Option<&str>,
        device_password: Option<&str>,
    ) -> PyResult<Self> {
        bindings::SignIn::new(
            options.as_bytes(),
            password.as_bytes(),
            bytes(client_secret),
            bytes(device_password),
        )
        .map(|inner| SignIn { inner })
        .map_err(|e| error(py, &e))
    }

    /// The InitiateAuth input (JSON), with a fresh `a` from the OS.
    fn start<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.start());
        to_py(py, json)
    }

    /// `start` with `a` (hex): the deterministic entry point.
    fn start_with<'py>(&mut self, py: Python<'py>, a: &str) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.start_with(a.as_bytes()));
        to_py(py, json)
    }

    /// The next step (JSON) after an InitiateAuth or RespondToAuthChallenge output (JSON),
    /// at `unix_seconds`.
    fn next<'py>(
        &mut self,
        py: Python<'py>,
        output: &str,
        unix_seconds: i64,
    ) -> PyResult<Bound<'py, PyString>> {
        let json = py.detach(|| self.inner.next(output.as_bytes(), unix_seconds));
        to_py(py, json)
    }

    /// The RespondToAuthChallenge input (JSON) answering the pending challenge.
    #[pyo3(signature = (answer=None, attributes=None))]
    fn answer<'py>(
        &mut self,
        py: Python<'py>,
        answer: Option<&str>,
        attributes: Option<&str>,
    ) -> PyResult<Bound<'py, PyString>> {
        to_py(py, self.inner.answer(bytes(answer), bytes(attributes)))
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
    client_secret: &str,
) -> PyResult<Bound<'py, PyString>> {
    let json = bindings::secret_hash(
        username.as_bytes(),
        client_id.as_bytes(),
        client_secret.as_bytes(),
    );
    to_py(py, json)
}

/// ConfirmDevice for a sign-in's AuthenticationResult (JSON): `{"input", "device"}`.
#[pyfunction]
#[pyo3(signature = (result, device_name=None))]
fn confirm_device<'py>(
    py: Python<'py>,
    result: &str,
    device_name: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = py.detach(|| bindings::confirm_device(result.as_bytes(), bytes(device_name)));
    to_py(py, json)
}

/// The UpdateDeviceStatus input (JSON).
#[pyfunction]
fn update_device_status<'py>(
    py: Python<'py>,
    access_token: &str,
    device_key: &str,
    remembered: bool,
) -> PyResult<Bound<'py, PyString>> {
    let json =
        bindings::update_device_status(access_token.as_bytes(), device_key.as_bytes(), remembered);
    to_py(py, json)
}

/// The InitiateAuth input of REFRESH_TOKEN_AUTH (JSON).
#[pyfunction]
#[pyo3(signature = (client_id, client_secret, refresh_token, username=None, device_key=None))]
fn refresh<'py>(
    py: Python<'py>,
    client_id: &str,
    client_secret: Option<&str>,
    refresh_token: &str,
    username: Option<&str>,
    device_key: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = bindings::refresh(
        client_id.as_bytes(),
        bytes(client_secret),
        refresh_token.as_bytes(),
        bytes(username),
        bytes(device_key),
    );
    to_py(py, json)
}

/// The GetTokensFromRefreshToken input (JSON).
#[pyfunction]
#[pyo3(signature = (client_id, client_secret, refresh_token, device_key=None))]
fn get_tokens_from_refresh_token<'py>(
    py: Python<'py>,
    client_id: &str,
    client_secret: Option<&str>,
    refresh_token: &str,
    device_key: Option<&str>,
) -> PyResult<Bound<'py, PyString>> {
    let json = bindings::get_tokens_from_refresh_token(
        client_id.as_bytes(),
        bytes(client_secret),
        refresh_token.as_bytes(),
        bytes(device_key),
    );
    to_py(py, json)
}

/// The arithmetic backend in use (`avx512ifma`, `portable`).
#[pyfunction]
fn backend() -> &'static str {
    bindings::backend()
}

/// `compute`: a FORMAT.md `{"kind": ..., "input": {...}}` request (JSON) in, the expected
/// object or `{"error": category}` out. For test vectors only: it does not wipe its
/// request.
#[cfg(feature = "vectors")]
#[pyfunction]
fn compute<'py>(py: Python<'py>, request: &str) -> PyResult<Bound<'py, PyString>> {
    let json = py.detach(|| bindings::testing::compute(request.as_bytes()));
    to_py(py, json)
}

/// Chooses the arithmetic backend for the whole process (`portable`, `avx512ifma`,
/// `portable32`), for benchmarks; only in a build with the vector harness.
#[cfg(feature = "vectors")]
#[pyfunction]
fn select_backend(py: Python<'_>, name: &str) -> PyResult<()> {
    bindings::testing::select_backend(name.as_bytes())
        .map(drop)
        .map_err(|e| error(py, &e))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("SrpCognitoError", m.py().get_type::<SrpCognitoError>())?;
    m.add("MAX_JSON_BYTES", bindings::MAX_JSON_BYTES)?;
    m.add("MAX_AUTOMATIC_ANSWERS", bindings::MAX_AUTOMATIC_ANSWERS)?;
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
