//! The npm package's build for JavaScript engines without WebAssembly (Hermes, locked-down
//! webviews): `srp-cognito-bindings` over a plain C ABI, which binaryen's `wasm2js` turns
//! into JavaScript (`js/build.sh`), with `js/engine/glue.js` on the JavaScript side giving
//! it the same interface as the WebAssembly builds' wasm-bindgen glue.
//!
//! Why not wasm-bindgen here: its glue needs `WebAssembly` and `TextEncoder`, and it keeps
//! JS values in an `externref` table, which `wasm2js` cannot translate.
//!
//! The ABI: JavaScript copies the arguments into a buffer from [`srp_alloc`], each as a
//! little-endian `u32` length and that many UTF-8 bytes (length `u32::MAX`: absent), and
//! calls [`srp_call`] with an operation number ([`Op`]); the call takes the buffer (wiped
//! and freed) and returns a result buffer: `u32` 0 (done) or 1 (refused), a `u32` value (a
//! sign-in's handle), a `u32` length and that many bytes of text (the JSON result, or
//! `category: message`), which JavaScript reads and gives back to [`srp_free`] (wiped).
//! Sign-ins live in a table here: a handle is a slot number, checked on every use, so a
//! stale or forged handle is refused as `out_of_turn`, never a wild pointer.

#![allow(unsafe_code)] // the exported C ABI and its raw buffers, each use commented

use std::sync::Mutex;

use srp_cognito_bindings::{self as bindings, Json, Options, Refusal};
use zeroize::{Zeroize, Zeroizing};

/// The operations of [`srp_call`], numbered as `glue.js` calls them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Op {
    /// `(username, clientId, clientSecret)` → the SECRET_HASH.
    SecretHash = 0,
    /// `()` → the arithmetic backend's name.
    Backend = 1,
    /// `(flow, poolId, clientId, clientSecret?, username, password, deviceKey?,
    /// deviceGroupKey?, devicePassword?, lenient "1"/"0")` → a sign-in's handle.
    SignInNew = 2,
    /// `handle; ()` → the InitiateAuth input, with a fresh `a`.
    Start = 3,
    /// `handle; (a)` → the InitiateAuth input.
    StartWith = 4,
    /// `handle; (output, unixSeconds)` → the next step.
    Next = 5,
    /// `handle; (answer?, attributes?)` → the RespondToAuthChallenge input.
    Answer = 6,
    /// `handle; ()` → the username.
    Username = 7,
    /// `handle; ()` → frees the sign-in (wiping it).
    Free = 8,
    /// `(result, deviceName?)` → ConfirmDevice's input and the device.
    ConfirmDevice = 9,
    /// `(accessToken, deviceKey, remembered "1"/"0")` → UpdateDeviceStatus' input.
    UpdateDeviceStatus = 10,
    /// `(clientId, clientSecret?, refreshToken, username?, deviceKey?)` → REFRESH_TOKEN_AUTH.
    Refresh = 11,
    /// `(clientId, clientSecret?, refreshToken, deviceKey?)` → GetTokensFromRefreshToken.
    GetTokensFromRefreshToken = 12,
    /// `(request)` → the test vectors' `compute` (feature `vectors`).
    Compute = 13,
    /// `(name)` → makes `name` the backend (feature `vectors`).
    SelectBackend = 14,
}

impl Op {
    const ALL: [Op; 15] = [
        Op::SecretHash,
        Op::Backend,
        Op::SignInNew,
        Op::Start,
        Op::StartWith,
        Op::Next,
        Op::Answer,
        Op::Username,
        Op::Free,
        Op::ConfirmDevice,
        Op::UpdateDeviceStatus,
        Op::Refresh,
        Op::GetTokensFromRefreshToken,
        Op::Compute,
        Op::SelectBackend,
    ];

    fn from_u32(op: u32) -> Option<Op> {
        Op::ALL.into_iter().find(|o| *o as u32 == op)
    }
}

/// The live sign-ins; a handle is a slot's index plus one.
static SIGN_INS: Mutex<Vec<Option<bindings::SignIn>>> = Mutex::new(Vec::new());

/// What an operation gives back: text, and a handle for [`Op::SignInNew`].
type Outcome = Result<(u32, Json), Refusal>;

/// A zeroed buffer of `len` bytes for the arguments of [`srp_call`] (null for 0 bytes or
/// when memory is exhausted).
#[unsafe(no_mangle)]
pub extern "C" fn srp_alloc(len: usize) -> *mut u8 {
    if len == 0 {
        return std::ptr::null_mut();
    }
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast()
}

/// Wipes and frees a buffer of [`srp_alloc`] or [`srp_call`].
///
/// # Safety
/// `ptr` and `len` are exactly a buffer those returned, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller gives back a boxed slice of exactly `len` bytes made here.
    let mut buffer = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) };
    buffer.zeroize();
}

