//! Constant-time check under valgrind memcheck, in the ctgrind style.
//!
//! The secret inputs (`a`, the password, the device password; on the server side the
//! password at sign-up, the verifier `v` and `b`) are marked *undefined* with
//! memcheck's client requests; memcheck then reports every conditional jump and every
//! memory address that depends on them. `ct/check.sh` runs this program under
//! valgrind with `ct/ctgrind.supp`, which suppresses only the leaks the protocol defines
//! (each explained there), and requires a clean run; and runs the `planted` mode, a
//! deliberately secret-dependent branch, which must be reported.
//!
//! Outside valgrind the client requests are no-ops and the program just runs.

#![expect(unsafe_code, reason = "valgrind's client requests are inline assembly")]

use std::collections::HashMap;

use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
use srp_cognito::steps::{Challenge, SessionKey};
use srp_cognito::{
    Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier, RememberedDevice},
    steps::EphemeralSecret,
};

/// memcheck's `VG_USERREQ__MAKE_MEM_UNDEFINED` (tool base `'M' << 24 | 'C' << 16`, + 1).
const MAKE_MEM_UNDEFINED: usize = 0x4d43_0001;

/// A valgrind client request: the magic preamble valgrind recognises (four rotations of
/// `rdi` adding up to 128 bits, a no-op natively), then `xchg rbx, rbx`.
#[cfg(target_arch = "x86_64")]
fn client_request(request: usize, addr: usize, len: usize) -> usize {
    let args: [usize; 6] = [request, addr, len, 0, 0, 0];
    let result: usize;
    // SAFETY: the sequence reads the six-word argument array through `rax` (only under
    // valgrind) and changes no register but `rdx` (the result); natively it leaves every
    // register as it was.
    unsafe {
        core::arch::asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            in("rax") args.as_ptr(),
            inout("rdx") 0usize => result,
            inout("rdi") 0usize => _,
            options(nostack, preserves_flags),
        );
    }
    result
}

#[cfg(not(target_arch = "x86_64"))]
fn client_request(_: usize, _: usize, _: usize) -> usize {
    0
}

/// memcheck's `VG_USERREQ__MAKE_MEM_DEFINED`.
const MAKE_MEM_DEFINED: usize = 0x4d43_0002;

/// Marks `bytes` as secret: memcheck treats them as undefined from here on.
fn secret(bytes: &[u8]) {
    client_request(MAKE_MEM_UNDEFINED, bytes.as_ptr() as usize, bytes.len());
}

/// Marks `bytes` as public: a value the protocol sends (the server's `B`), from here on
/// as known to the client as to anyone on the wire.
fn public(bytes: &[u8]) {
    client_request(MAKE_MEM_DEFINED, bytes.as_ptr() as usize, bytes.len());
}

/// The server half with its secrets marked: the password at sign-up, the stored
/// verifier `v`, `b`. The client's values are
/// public here (the client half is checked above).
fn server() {
    let pool = PoolId::parse("us-east-1_AbCdEf123").expect("pool");
    let password = String::from("correct horse battery staple");
    secret(password.as_bytes());
    let record = Verifier::for_user_with_salt(
        &pool,
        "6f1d3f2a",
        &Password::new(password.clone()),
        &[0x8b; 16],
    )
    .expect("verifier");
    // The record as read back from storage, v secret.
    let v = record.expose_verifier().to_vec();
    secret(&v);
    let stored = Verifier::from_parts(record.salt_bytes(), &v).expect("stored");
    let b = [0x77u8; 128];
    secret(&b);
    let a = EphemeralSecret::from_bytes(&[0x5a; 128]).expect("a");
    let session = ServerSessionKey::user(
        ServerEphemeral::from_parts(&b, b"a secret block").expect("b"),
        &stored,
        &pool,
        "6f1d3f2a",
        a.srp_a().as_str(),
    )
    .expect("session");
    let srp_b = session.srp_b().to_owned();
    public(srp_b.as_bytes());
    let challenge = Challenge::new(
        "PASSWORD_VERIFIER",
        HashMap::from([
            ("USER_ID_FOR_SRP".to_owned(), "6f1d3f2a".to_owned()),
            ("SALT".to_owned(), session.salt().to_owned()),
            ("SRP_B".to_owned(), srp_b),
            ("SECRET_BLOCK".to_owned(), session.secret_block().to_owned()),
        ]),
    );
    let ts = Timestamp::from_unix_seconds(1_793_693_109).expect("timestamp");
    let typed = String::from("correct horse battery staple");
    let claim = challenge
        .password_claim(a, &pool, &Password::new(typed), &ts)
        .expect("claim");
    let verdict = session.verify(
        claim.secret_block(),
        claim.timestamp().as_str(),
        claim.signature(),
        &ts,
        300,
    );
    // The verdict is the server's answer, public once given.
    let ok = [u8::from(verdict.is_ok())];
    public(&ok);
    assert_eq!(ok, [1], "the server refused a right claim");
}

