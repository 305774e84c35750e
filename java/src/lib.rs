//! srp-cognito for Java: the JNI door over the shared operation table
//! (`srp-cognito-bindings`, which the C ABI and the Python extension also call). The
//! Maven project in this folder loads it (`dev.srpcognito.Native`) on the JVM, and an
//! Android app would load the same library built for its ABIs.
//!
//! Thin, as every door is: each native method hands its `byte[]` arguments (UTF-8 text,
//! JSON in the wire shapes of Cognito's API) to one operation and gives back its JSON text
//! as a `byte[]`, or throws its refusal as a `dev.srpcognito.SrpCognitoException` carrying
//! the status and the category's name. Java turns the JSON into maps and typed values.
//!
//! - **Secrets** come in as `byte[]` (the Java side encodes a `char[]` password into one,
//!   and wipes both once the call returns); they are copied into memory the library wipes.
//!   What goes out that holds a secret (a session, tokens, a device password) is a
//!   `byte[]` the Java side wipes once it has read it; the `String`s it makes of it are out
//!   of anyone's reach.
//! - **Sign-ins** are `long` handles to the operation table's generation-checked table
//!   (`handles`): a closed, double-closed or forged handle is refused as `bad_handle`,
//!   never a crash.
//! - **Panics** are caught at every entry and thrown as the category `panic`; none unwinds
//!   into the JVM. A Java exception already pending (an `OutOfMemoryError` from a
//!   `NewByteArray`) is left to propagate, never replaced.
//! - **Threads.** Every method may be called from any thread; calls on one sign-in are
//!   serialized by the table, calls on different ones run in parallel.
//! - **Bounds.** An argument over 1 MiB is refused as `too_large` before it is copied.

// The JNI entry points are `#[no_mangle] extern "system"` functions the JVM finds by
// name, which `unsafe_code` flags; nothing here dereferences a raw pointer (the `jni`
// crate's safe wrappers do every JNI call).
#![expect(unsafe_code, reason = "the JNI entry points are #[unsafe(no_mangle)]")]

use std::panic::{AssertUnwindSafe, catch_unwind};

use jni::JNIEnv;
use jni::objects::{JByteArray, JClass, JObject, JThrowable, JValue};
use jni::sys::{jboolean, jbyteArray, jlong};
use srp_cognito_bindings::{
    self as bindings, Json, MAX_ARGUMENT_BYTES, Refusal, SignIn, Status, handles,
};
use zeroize::Zeroizing;

/// The exception every refusal is thrown as.
const EXCEPTION: &str = "dev/srpcognito/SrpCognitoException";

/// A JNI failure (the environment refused a call) as a refusal.
fn jni_failed(e: &jni::errors::Error) -> Refusal {
    Refusal::new(Status::Internal, format!("JNI: {e}"))
}

/// Argument `name` copied out of the Java array, into memory wiped on drop; `None` for a
/// `null` array.
///
/// # Errors
/// `too_large` over 1 MiB (checked before the copy); `internal` if JNI refuses.
fn optional(
    env: &JNIEnv<'_>,
    name: &str,
    array: &JByteArray<'_>,
) -> Result<Option<Zeroizing<Vec<u8>>>, Refusal> {
    if array.is_null() {
        return Ok(None);
    }
    let len = env.get_array_length(array).map_err(|e| jni_failed(&e))?;
    if usize::try_from(len).map_or(true, |len| len > MAX_ARGUMENT_BYTES) {
        return Err(Refusal::new(
            Status::TooLarge,
            format!("{name}: over 1 MiB"),
        ));
    }
    let bytes = env.convert_byte_array(array).map_err(|e| jni_failed(&e))?;
    Ok(Some(Zeroizing::new(bytes)))
}

/// A required argument.
///
/// # Errors
/// `null_pointer` for `null`; as [`optional`].
fn arg(
    env: &JNIEnv<'_>,
    name: &str,
    array: &JByteArray<'_>,
) -> Result<Zeroizing<Vec<u8>>, Refusal> {
    optional(env, name, array)?
        .ok_or_else(|| Refusal::new(Status::NullPointer, format!("{name}: null")))
}

/// The text as a new Java `byte[]`; our copy is wiped when `text` drops.
fn bytes_out(env: &JNIEnv<'_>, text: &Json) -> Result<jbyteArray, Refusal> {
    env.byte_array_from_slice(text.as_bytes())
        .map(JByteArray::into_raw)
        .map_err(|e| jni_failed(&e))
}