/// Runs operation `op` (on sign-in `handle` where it takes one) with the arguments in
/// `args` (`args_len` bytes from [`srp_alloc`], taken: wiped and freed here); returns the
/// result buffer (see the crate's docs).
///
/// # Safety
/// `args` and `args_len` are a buffer [`srp_alloc`] returned, not yet freed (or null and 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn srp_call(op: u32, handle: u32, args: *mut u8, args_len: usize) -> *mut u8 {
    let outcome = {
        let buffer: Zeroizing<Box<[u8]>> = Zeroizing::new(if args.is_null() {
            Box::default()
        } else {
            // SAFETY: the caller hands over a boxed slice of `args_len` bytes made here.
            unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(args, args_len)) }
        });
        match parse_args(&buffer) {
            Some(args) => match Op::from_u32(op) {
                Some(op) => run(op, handle, args),
                None => Err(Refusal::new("bad_input", "no such operation")),
            },
            None => Err(Refusal::new("bad_input", "arguments: not UTF-8 text")),
        }
    };
    let (tag, value, text) = match outcome {
        Ok((value, json)) => (0u32, value, json),
        Err(refusal) => (1, 0, Zeroizing::new(refusal.to_string())),
    };
    let mut out = vec![0u8; 12 + text.len()];
    out[..4].copy_from_slice(&tag.to_le_bytes());
    out[4..8].copy_from_slice(&value.to_le_bytes());
    // Texts are far below 4 GiB (the inputs are capped at 1 MiB of JSON).
    out[8..12].copy_from_slice(&u32::try_from(text.len()).unwrap_or(u32::MAX).to_le_bytes());
    out[12..].copy_from_slice(text.as_bytes());
    Box::into_raw(out.into_boxed_slice()).cast()
}

/// The length-prefixed strings of an argument buffer, or `None` if one is not UTF-8 or
/// the buffer is cut short.
fn parse_args(mut bytes: &[u8]) -> Option<Args> {
    // Wiped if a later argument is refused (and a refused one's bytes with it).
    let mut parsed: Zeroizing<Vec<Option<String>>> = Zeroizing::new(Vec::new());
    while !bytes.is_empty() {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len);
        if len == u32::MAX {
            parsed.push(None);
            bytes = rest;
            continue;
        }
        let len = usize::try_from(len).ok()?;
        let (text, rest) = (rest.get(..len)?, rest.get(len..)?);
        match String::from_utf8(text.to_vec()) {
            Ok(text) => parsed.push(Some(text)),
            Err(e) => {
                e.into_bytes().zeroize();
                return None;
            }
        }
        bytes = rest;
    }
    Some(Args(std::mem::take(&mut *parsed).into_iter()))
}

/// The arguments of one call, taken in order.
struct Args(std::vec::IntoIter<Option<String>>);

impl Args {
    fn optional(&mut self) -> Option<String> {
        self.0.next().flatten()
    }

    fn required(&mut self, name: &str) -> Result<String, Refusal> {
        self.optional()
            .ok_or_else(|| Refusal::new("bad_input", format!("{name}: a string")))
    }

    fn flag(&mut self, name: &str) -> Result<bool, Refusal> {
        Ok(self.required(name)? == "1")
    }
}

impl Drop for Args {
    fn drop(&mut self) {
        for mut arg in self.0.by_ref().flatten() {
            arg.zeroize();
        }
    }
}

fn done(json: Result<Json, Refusal>) -> Outcome {
    json.map(|json| (0, json))
}

fn run(op: Op, handle: u32, mut args: Args) -> Outcome {
    match op {
        Op::SecretHash => {
            let username = args.required("username")?;
            let client_id = args.required("clientId")?;
            done(bindings::secret_hash(
                &username,
                &client_id,
                args.required("clientSecret")?,
            ))
        }
        Op::Backend => done(Ok(Zeroizing::new(srp_cognito::backend().name().to_owned()))),
        Op::SignInNew => sign_in_new(&mut args),
        Op::Start | Op::StartWith | Op::Next | Op::Answer | Op::Username | Op::Free => {
            on_sign_in(op, handle, &mut args)
        }
        Op::ConfirmDevice => {
            let result = args.required("result")?;
            let name = args.optional();
            done(bindings::confirm_device(result, name.as_deref()))
        }
        Op::UpdateDeviceStatus => {
            let token = args.required("accessToken")?;
            let key = args.required("deviceKey")?;
            done(bindings::update_device_status(
                token,
                &key,
                args.flag("remembered")?,
            ))
        }
        Op::Refresh => {
            let client_id = args.required("clientId")?;
            let secret = args.optional();
            let token = args.required("refreshToken")?;
            let (username, key) = (args.optional(), args.optional());
            done(bindings::refresh(
                &client_id,
                secret,
                token,
                username.as_deref(),
                key.as_deref(),
            ))
        }
        Op::GetTokensFromRefreshToken => {
            let client_id = args.required("clientId")?;
            let secret = args.optional();
            let token = args.required("refreshToken")?;
            let key = args.optional();
            done(bindings::get_tokens_from_refresh_token(
                &client_id,
                secret,
                token,
                key.as_deref(),
            ))
        }
        Op::Compute | Op::SelectBackend => vectors(op, &mut args),
    }
}

