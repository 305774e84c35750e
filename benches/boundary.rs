//! What the C ABI costs a sign-in: the client's work of one SRP sign-in (a new sign-in,
//! `start_with` for SRP_A, the PASSWORD_VERIFIER response answered) through the library's
//! Rust API and through the C ABI's functions (`srp-cognito-ffi`: JSON in and out, the
//! handle table, the buffers, the panic guard), interleaved round by round in one process
//! so that the machine's noise falls on both alike. Prints the medians and the ratio.
//! `--rounds N` (default 41) sets the rounds; each round times 5 sign-ins of each.
//! `SRP_COGNITO_BACKEND=portable` runs both on the portable backend where the CPU has IFMA.
//! `--only rust` or `--only c` runs `--rounds` sign-ins of one path and prints nothing: for
//! counting instructions under callgrind, which the machine's noise does not move.
//!
//! `cargo bench -p srp-cognito-benches --bench boundary`

#![expect(
    unsafe_code,
    reason = "the C ABI called as C calls it: pointers and lengths, each use commented"
)]

use std::collections::HashMap;
use std::ffi::c_char;
use std::hint::black_box;
use std::time::Instant;

use srp_cognito::{
    AppClient, AuthResponse, Password, PoolId, SignIn, Step, Timestamp, steps::EphemeralSecret,
};
use srp_cognito_ffi::{
    Buffer, srp_cognito_buffer_free, srp_cognito_sign_in_free, srp_cognito_sign_in_new,
    srp_cognito_sign_in_next, srp_cognito_sign_in_start_with,
};

/// The clock of every sign-in here (any will do: both paths are given the same).
const NOW: i64 = 1_762_157_109;

/// A published PASSWORD_VERIFIER vector's inputs (test-vectors/password_verifier.json,
/// the first).
struct Vector {
    pool_id: String,
    password: String,
    a: String,
    salt: String,
    srp_b: String,
    secret_block: String,
}

fn vector() -> Vector {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../test-vectors/password_verifier.json"
    ))
    .expect("the vector file");
    let document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let input = &document["vectors"][0]["input"];
    let field = |name: &str| input[name].as_str().expect(name).to_owned();
    Vector {
        pool_id: field("pool_id"),
        password: field("password"),
        a: field("a"),
        salt: field("salt"),
        srp_b: field("srp_b"),
        secret_block: field("secret_block"),
    }
}

fn parameters(v: &Vector) -> HashMap<String, String> {
    HashMap::from([
        ("USERNAME".to_owned(), "alice".to_owned()),
        ("USER_ID_FOR_SRP".to_owned(), "alice".to_owned()),
        ("SALT".to_owned(), v.salt.clone()),
        ("SRP_B".to_owned(), v.srp_b.clone()),
        ("SECRET_BLOCK".to_owned(), v.secret_block.clone()),
    ])
}

/// One sign-in's client work through the Rust API; the signature.
fn rust(v: &Vector) -> String {
    let pool = PoolId::parse(&v.pool_id).expect("a pool id");
    let client = AppClient::new("client").expect("a client");
    let mut sign_in = SignIn::user_srp(pool, client, "alice", Password::new(v.password.as_str()));
    let a = EphemeralSecret::from_hex(&v.a).expect("a");
    black_box(sign_in.start_with(a).expect("start"));
    let mut response = AuthResponse::default();
    response.challenge_name = Some("PASSWORD_VERIFIER".into());
    response.challenge_parameters = parameters(v);
    let now = Timestamp::from_unix_seconds(NOW).expect("a time");
    match sign_in.next_at(response, &now).expect("next") {
        Step::Respond(respond) => respond
            .responses
            .get("PASSWORD_CLAIM_SIGNATURE")
            .expect("a signature")
            .to_owned(),
        _ => panic!("not a response"),
    }
}

fn ptr(s: &str) -> *const c_char {
    s.as_ptr().cast()
}

/// The text of a buffer the library wrote, which is then freed.
fn take(out: &mut Buffer) -> String {
    // SAFETY: the library wrote `len` bytes at `data` (or NULL and 0); freed once.
    unsafe {
        let text = if out.data.is_null() {
            String::new()
        } else {
            let bytes = std::slice::from_raw_parts(out.data.cast::<u8>(), out.len);
            String::from_utf8_lossy(bytes).into_owned()
        };
        srp_cognito_buffer_free(out);
        text
    }
}

/// The same through the C ABI, as a C caller makes it (the response as Cognito's JSON).
fn c_abi(v: &Vector, response: &str) -> String {
    let options = format!(
        r#"{{"poolId": "{}", "clientId": "client", "username": "alice"}}"#,
        v.pool_id
    );
    let (mut handle, mut out) = (0u64, Buffer::EMPTY);
    // SAFETY: every argument is a live &str with its length, NULL for absent ones.
    unsafe {
        let status = srp_cognito_sign_in_new(
            ptr(&options),
            options.len(),
            ptr(&v.password),
            v.password.len(),
            std::ptr::null(),
            0,
            std::ptr::null(),
            0,
            &mut handle,
            &mut out,
        );
        assert_eq!(status as i32, 0, "{}", take(&mut out));
        srp_cognito_sign_in_start_with(handle, ptr(&v.a), v.a.len(), &mut out);
        black_box(take(&mut out));
        let status = srp_cognito_sign_in_next(handle, ptr(response), response.len(), NOW, &mut out);
        assert_eq!(status as i32, 0);
        let step = take(&mut out);
        srp_cognito_sign_in_free(handle);
        let at = step
            .find("PASSWORD_CLAIM_SIGNATURE\":\"")
            .expect("a signature")
            + 27;
        step[at..at + 44].to_owned()
    }
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(41);
    if let Ok(name) = std::env::var("SRP_COGNITO_BACKEND") {
        let backend = name.parse().expect("a backend name");
        srp_cognito::hazmat::select_backend(backend).expect("a backend this CPU runs");
    }
    let v = vector();
    let response = serde_json::json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": parameters(&v),
    })
    .to_string();
    assert_eq!(rust(&v), c_abi(&v, &response), "the two paths sign alike");
    if let Some(only) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        for _ in 0..rounds {
            match only.as_str() {
                "rust" => drop(rust(&v)),
                _ => drop(c_abi(&v, &response)),
            }
        }
        return;
    }
    let (mut through_rust, mut through_c) = (Vec::new(), Vec::new());
    for round in 0..rounds + 2 {
        for (samples, f) in [
            (&mut through_rust, &(|| drop(rust(&v))) as &dyn Fn()),
            (&mut through_c, &|| drop(c_abi(&v, &response))),
        ] {
            let started = Instant::now();
            for _ in 0..5 {
                f();
            }
            // The first two rounds warm up (the comb tables for g, the caches).
            if round >= 2 {
                samples.push(started.elapsed().as_secs_f64() * 1e3 / 5.0);
            }
        }
    }
    let (r, c) = (median(through_rust), median(through_c));
    println!("backend: {}", srp_cognito::hazmat::backend().name());
    println!("| path | median per sign-in | ratio |");
    println!("|---|---|---|");
    println!("| Rust API (`SignIn`) | {r:.3} ms | 1.000 |");
    println!(
        "| C ABI (`srp_cognito_sign_in_*`, JSON) | {c:.3} ms | {:.3} |",
        c / r
    );
}