/// Throws `refusal` as a `SrpCognitoException(status, category, message)`, unless an
/// exception is already pending (it is the truer report: left as it is).
fn throw(env: &mut JNIEnv<'_>, refusal: &Refusal) {
    if env.exception_check().unwrap_or(true) {
        return;
    }
    let thrown = (|| -> jni::errors::Result<()> {
        let category = env.new_string(refusal.category())?;
        let message = env.new_string(&refusal.message)?;
        let exception = env.new_object(
            EXCEPTION,
            "(ILjava/lang/String;Ljava/lang/String;)V",
            &[
                JValue::Int(refusal.status as i32),
                JValue::Object(&category),
                JValue::Object(&message),
            ],
        )?;
        env.throw(JThrowable::from(exception))
    })();
    if thrown.is_err() && !env.exception_check().unwrap_or(true) {
        // The exception class could not be made (a class loader without it): still an
        // exception, never a silent default.
        let _ = env.throw_new("java/lang/IllegalStateException", &refusal.message);
    }
}

/// Runs `operation` for a native method: its value, or `fallback` with its refusal (or a
/// caught panic) thrown.
fn door<'local, T>(
    env: &mut JNIEnv<'local>,
    fallback: T,
    operation: impl FnOnce(&mut JNIEnv<'local>) -> Result<T, Refusal>,
) -> T {
    let outcome = catch_unwind(AssertUnwindSafe(|| operation(env))).unwrap_or_else(|_| {
        Err(Refusal::new(
            Status::Panic,
            "srp-cognito panicked (a bug: please report it); the call did nothing",
        ))
    });
    match outcome {
        Ok(value) => value,
        Err(refusal) => {
            throw(env, &refusal);
            fallback
        }
    }
}

/// A door whose operation gives text: a `byte[]`, or `null` with the refusal thrown.
fn text_door<'local>(
    env: &mut JNIEnv<'local>,
    operation: impl FnOnce(&mut JNIEnv<'local>) -> Result<Json, Refusal>,
) -> jbyteArray {
    door(env, JObject::null().into_raw(), |env| {
        let text = operation(env)?;
        bytes_out(env, &text)
    })
}

/// The JVM's `long` for a handle (the same 64 bits).
fn handle_in(handle: jlong) -> u64 {
    handle.cast_unsigned()
}

/// `Native.backend()`: the arithmetic backend's name.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_backend<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
) -> jbyteArray {
    text_door(&mut env, |_| Ok(Json::new(bindings::backend().to_owned())))
}

/// `Native.secretHash(username, clientId, clientSecret)`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_secretHash<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    username: JByteArray<'local>,
    client_id: JByteArray<'local>,
    client_secret: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        bindings::secret_hash(
            &arg(env, "username", &username)?,
            &arg(env, "clientId", &client_id)?,
            &arg(env, "clientSecret", &client_secret)?,
        )
    })
}

/// `Native.signInNew(options, password, clientSecret?, devicePassword?)`: a handle.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInNew<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    options: JByteArray<'local>,
    password: JByteArray<'local>,
    client_secret: JByteArray<'local>,
    device_password: JByteArray<'local>,
) -> jlong {
    door(&mut env, 0, |env| {
        let client_secret = optional(env, "clientSecret", &client_secret)?;
        let device_password = optional(env, "devicePassword", &device_password)?;
        let sign_in = SignIn::new(
            &arg(env, "options", &options)?,
            &arg(env, "password", &password)?,
            client_secret.as_deref().map(Vec::as_slice),
            device_password.as_deref().map(Vec::as_slice),
        )?;
        Ok(handles::insert(sign_in)?.cast_signed())
    })
}

/// `Native.signInStart(handle)`: the InitiateAuth input.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInStart<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> jbyteArray {
    text_door(&mut env, |_| {
        handles::with(handle_in(handle), SignIn::start)
    })
}

/// `Native.signInStartWith(handle, a)`: the deterministic entry point.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInStartWith<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    a: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let a = arg(env, "a", &a)?;
        handles::with(handle_in(handle), |sign_in| sign_in.start_with(&a))
    })
}

/// `Native.signInNext(handle, output, unixSeconds)`: `{"respond"}`, `{"pending"}` or
/// `{"signedIn"}`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInNext<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    output: JByteArray<'local>,
    unix_seconds: jlong,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let output = arg(env, "output", &output)?;
        handles::with(handle_in(handle), |sign_in| {
            sign_in.next(&output, unix_seconds)
        })
    })
}