fn sign_in_new(args: &mut Args) -> Outcome {
    let flow = args.required("flow")?;
    let pool_id = args.required("poolId")?;
    let client_id = args.required("clientId")?;
    let client_secret = args.optional();
    let username = args.required("username")?;
    let password = args.required("password")?;
    let device = [args.optional(), args.optional(), args.optional()];
    let lenient_secret_block = args.flag("lenientSecretBlock")?;
    let sign_in = bindings::SignIn::new(Options {
        flow: &flow,
        pool_id: &pool_id,
        client_id: &client_id,
        client_secret,
        username: &username,
        password,
        device,
        lenient_secret_block,
    })?;
    let mut table = SIGN_INS.lock().map_err(|_| internal())?;
    let slot = match table.iter().position(Option::is_none) {
        Some(free) => free,
        None => {
            table.push(None);
            table.len() - 1
        }
    };
    table[slot] = Some(sign_in);
    let handle = u32::try_from(slot + 1).map_err(|_| internal())?;
    Ok((handle, Zeroizing::new(String::new())))
}

fn internal() -> Refusal {
    Refusal::new("internal", "the sign-in table is unusable")
}

fn on_sign_in(op: Op, handle: u32, args: &mut Args) -> Outcome {
    let mut table = SIGN_INS.lock().map_err(|_| internal())?;
    let slot = usize::try_from(handle)
        .ok()
        .and_then(|h| h.checked_sub(1))
        .and_then(|i| table.get_mut(i))
        .filter(|slot| slot.is_some())
        .ok_or_else(|| Refusal::new("out_of_turn", "the sign-in was freed"))?;
    if op == Op::Free {
        // Dropping the sign-in wipes its password and ephemeral secret.
        *slot = None;
        return done(Ok(Zeroizing::new(String::new())));
    }
    let sign_in = slot.as_mut().ok_or_else(internal)?;
    match op {
        Op::Start => done(sign_in.start()),
        Op::StartWith => done(sign_in.start_with(args.required("a")?)),
        Op::Next => {
            let output = args.required("output")?;
            let seconds = args.required("unixSeconds")?;
            // String(Number(x)) from the glue.
            let seconds = bindings::whole_seconds_text(&seconds)?;
            done(sign_in.next(output, Some(seconds)))
        }
        Op::Answer => {
            let answer = args.optional();
            let attributes = args.optional();
            done(sign_in.answer(answer, attributes.as_deref()))
        }
        _ => done(Ok(Zeroizing::new(sign_in.username().to_owned()))),
    }
}

#[cfg(feature = "vectors")]
fn vectors(op: Op, args: &mut Args) -> Outcome {
    use serde_json::{Value, json};
    if op == Op::SelectBackend {
        let name = args.required("backend")?;
        let backend: srp_cognito::Backend = name.parse()?;
        srp_cognito::hazmat::select_backend(backend)?;
        return done(Ok(Zeroizing::new(backend.name().to_owned())));
    }
    let request = Zeroizing::new(args.required("request")?);
    // As the WebAssembly vectors' compute and the tools' (which read at most 1 MiB).
    if request.len() > bindings::MAX_JSON_BYTES {
        return done(Ok(Zeroizing::new(
            json!({ "error": "bad_json" }).to_string(),
        )));
    }
    let out = match srp_cognito_vectors::compute_json(&request) {
        Ok(expected) => Value::Object(expected),
        Err(e) => json!({ "error": e.category() }),
    };
    done(Ok(Zeroizing::new(out.to_string())))
}

#[cfg(not(feature = "vectors"))]
fn vectors(_: Op, _: &mut Args) -> Outcome {
    Err(Refusal::new(
        "bad_input",
        "no such operation in this build (the vectors' build has it)",
    ))
}

/// getrandom's custom backend on wasm32: the host's `crypto.getRandomValues` (or its
/// refusal where the host has none: never a weaker source).
#[cfg(target_arch = "wasm32")]
mod random {
    #[link(wasm_import_module = "srp_host")]
    unsafe extern "C" {
        /// Fills `len` bytes at `dest` from `crypto.getRandomValues`; 0 on success.
        fn srp_host_random(dest: *mut u8, len: usize) -> u32;
    }

