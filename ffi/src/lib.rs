//! srp-cognito's C ABI: the one bridge every language links against. C and C++ (`c/`),
//! the npm package's WebAssembly and JavaScript builds (`js/`), and any language with a
//! C FFI (Dart's `dart:ffi`, Go's cgo, Java's FFM API) call these functions; the header,
//! `include/srp_cognito.h`, is generated from this crate by cbindgen and committed (a test
//! fails when it drifts). Each function is a thin door over the shared operation table,
//! `srp-cognito-bindings`: arguments in, one operation, the result or the refusal out.
//!
//! The rules, the same for every function:
//!
//! - **Status.** Every operation returns an `int32_t` status: `SRP_COGNITO_STATUS_OK` (0),
//!   or why it was refused (`srp_cognito_status`; `srp_cognito_status_name` gives its
//!   category's name, `bad_hex`, `out_of_turn`, … as in every language package).
//! - **Text in.** Every argument is a pointer and a length in bytes (UTF-8, not
//!   NUL-terminated; an empty argument is a non-NULL pointer and length 0). A NULL
//!   pointer is `null_pointer` where the argument is required and "absent" where it is
//!   optional; text that is not UTF-8 is `bad_utf8`; over 1 MiB is `too_large`. JSON
//!   arguments are in the wire shapes of Cognito's API (what the AWS SDKs send and
//!   receive). Secrets (passwords, the client secret, tokens, `a`) are arguments of their
//!   own: the library copies them into memory it wipes, and the caller wipes its own copy
//!   whenever it likes once the call returns.
//! - **Text out.** The result (JSON in the same shapes, or text) or the refusal's message
//!   is written into the caller's `srp_cognito_buffer *out`, which is overwritten (its old
//!   contents are not freed); the caller frees it with `srp_cognito_buffer_free`, which
//!   wipes it. There is no thread-local "last error".
//! - **Panics** are caught at every entry and reported as `SRP_COGNITO_STATUS_PANIC`; none
//!   unwinds into the caller.
//! - **Sign-ins** are handles (`uint64_t`, never 0) to a table in the library; a freed,
//!   double-freed or forged handle is refused as `bad_handle`, never undefined behaviour.
//! - **Threads.** Every function may be called from any thread at any time. Calls on one
//!   sign-in are serialized (the second waits for the first); calls on different
//!   sign-ins run in parallel; freeing a sign-in another thread is using is safe (that
//!   call finishes first). A `srp_cognito_buffer` is the caller's, like any memory.
//! - **Versions.** `srp_cognito_abi_version()` returns the ABI this library implements,
//!   `SRP_COGNITO_ABI_VERSION` the one a program was compiled against; the shared library
//!   is `libsrp_cognito.so.1` (its soname carries the same number).
//!
//! On WebAssembly (`wasm32-unknown-unknown`, built with `--cfg
//! getrandom_backend="custom"`) the module imports its randomness from the host
//! (`srp_host.srp_host_random`) and the host writes arguments into the module's memory
//! with `srp_cognito_alloc` and `srp_cognito_dealloc`.

#![expect(
    unsafe_code,
    reason = "the exported C ABI: raw pointers, each use commented"
)]
#![expect(
    clippy::missing_safety_doc,
    reason = "every function's safety is the rules above, in the header"
)]

mod door;
#[cfg(target_arch = "wasm32")]
mod random;

use std::ffi::c_char;

pub use door::Buffer;
use door::{arg, call, optional, output};
use srp_cognito_bindings::{self as bindings, Json, Refusal, Status, handles};

/// The ABI this header describes. A program compiled against one ABI runs against a
/// library of the same ABI: check `srp_cognito_abi_version() == SRP_COGNITO_ABI_VERSION`.
pub const SRP_COGNITO_ABI_VERSION: u32 = 1;

/// The ABI this library implements (`SRP_COGNITO_ABI_VERSION` when it was built).
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_abi_version() -> u32 {
    SRP_COGNITO_ABI_VERSION
}