/// `Native.signInAnswer(handle, answer?, attributes?)`: the RespondToAuthChallenge input.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInAnswer<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    answer: JByteArray<'local>,
    attributes: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let answer = optional(env, "answer", &answer)?;
        let attributes = optional(env, "attributes", &attributes)?;
        handles::with(handle_in(handle), |sign_in| {
            sign_in.answer(
                answer.as_deref().map(Vec::as_slice),
                attributes.as_deref().map(Vec::as_slice),
            )
        })
    })
}

/// `Native.signInUsername(handle)`: Cognito's username once a challenge named it.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInUsername<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> jbyteArray {
    text_door(&mut env, |_| {
        handles::with(handle_in(handle), |sign_in| {
            Ok(Json::new(sign_in.username().to_owned()))
        })
    })
}

/// `Native.signInPending(handle)`: the pending challenge's name, or `null`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInPending<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> jbyteArray {
    door(&mut env, JObject::null().into_raw(), |env| {
        let pending = handles::with(handle_in(handle), |sign_in| {
            Ok(sign_in.pending().map(|name| Json::new(name.to_owned())))
        })?;
        match pending {
            Some(name) => bytes_out(env, &name),
            None => Ok(JObject::null().into_raw()),
        }
    })
}

/// `Native.signInFree(handle)`: wipes the sign-in; the handle is refused from now on.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_signInFree<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) {
    door(&mut env, (), |_| handles::remove(handle_in(handle)));
}

/// `Native.confirmDevice(authenticationResult, deviceName?)`: `{"input", "device"}`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_confirmDevice<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    result: JByteArray<'local>,
    device_name: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let name = optional(env, "deviceName", &device_name)?;
        bindings::confirm_device(
            &arg(env, "result", &result)?,
            name.as_deref().map(Vec::as_slice),
        )
    })
}

/// `Native.updateDeviceStatus(accessToken, deviceKey, remembered)`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_updateDeviceStatus<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    access_token: JByteArray<'local>,
    device_key: JByteArray<'local>,
    remembered: jboolean,
) -> jbyteArray {
    text_door(&mut env, |env| {
        bindings::update_device_status(
            &arg(env, "accessToken", &access_token)?,
            &arg(env, "deviceKey", &device_key)?,
            remembered != 0,
        )
    })
}

/// `Native.refresh(clientId, clientSecret?, refreshToken, username?, deviceKey?)`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_refresh<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    client_id: JByteArray<'local>,
    client_secret: JByteArray<'local>,
    refresh_token: JByteArray<'local>,
    username: JByteArray<'local>,
    device_key: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let client_secret = optional(env, "clientSecret", &client_secret)?;
        let username = optional(env, "username", &username)?;
        let device_key = optional(env, "deviceKey", &device_key)?;
        bindings::refresh(
            &arg(env, "clientId", &client_id)?,
            client_secret.as_deref().map(Vec::as_slice),
            &arg(env, "refreshToken", &refresh_token)?,
            username.as_deref().map(Vec::as_slice),
            device_key.as_deref().map(Vec::as_slice),
        )
    })
}

/// `Native.getTokensFromRefreshToken(clientId, clientSecret?, refreshToken, deviceKey?)`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Native_getTokensFromRefreshToken<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    client_id: JByteArray<'local>,
    client_secret: JByteArray<'local>,
    refresh_token: JByteArray<'local>,
    device_key: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        let client_secret = optional(env, "clientSecret", &client_secret)?;
        let device_key = optional(env, "deviceKey", &device_key)?;
        bindings::get_tokens_from_refresh_token(
            &arg(env, "clientId", &client_id)?,
            client_secret.as_deref().map(Vec::as_slice),
            &arg(env, "refreshToken", &refresh_token)?,
            device_key.as_deref().map(Vec::as_slice),
        )
    })
}

/// `RunVectors.compute(request)` (run-vectors' build only): the test vectors' `compute`.
#[cfg(feature = "testing")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_RunVectors_compute<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    request: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        bindings::testing::compute(&arg(env, "request", &request)?)
    })
}

/// `Bench.selectBackend(name)` (the vector harness's build only): the process's backend.
#[cfg(feature = "testing")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_srpcognito_Bench_selectBackend<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    name: JByteArray<'local>,
) -> jbyteArray {
    text_door(&mut env, |env| {
        bindings::testing::select_backend(&arg(env, "name", &name)?)
    })
}