    /// getrandom 0.4's custom backend hook.
    ///
    /// # Safety
    /// `dest` is `len` writable bytes (getrandom's contract).
    #[unsafe(no_mangle)]
    unsafe extern "Rust" fn __getrandom_v03_custom(
        dest: *mut u8,
        len: usize,
    ) -> Result<(), getrandom::Error> {
        // SAFETY: as the caller's contract; the host writes `len` bytes at most.
        match unsafe { srp_host_random(dest, len) } {
            0 => Ok(()),
            _ => Err(getrandom::Error::new_custom(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The argument buffer of `args`, as glue.js writes it.
    fn encode(args: &[Option<&[u8]>]) -> Vec<u8> {
        let mut out = Vec::new();
        for arg in args {
            match arg {
                None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
                Some(bytes) => {
                    out.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_le_bytes());
                    out.extend_from_slice(bytes);
                }
            }
        }
        out
    }

    /// `srp_call` through the C ABI: (refused, value, text).
    fn call(op: Op, handle: u32, args: &[Option<&[u8]>]) -> (bool, u32, String) {
        let bytes = encode(args);
        let ptr = srp_alloc(bytes.len());
        // SAFETY: `ptr` is `bytes.len()` bytes from srp_alloc (or null for none); the
        // result buffer is read within its stated length and given back once.
        unsafe {
            if !ptr.is_null() {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr, bytes.len());
            }
            let out = srp_call(op as u32, handle, ptr, bytes.len());
            let header = std::slice::from_raw_parts(out, 12);
            let word = |i: usize| u32::from_le_bytes(header[i..i + 4].try_into().unwrap());
            let len = word(8) as usize;
            let text = std::slice::from_raw_parts(out.add(12), len);
            let result = (
                word(0) == 1,
                word(4),
                String::from_utf8(text.to_vec()).unwrap(),
            );
            srp_free(out, 12 + len);
            result
        }
    }

    #[test]
    fn arguments_round_trip_and_bad_ones_are_refused() {
        let (refused, _, hash) = call(Op::SecretHash, 0, &[Some(b"u"), Some(b"c"), Some(b"s")]);
        assert!(!refused, "{hash}");
        assert_eq!(hash.len(), 44, "{hash}");
        let (refused, _, text) = call(Op::SecretHash, 0, &[Some(b"u"), Some(b"\xff"), Some(b"s")]);
        assert!(refused);
        assert!(text.starts_with("bad_input: arguments"), "{text}");
        let (refused, _, text) = call(Op::SecretHash, 0, &[Some(b"u")]);
        assert!(refused && text.starts_with("bad_input: clientId"), "{text}");
        // The harness only in the vectors' build.
        let (refused, _, text) = call(Op::Compute, 0, &[Some(b"{}")]);
        assert_eq!(refused, !cfg!(feature = "vectors"), "{text}");
        assert!(parse_args(&[1, 0, 0]).is_none(), "a cut-short length");
        assert!(
            parse_args(&[5, 0, 0, 0, b'a']).is_none(),
            "a cut-short text"
        );
    }

    #[test]
    fn sign_ins_live_in_checked_slots_and_the_clock_is_whole_seconds() {
        let args: [Option<&[u8]>; 10] = [
            Some(b"USER_SRP_AUTH"),
            Some(b"us-east-1_Abc"),
            Some(b"client"),
            None,
            Some(b"user"),
            Some(b"password"),
            None,
            None,
            None,
            Some(b"0"),
        ];
        let (refused, handle, text) = call(Op::SignInNew, 0, &args);
        assert!(!refused && handle > 0, "{text}");
        let a = [Some(&b"02"[..])];
        let (refused, _, initiate) = call(Op::StartWith, handle, &a);
        assert!(
            !refused && initiate.contains("\"SRP_A\":\"4\""),
            "{initiate}"
        );
        for seconds in ["1.5", "NaN", "Infinity", "1e+21", "10000000000000000", "x"] {
            let (refused, _, text) =
                call(Op::Next, handle, &[Some(b"{}"), Some(seconds.as_bytes())]);
            assert!(
                refused && text.starts_with("bad_input: unixSeconds"),
                "{seconds}: {text}"
            );
        }
        assert!(!call(Op::Free, handle, &[]).0);
        let (refused, _, text) = call(Op::Start, handle, &[]);
        assert!(
            refused && text.starts_with("out_of_turn"),
            "a freed handle: {text}"
        );
        let (refused, _, text) = call(Op::Start, 9999, &[]);
        assert!(
            refused && text.starts_with("out_of_turn"),
            "a forged handle: {text}"
        );
    }
}
