//! Whole protocol steps through the public API, on fixed inputs (a shared vector's).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use srp_cognito::{
    DevicePassword, DeviceVerifier, EphemeralSecret, Password, PoolId, Session, Timestamp,
};

/// The inputs of `pub-pv-00` in test-vectors/password_verifier.json: Cognito-sized values.
fn vector() -> serde_json::Value {
    let path = format!(
        "{}/test-vectors/password_verifier.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("JSON");
    file["vectors"][0]["input"].clone()
}

fn protocol(c: &mut Criterion) {
    let input = vector();
    let s = |k: &str| input[k].as_str().expect("string field").to_owned();
    let a = s("a");
    let pool = PoolId::parse(&s("pool_id")).expect("pool id");
    let password = Password::new(s("password"));
    let ts = Timestamp::parse(&s("timestamp")).expect("timestamp");
    let (user, salt, srp_b, block) = (
        s("user_id_for_srp"),
        s("salt"),
        s("srp_b"),
        s("secret_block"),
    );

    let mut group = c.benchmark_group("protocol");
    group.sample_size(20);
    group.bench_function("srp_a", |b| {
        b.iter(|| EphemeralSecret::from_hex(black_box(&a)).expect("valid a"))
    });
    group.bench_function("password_verifier", |b| {
        b.iter_batched(
            || EphemeralSecret::from_hex(&a).expect("valid a"),
            |eph| {
                let session = Session::user(eph, &pool, &user, &password, &salt, black_box(&srp_b))
                    .expect("session");
                session.claim(&block, &ts).expect("claim")
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("device_verifier", |b| {
        b.iter(|| {
            DeviceVerifier::from_parts(
                "-vl76PqQoL",
                "ap-northeast-1_def1ff2e-362e-4610-b99a-38a39e930c62",
                DevicePassword::new("bstlTmF6bXzb2xDtmDq+p42VJXwJR5CfDmQoA6SjL+sW8UAdTI0XPA=="),
                black_box(&[0xcc; 16]),
            )
            .expect("verifier")
        })
    });
    group.finish();
}

criterion_group!(benches, protocol);
criterion_main!(benches);