/// The library's version (`0.1.0`): a static, NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The name of `status` (`ok`, `bad_hex`, `out_of_turn`, …; `unknown` for a number that
/// is no status): a static, NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_status_name(status: i32) -> *const c_char {
    Status::from_code(status)
        .map_or("unknown\0", Status::name_with_nul)
        .as_ptr()
        .cast()
}

/// Wipes and frees the text in `buffer` and makes it empty (`data` NULL, `len` 0).
/// NULL, or an empty buffer, is fine; freeing the same buffer twice is too (it is empty
/// after the first). A copy of the struct freed after the original is not.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_buffer_free(buffer: *mut Buffer) {
    // SAFETY: NULL or a buffer this library wrote (the caller's contract).
    if let Some(buffer) = unsafe { buffer.as_mut() } {
        // SAFETY: its data and len are what the library wrote, or NULL and 0.
        unsafe { buffer.wipe_and_free() };
    }
}

/// `SECRET_HASH = base64(HMAC-SHA256(client_secret, username ‖ client_id))`, into `out`.
/// `username` is Cognito's `USERNAME` for the request (the challenge's, in a response).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_secret_hash(
    username: *const c_char,
    username_len: usize,
    client_id: *const c_char,
    client_id_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        let (username, client_id, client_secret) = unsafe {
            (
                arg("username", username, username_len)?,
                arg("clientId", client_id, client_id_len)?,
                arg("clientSecret", client_secret, client_secret_len)?,
            )
        };
        bindings::secret_hash(username, client_id, client_secret).map(Some)
    })
}

/// A new sign-in, its handle into `*sign_in`. `options` is JSON: `{"poolId":
/// "us-east-1_Abc", "clientId": "…", "username": "…"}`, with optionally `"flow"`
/// (`USER_SRP_AUTH` where absent, `USER_AUTH`, `CUSTOM_AUTH`), `"deviceKey"` and
/// `"deviceGroupKey"` (a remembered device) and `"lenientSecretBlock": true` (accept a
/// `SECRET_BLOCK` in any base64). The secrets are arguments: `password`, and where there
/// are any, `client_secret` and the remembered device's `device_password` (NULL: none).
/// On a refusal, `out` holds its message; on success it is empty. Free the sign-in with
/// `srp_cognito_sign_in_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_sign_in_new(
    options: *const c_char,
    options_len: usize,
    password: *const c_char,
    password_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    device_password: *const c_char,
    device_password_len: usize,
    sign_in: *mut u64,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        let handle = output("sign_in", sign_in)?;
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        let made = unsafe {
            bindings::SignIn::new(
                arg("options", options, options_len)?,
                arg("password", password, password_len)?,
                optional("clientSecret", client_secret, client_secret_len)?,
                optional("devicePassword", device_password, device_password_len)?,
            )?
        };
        let made = handles::insert(made)?;
        // SAFETY: a non-NULL, writable `uint64_t` (the caller's contract); written, not read.
        unsafe { handle.as_ptr().write(made) };
        Ok(None)
    })
}

/// Frees a sign-in: its password and ephemeral secrets are wiped (once a call another
/// thread is making on it returns), and its handle is refused from now on (`bad_handle`,
/// a second free among them).
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_sign_in_free(sign_in: u64) -> Status {
    let mut out = Buffer::EMPTY;
    let status = call(&mut out, || handles::remove(sign_in).map(|()| None));
    // SAFETY: `out` was written by `call` just now.
    unsafe { out.wipe_and_free() };
    status
}

/// The InitiateAuth request (JSON: `AuthFlow`, `ClientId`, `AuthParameters`) into `out`,
/// with a fresh ephemeral secret `a` from the operating system's randomness.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_sign_in_start(sign_in: u64, out: *mut Buffer) -> Status {
    call(out, || handles::with(sign_in, |s| s.start()).map(Some))
}

/// `srp_cognito_sign_in_start` with the ephemeral secret `a` (hex, at most 1024 bytes,
/// not 0): the deterministic entry point, for tests and test vectors.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_sign_in_start_with(
    sign_in: u64,
    a: *const c_char,
    a_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the argument's pointer and length (the caller's contract).
        let a = unsafe { arg("a", a, a_len)? };
        handles::with(sign_in, |s| s.start_with(a)).map(Some)
    })
}

