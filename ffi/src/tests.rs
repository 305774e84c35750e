//! The C ABI called as C calls it, from Rust: statuses, buffers, handles, panics.

use proptest::strategy::Strategy;

use super::*;

/// The text of `buffer`, which is then freed.
fn take(buffer: &mut Buffer) -> String {
    let text = if buffer.data.is_null() {
        String::new()
    } else {
        // SAFETY: the library wrote `len` bytes at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(buffer.data.cast::<u8>(), buffer.len) };
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    // SAFETY: a buffer the library wrote.
    unsafe { srp_cognito_buffer_free(buffer) };
    assert!(buffer.data.is_null() && buffer.len == 0);
    text
}

fn ptr(s: &str) -> *const c_char {
    s.as_ptr().cast()
}

fn new_sign_in(options: &str) -> (Status, u64, String) {
    let (mut handle, mut out) = (0, Buffer::EMPTY);
    // SAFETY: every pointer is a live &str with its length, or NULL.
    let status = unsafe {
        srp_cognito_sign_in_new(
            ptr(options),
            options.len(),
            ptr("password"),
            8,
            std::ptr::null(),
            0,
            std::ptr::null(),
            0,
            &mut handle,
            &mut out,
        )
    };
    (status, handle, take(&mut out))
}

const OPTIONS: &str = r#"{"poolId": "us-east-1_Abc", "clientId": "c", "username": "u"}"#;

#[test]
fn a_result_and_a_refusal_each_in_a_buffer_with_a_status() {
    let mut out = Buffer::EMPTY;
    // SAFETY: live &strs with their lengths.
    let status =
        unsafe { srp_cognito_secret_hash(ptr("u"), 1, ptr("c"), 1, ptr("s"), 1, &mut out) };
    assert_eq!(status, Status::Ok);
    assert_eq!(take(&mut out).len(), 44);
    // SAFETY: as above; the secret is empty (a non-NULL pointer, length 0).
    let status = unsafe { srp_cognito_secret_hash(ptr("u"), 1, ptr("c"), 1, ptr(""), 0, &mut out) };
    assert_eq!(status, Status::EmptyInput);
    assert_eq!(take(&mut out), "client_secret is empty");
}

#[test]
fn null_pointers_bad_utf8_and_oversize_arguments_are_refused() {
    let mut out = Buffer::EMPTY;
    // SAFETY: NULL where refused; the lengths are never read past for a NULL pointer.
    let status =
        unsafe { srp_cognito_secret_hash(std::ptr::null(), 1, ptr("c"), 1, ptr("s"), 1, &mut out) };
    assert_eq!(status, Status::NullPointer);
    assert_eq!(take(&mut out), "username: a null pointer");
    // SAFETY: a NULL `out` is refused before anything is written.
    let status = unsafe {
        srp_cognito_secret_hash(ptr("u"), 1, ptr("c"), 1, ptr("s"), 1, std::ptr::null_mut())
    };
    assert_eq!(status, Status::NullPointer);
    let bad = b"\xff";
    // SAFETY: live byte strings with their lengths.
    let status = unsafe {
        srp_cognito_secret_hash(bad.as_ptr().cast(), 1, ptr("c"), 1, ptr("s"), 1, &mut out)
    };
    assert_eq!(status, Status::BadUtf8);
    assert_eq!(take(&mut out), "username: not UTF-8");
    // An oversize length is refused before a byte is read: the pointer points at 1 byte.
    // SAFETY: the length is checked against 1 MiB before the pointer is read.
    let status = unsafe {
        srp_cognito_secret_hash(ptr("u"), usize::MAX, ptr("c"), 1, ptr("s"), 1, &mut out)
    };
    assert_eq!(status, Status::TooLarge);
    take(&mut out);
    let mut out = Buffer::EMPTY;
    // SAFETY: a NULL handle output is refused.
    let status = unsafe {
        srp_cognito_sign_in_new(
            ptr(OPTIONS),
            OPTIONS.len(),
            ptr("p"),
            1,
            std::ptr::null(),
            0,
            std::ptr::null(),
            0,
            std::ptr::null_mut(),
            &mut out,
        )
    };
    assert_eq!(status, Status::NullPointer);
    assert_eq!(take(&mut out), "sign_in: a null pointer");
}

#[test]
fn a_sign_in_is_a_handle_refused_once_freed() {
    let (status, handle, message) = new_sign_in(OPTIONS);
    assert_eq!(status, Status::Ok, "{message}");
    assert!(message.is_empty());
    let mut out = Buffer::EMPTY;
    // SAFETY: a live &str with its length.
    let status = unsafe { srp_cognito_sign_in_start_with(handle, ptr("02"), 2, &mut out) };
    assert_eq!(status, Status::Ok);
    assert!(take(&mut out).contains(r#""SRP_A":"4""#));
    assert_eq!(srp_cognito_sign_in_pending(handle, &mut out), Status::Ok);
    assert_eq!(take(&mut out), "", "nothing pending");
    assert_eq!(srp_cognito_sign_in_username(handle, &mut out), Status::Ok);
    assert_eq!(take(&mut out), "u");
    assert_eq!(srp_cognito_sign_in_free(handle), Status::Ok);
    assert_eq!(srp_cognito_sign_in_free(handle), Status::BadHandle, "twice");
    assert_eq!(
        srp_cognito_sign_in_start(handle, &mut out),
        Status::BadHandle
    );
    assert!(take(&mut out).starts_with("no such sign-in"));
    assert_eq!(
        srp_cognito_sign_in_start(0, &mut out),
        Status::BadHandle,
        "forged"
    );
    take(&mut out);
    let (status, _, message) = new_sign_in("{}");
    assert_eq!(status, Status::BadJson);
    assert_eq!(message, "options: not the expected JSON");
}

#[test]
fn a_panic_is_a_status_not_an_unwind() {
    let mut out = Buffer::EMPTY;
    let status = call(&mut out, || panic!("a bug"));
    assert_eq!(status, Status::Panic);
    assert!(take(&mut out).starts_with("srp-cognito panicked"));
}

#[test]
fn statuses_have_names_and_versions_are_there() {
    // SAFETY: static NUL-terminated strings.
    let name = |code| unsafe { std::ffi::CStr::from_ptr(srp_cognito_status_name(code)) };
    assert_eq!(name(0).to_str(), Ok("ok"));
    assert_eq!(name(Status::BadHandle as i32).to_str(), Ok("bad_handle"));
    assert_eq!(name(-7).to_str(), Ok("unknown"));
    assert_eq!(srp_cognito_abi_version(), SRP_COGNITO_ABI_VERSION);
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(srp_cognito_version()) };
    assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_remembered_flag_is_0_or_1() {
    let mut out = Buffer::EMPTY;
    for (flag, status) in [
        (0, Status::Ok),
        (1, Status::Ok),
        (2, Status::BadInput),
        (-1, Status::BadInput),
    ] {
        // SAFETY: live &strs with their lengths.
        let got =
            unsafe { srp_cognito_update_device_status(ptr("t"), 1, ptr("k"), 1, flag, &mut out) };
        assert_eq!(got, status, "{flag}");
        take(&mut out);
    }
}

#[test]
fn allocations_for_hosts_are_zeroed_and_given_back() {
    let p = srp_cognito_alloc(16);
    assert!(!p.is_null());
    // SAFETY: 16 bytes from srp_cognito_alloc, given back once.
    unsafe {
        assert!(
            std::slice::from_raw_parts(p.cast::<u8>(), 16)
                .iter()
                .all(|b| *b == 0)
        );
        srp_cognito_dealloc(p, 16);
        srp_cognito_dealloc(std::ptr::null_mut(), 0);
    }
    assert!(srp_cognito_alloc(0).is_null());
    assert!(srp_cognito_alloc(usize::MAX).is_null());
}

/// The operations that take text, each called with `bytes` in one argument (and valid
/// text in the others); every status they return.
fn statuses_of(bytes: &[u8], handle: u64) -> Vec<Status> {
    let p = bytes.as_ptr().cast::<c_char>();
    let n = bytes.len();
    let mut out = Buffer::EMPTY;
    let mut statuses = Vec::new();
    let mut record = |status: Status, out: &mut Buffer| {
        statuses.push(status);
        take(out);
    };
    // SAFETY: `p` is `n` readable bytes; the other arguments are live &strs or NULL.
    unsafe {
        let mut made = 0;
        let status = srp_cognito_sign_in_new(
            p,
            n,
            ptr("p"),
            1,
            std::ptr::null(),
            0,
            std::ptr::null(),
            0,
            &mut made,
            &mut out,
        );
        record(status, &mut out);
        if status == Status::Ok {
            srp_cognito_sign_in_free(made);
        }
        record(
            srp_cognito_sign_in_next(handle, p, n, 1_700_000_000, &mut out),
            &mut out,
        );
        record(
            srp_cognito_sign_in_answer(handle, p, n, p, n, &mut out),
            &mut out,
        );
        record(srp_cognito_confirm_device(p, n, p, n, &mut out), &mut out);
        record(
            srp_cognito_secret_hash(p, n, p, n, p, n, &mut out),
            &mut out,
        );
        record(
            srp_cognito_refresh(p, n, p, n, p, n, p, n, p, n, &mut out),
            &mut out,
        );
        record(
            srp_cognito_sign_in_start_with(handle, p, n, &mut out),
            &mut out,
        );
    }
    statuses
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Arbitrary bytes (and JSON-looking ones) in any argument: a status the header
    /// names, never a panic.
    #[test]
    fn arbitrary_arguments_are_refused_typed(
        bytes in proptest::prop_oneof![
            proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            "[{}\\[\\]\":,a-zA-Z0-9_ ]{0,200}".prop_map(String::into_bytes),
            proptest::prelude::Just(br#"{"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"SRP_B": "ff", "SALT": "", "SECRET_BLOCK": "==", "USER_ID_FOR_SRP": ""}}"#.to_vec()),
        ]
    ) {
        let (status, handle, _) = new_sign_in(OPTIONS);
        proptest::prop_assert_eq!(status, Status::Ok);
        let mut out = Buffer::EMPTY;
        // SAFETY: a live &str with its length.
        unsafe { srp_cognito_sign_in_start_with(handle, ptr("02"), 2, &mut out) };
        take(&mut out);
        for status in statuses_of(&bytes, handle) {
            proptest::prop_assert_ne!(status, Status::Panic);
            proptest::prop_assert!(Status::from_code(status as i32).is_some());
        }
        srp_cognito_sign_in_free(handle);
    }
}