fn protocol() {
    // User sign-in: SRP_A, then the PASSWORD_VERIFIER claim.
    let a = [0x5au8; 128];
    secret(&a);
    let eph = EphemeralSecret::from_bytes(&a).expect("a");
    let password = String::from("correct horse battery staple");
    secret(password.as_bytes());
    let pool = PoolId::parse("us-east-1_AbCdEf123").expect("pool");
    let srp_b = format!("7f{}", "c3".repeat(383));
    let parameters = HashMap::from([
        ("USER_ID_FOR_SRP".to_owned(), "6f1d3f2a".to_owned()),
        (
            "SALT".to_owned(),
            "8bb7dcf905f418bf27b6623aa4d2f58f".to_owned(),
        ),
        ("SRP_B".to_owned(), srp_b.clone()),
        ("SECRET_BLOCK".to_owned(), "c2VjcmV0IGJsb2Nr".to_owned()),
    ]);
    let challenge = Challenge::new("PASSWORD_VERIFIER", parameters.clone());
    let ts = Timestamp::from_unix_seconds(1_793_693_109).expect("timestamp");
    let claim = challenge
        .password_claim(eph, &pool, &Password::new(password), &ts)
        .expect("claim");
    std::hint::black_box(claim);

    // ConfirmDevice verifier, then the DEVICE_PASSWORD_VERIFIER claim.
    let device_password = String::from("bstlTmF6bXzb2xDtmDq+p42VJXwJR5CfDmQoA6SjL+sW8UAdTI0XPA==");
    secret(device_password.as_bytes());
    let verifier = DeviceVerifier::from_parts(
        &DeviceGroupKey::new("-rZ8kjX5uJ"),
        &DeviceKey::new("us-east-1_0bd64aca"),
        DevicePassword::new(device_password.clone()),
        &[0xcc; 16],
    )
    .expect("verifier");
    std::hint::black_box(verifier.password_verifier());
    let a = [0xa5u8; 128];
    secret(&a);
    let eph = EphemeralSecret::from_bytes(&a).expect("a");
    let device = RememberedDevice::new(
        DeviceKey::new("us-east-1_0bd64aca"),
        DeviceGroupKey::new("-rZ8kjX5uJ"),
        DevicePassword::new(device_password),
    );
    let challenge = Challenge::new("DEVICE_PASSWORD_VERIFIER", parameters);
    let claim = challenge
        .device_password_claim(eph, &device, &ts)
        .expect("claim");
    std::hint::black_box(claim);

    // A ConfirmDevice verifier from drawn randomness: the device password is base64 of
    // secret bytes.
    let verifier = DeviceVerifier::generate_from_rng(
        &mut TaintRng(9),
        &DeviceGroupKey::new("-rZ8kjX5uJ"),
        &DeviceKey::new("us-east-1_0bd64aca"),
    )
    .expect("verifier");
    std::hint::black_box(verifier.password_verifier());

    // a given in hex, and a random a from the RNG.
    let a_hex = "5a".repeat(128);
    secret(a_hex.as_bytes());
    std::hint::black_box(EphemeralSecret::from_hex(&a_hex).expect("a"));
    std::hint::black_box(EphemeralSecret::random_from_rng(&mut TaintRng(3)).expect("a"));

    // A longer a: g^a through the window instead of the comb.
    let a = [0x3cu8; 200];
    secret(&a);
    let eph = EphemeralSecret::from_bytes(&a).expect("a");
    let s = SessionKey::user(eph, &pool, "u", &Password::new("p"), "01", &srp_b).expect("session");
    std::hint::black_box(s);
}

/// An RNG that hands out fixed bytes and marks them secret: the device password and salt
/// that `DeviceVerifier::generate_from_rng` draws, and a random `a`, are then tracked from
/// their source.
struct TaintRng(u8);

impl rand_core::TryRng for TaintRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for byte in dst.iter_mut() {
            self.0 = self.0.wrapping_mul(31).wrapping_add(7);
            *byte = self.0;
        }
        secret(dst);
        Ok(())
    }
}

impl rand_core::TryCryptoRng for TaintRng {}

/// Deliberately secret-dependent code, which the check must report: a table read at a
/// secret index, and a branch on a secret around a call (so that the compiler cannot turn
/// it into a conditional move).
#[inline(never)]
fn planted() {
    let a = [0x5au8; 4];
    secret(&a);
    let table: Vec<u8> = (0..=255).collect();
    let byte = std::hint::black_box(&a)[0];
    std::hint::black_box(table[usize::from(byte)]);
    if byte > 0x40 {
        std::hint::black_box(std::time::Instant::now());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(name) = args.get(1) {
        // The backend to check (wasm32's is `portable32`, checked here natively).
        let backend = name.parse().expect("a backend name");
        srp_cognito::hazmat::select_backend(backend).expect("available");
    }
    match args.first().map(String::as_str) {
        Some("protocol") => {
            protocol();
            server();
        }
        Some("planted") => planted(),
        _ => {
            eprintln!(
                "usage: srp-cognito-ctgrind protocol|planted [backend] (run it under valgrind)"
            );
            std::process::exit(2);
        }
    }
}