/// The next step after an InitiateAuth or RespondToAuthChallenge response (`response`:
/// its JSON, `ChallengeName`, `ChallengeParameters`, `Session`, `AuthenticationResult`),
/// at `unix_seconds` (the clock: seconds since 1970), into `out` as JSON, one of:
/// `{"respond": {…}}`, the RespondToAuthChallenge request to send (the password claim
/// and the device challenges are answered here); `{"pending": {"challengeName", …}}`, a
/// challenge for the user (answer it with `srp_cognito_sign_in_answer`); `{"signedIn":
/// {…}}`, the AuthenticationResult.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_sign_in_next(
    sign_in: u64,
    response: *const c_char,
    response_len: usize,
    unix_seconds: i64,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the argument's pointer and length (the caller's contract).
        let response = unsafe { arg("response", response, response_len)? };
        handles::with(sign_in, |s| s.next(response, unix_seconds)).map(Some)
    })
}

/// The RespondToAuthChallenge request (JSON) answering the pending challenge, into
/// `out`. `answer`: the code (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom
/// answer (CUSTOM_CHALLENGE), the MFA type (SELECT_MFA_TYPE), the new password
/// (NEW_PASSWORD_REQUIRED), the password (PASSWORD), the credential JSON (WEB_AUTHN), or
/// NULL (MFA_SETUP). `attributes`: NULL, or a JSON object of names to string values
/// (NEW_PASSWORD_REQUIRED's required attributes; another challenge's responses).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_sign_in_answer(
    sign_in: u64,
    answer: *const c_char,
    answer_len: usize,
    attributes: *const c_char,
    attributes_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        let (answer, attributes) = unsafe {
            (
                optional("answer", answer, answer_len)?,
                optional("attributes", attributes, attributes_len)?,
            )
        };
        handles::with(sign_in, |s| s.answer(answer, attributes)).map(Some)
    })
}

/// The username into `out`: Cognito's internal one once a challenge named it, else the
/// one given (the username of a refresh's SECRET_HASH).
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_sign_in_username(sign_in: u64, out: *mut Buffer) -> Status {
    call(out, || {
        handles::with(sign_in, |s| Ok(Some(Json::new(s.username().to_owned()))))
    })
}

/// The name of the challenge waiting for an answer into `out`; `out` is empty when none
/// is.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_sign_in_pending(sign_in: u64, out: *mut Buffer) -> Status {
    call(out, || {
        handles::with(sign_in, |s| {
            Ok(s.pending().map(|p| Json::new(p.to_owned())))
        })
    })
}

/// ConfirmDevice for the `NewDeviceMetadata` of a sign-in's AuthenticationResult
/// (`result`, JSON), into `out`: `{"input": {…}, "device": {"deviceKey",
/// "deviceGroupKey", "devicePassword"}}`, `input` the ConfirmDevice request (with a fresh
/// device password and salt), `device` what to store (as secretly as a password) for the
/// next sign-in. `device_name`: NULL, or the `DeviceName`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_confirm_device(
    result: *const c_char,
    result_len: usize,
    device_name: *const c_char,
    device_name_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        let (result, device_name) = unsafe {
            (
                arg("result", result, result_len)?,
                optional("deviceName", device_name, device_name_len)?,
            )
        };
        bindings::confirm_device(result, device_name).map(Some)
    })
}

/// The UpdateDeviceStatus request (JSON) into `out`: `remembered` 1 for `remembered`, 0
/// for `not_remembered` (any other value is `bad_input`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_update_device_status(
    access_token: *const c_char,
    access_token_len: usize,
    device_key: *const c_char,
    device_key_len: usize,
    remembered: i32,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        let (access_token, device_key) = unsafe {
            (
                arg("accessToken", access_token, access_token_len)?,
                arg("deviceKey", device_key, device_key_len)?,
            )
        };
        let remembered = match remembered {
            0 => false,
            1 => true,
            _ => return Err(Refusal::new(Status::BadInput, "remembered: 0 or 1")),
        };
        bindings::update_device_status(access_token, device_key, remembered).map(Some)
    })
}

/// The InitiateAuth request (JSON) of `REFRESH_TOKEN_AUTH` into `out`. `client_secret`,
/// `username` (Cognito's internal username, which SECRET_HASH needs with a secret) and
/// `device_key` may be NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_refresh(
    client_id: *const c_char,
    client_id_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    refresh_token: *const c_char,
    refresh_token_len: usize,
    username: *const c_char,
    username_len: usize,
    device_key: *const c_char,
    device_key_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        unsafe {
            bindings::refresh(
                arg("clientId", client_id, client_id_len)?,
                optional("clientSecret", client_secret, client_secret_len)?,
                arg("refreshToken", refresh_token, refresh_token_len)?,
                optional("username", username, username_len)?,
                optional("deviceKey", device_key, device_key_len)?,
            )
        }
        .map(Some)
    })
}

/// The GetTokensFromRefreshToken request (JSON) into `out`. `client_secret` and
/// `device_key` may be NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_get_tokens_from_refresh_token(
    client_id: *const c_char,
    client_id_len: usize,
    client_secret: *const c_char,
    client_secret_len: usize,
    refresh_token: *const c_char,
    refresh_token_len: usize,
    device_key: *const c_char,
    device_key_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the arguments' pointers and lengths (the caller's contract).
        unsafe {
            bindings::get_tokens_from_refresh_token(
                arg("clientId", client_id, client_id_len)?,
                optional("clientSecret", client_secret, client_secret_len)?,
                arg("refreshToken", refresh_token, refresh_token_len)?,
                optional("deviceKey", device_key, device_key_len)?,
            )
        }
        .map(Some)
    })
}

/// The arithmetic backend in use (`avx512ifma`, `portable`, `portable32`, `host-bigint`)
/// into `out`.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_backend(out: *mut Buffer) -> Status {
    call(out, || Ok(Some(Json::new(bindings::backend().to_owned()))))
}

/// The test vectors' `compute` (`test-vectors/FORMAT.md`): a `{"kind", "input"}` request
/// in, the expected object or `{"error": category}` out (JSON). For test vectors only: it
/// does not wipe its request. Only in a library built with the `testing` feature.
#[cfg(feature = "testing")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_testing_compute(
    request: *const c_char,
    request_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the argument's pointer and length (the caller's contract). Over 1 MiB
        // is the harness's `bad_json`, not a refusal.
        let request = unsafe {
            match arg("request", request, request_len) {
                Err(refusal) if refusal.status == Status::TooLarge => &[][..],
                other => other?,
            }
        };
        bindings::testing::compute(request).map(Some)
    })
}

/// Makes `name` (`portable`, `avx512ifma`, `portable32`, `host-bigint`) the arithmetic
/// backend of the whole process, for tests and benchmarks; `backend_unavailable` where
/// this CPU or build cannot run it. Only with the `testing` feature.
#[cfg(feature = "testing")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_testing_select_backend(
    name: *const c_char,
    name_len: usize,
    out: *mut Buffer,
) -> Status {
    call(out, || {
        // SAFETY: the argument's pointer and length (the caller's contract).
        let name = unsafe { arg("name", name, name_len)? };
        bindings::testing::select_backend(name).map(Some)
    })
}

/// `len` zeroed bytes in the library's memory, or NULL (for 0 bytes, or when memory is
/// exhausted): where a WebAssembly host writes the arguments of a call. Give them back
/// to `srp_cognito_dealloc`, which wipes them.
#[unsafe(no_mangle)]
pub extern "C" fn srp_cognito_alloc(len: usize) -> *mut c_char {
    if len == 0 {
        return std::ptr::null_mut();
    }
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(len).is_err() {
        return std::ptr::null_mut();
    }
    bytes.resize(len, 0u8);
    Box::into_raw(bytes.into_boxed_slice()).cast()
}

/// Wipes and frees `len` bytes from `srp_cognito_alloc` (NULL is fine).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_cognito_dealloc(ptr: *mut c_char, len: usize) {
    let mut buffer = Buffer { data: ptr, len };
    // SAFETY: exactly a boxed slice `srp_cognito_alloc` made (the caller's contract),
    // the same allocation `Buffer::of` makes.
    unsafe { buffer.wipe_and_free() };
}

#[cfg(test)]
mod tests;
