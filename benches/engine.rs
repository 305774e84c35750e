//! One group per layer, each operation beside its num-bigint baseline, on fixed-seed inputs:
//! Montgomery multiplication and squaring; fixed-base and variable-base exponentiation;
//! whole protocol steps through the public API.
//!
//! `engine` is the portable Montgomery code, `engine-ifma` the AVX-512 IFMA kernel (where
//! the CPU has it). `pow_g` and the protocol steps run on the backend the crate selects
//! (`srp_cognito::hazmat::backend()`; `SRP_COGNITO_BACKEND=portable` here makes the bench choose
//! the portable one). The num-bigint baseline of the protocol steps is
//! `srp-cognito-reference`, written as AWS's JavaScript SDK writes them.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use num_bigint::BigUint;
use srp_cognito::internals::{Field, pow_g};
use srp_cognito::steps::Challenge;
use srp_cognito::{
    Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier},
    steps::EphemeralSecret,
};
use srp_cognito_reference as reference;

/// SplitMix64 bytes from a fixed seed.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The group's N (RFC 3526, 3072 bits), for the num-bigint baselines.
fn n() -> BigUint {
    BigUint::from_bytes_be(&srp_cognito::hazmat::N)
}

fn montgomery(c: &mut Criterion) {
    let field = Field::new();
    let (a, b) = (bytes(1, 383), bytes(2, 383));
    let (ma, mb) = (field.to_mont(&a), field.to_mont(&b));
    let (ba, bb, n) = (BigUint::from_bytes_be(&a), BigUint::from_bytes_be(&b), n());
    let mut group = c.benchmark_group("montgomery");
    group.bench_function("mul/engine", |x| x.iter(|| field.mul(black_box(&ma), &mb)));
    group.bench_function("mul/num-bigint", |x| x.iter(|| black_box(&ba) * &bb % &n));
    group.bench_function("square/engine", |x| x.iter(|| field.square(black_box(&ma))));
    group.bench_function("square/num-bigint", |x| {
        x.iter(|| black_box(&ba) * &ba % &n)
    });
    #[cfg(target_arch = "x86_64")]
    if let Some(ifma) = srp_cognito::internals::IfmaField::new() {
        let (ia, ib) = (ifma.enter(&a), ifma.enter(&b));
        group.bench_function("mul/engine-ifma", |x| {
            x.iter(|| ifma.mul(black_box(&ia), &ib))
        });
        group.bench_function("square/engine-ifma", |x| {
            x.iter(|| ifma.square(black_box(&ia)))
        });
    }
    group.finish();
}

fn exponentiation(c: &mut Criterion) {
    let field = Field::new();
    let n = n();
    let two = BigUint::from(2u8);
    let mut group = c.benchmark_group("exponentiation");
    group.sample_size(20);
    for (name, len) in [("fixed_base_1024", 128), ("fixed_base_256", 32)] {
        let e = bytes(3, len);
        let be = BigUint::from_bytes_be(&e);
        let _ = pow_g(&e); // builds the comb table outside the measurement
        group.bench_function(format!("{name}/engine"), |x| {
            x.iter(|| pow_g(black_box(&e)))
        });
        group.bench_function(format!("{name}/num-bigint"), |x| {
            x.iter(|| two.modpow(black_box(&be), &n))
        });
    }
    // S's exponent a + u·x: 129 bytes for a 128-byte a.
    let (base, e) = (bytes(4, 383), bytes(5, 129));
    let mbase = field.to_mont(&base);
    let (bbase, be) = (BigUint::from_bytes_be(&base), BigUint::from_bytes_be(&e));
    group.bench_function("variable_base_1032/engine", |x| {
        x.iter(|| field.pow(black_box(&mbase), &e))
    });
    group.bench_function("variable_base_1032/num-bigint", |x| {
        x.iter(|| bbase.modpow(black_box(&be), &n))
    });
    #[cfg(target_arch = "x86_64")]
    if let Some(ifma) = srp_cognito::internals::IfmaField::new() {
        let ibase = ifma.enter(&base);
        group.bench_function("variable_base_1032/engine-ifma", |x| {
            x.iter(|| ifma.pow(black_box(&ibase), &e))
        });
    }
    group.finish();
}

fn protocol(c: &mut Criterion) {
    if std::env::var("SRP_COGNITO_BACKEND").is_ok_and(|b| b == "portable") {
        srp_cognito::hazmat::select_backend(srp_cognito::hazmat::Backend::Portable)
            .expect("portable");
    }
    let a = bytes(6, 128);
    let mut srp_b = bytes(7, 384);
    srp_b[0] = 0x7f;
    let block = bytes(8, 1200);
    let user = "6f1d3f2a-5c36-4b4e-9d6c-0e3f2b8a9c11";
    let (srp_b, salt) = (hex(&srp_b), hex(&bytes(9, 16)));
    let parameters = HashMap::from([
        ("USER_ID_FOR_SRP".to_owned(), user.to_owned()),
        ("SRP_B".to_owned(), srp_b.clone()),
        ("SALT".to_owned(), salt.clone()),
        ("SECRET_BLOCK".to_owned(), reference::base64(&block)),
    ]);
    let challenge = Challenge::new("PASSWORD_VERIFIER", parameters);
    let pool = PoolId::parse("us-east-1_AbCdEf123").expect("pool id");
    let password_text = "correct horse battery staple";
    let password = Password::new(password_text);
    let ts = Timestamp::from_unix_seconds(1_793_693_109).expect("timestamp");
    let device_salt = bytes(10, 16);
    let device_password = "bstlTmF6bXzb2xDtmDq+p42VJXwJR5CfDmQoA6SjL+sW8UAdTI0XPA==";
    let (group_key, device_key) = (
        "-rZ8kjX5uJ",
        "us-east-1_0bd64aca-0152-4a24-9b79-65554b5c2159",
    );

    let mut group = c.benchmark_group("protocol");
    group.sample_size(20);
    group.bench_function("srp_a/engine", |x| {
        x.iter(|| EphemeralSecret::from_bytes(black_box(&a)).expect("a"))
    });
    group.bench_function("srp_a/num-bigint", |x| {
        x.iter(|| reference::Ephemeral::new(black_box(&a)).srp_a())
    });
    group.bench_function("password_verifier/engine", |x| {
        x.iter_batched(
            || EphemeralSecret::from_bytes(&a).expect("a"),
            |eph| {
                challenge
                    .password_claim(eph, &pool, &password, &ts)
                    .expect("claim")
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("password_verifier/num-bigint", |x| {
        let eph = reference::Ephemeral::new(&a);
        let challenge = reference::Challenge {
            realm: pool.name(),
            user,
            password: password_text,
            salt: &salt,
            srp_b: &srp_b,
            secret_block: &block,
            timestamp: ts.as_str(),
        };
        x.iter(|| reference::password_claim(black_box(&eph), &challenge))
    });
    group.bench_function("device_verifier/engine", |x| {
        x.iter(|| {
            let pw = DevicePassword::new(device_password);
            DeviceVerifier::from_parts(
                &DeviceGroupKey::new(group_key),
                &DeviceKey::new(device_key),
                pw,
                black_box(&device_salt),
            )
            .expect("verifier")
        })
    });
    group.bench_function("device_verifier/num-bigint", |x| {
        x.iter(|| {
            reference::device_verifier(
                group_key,
                device_key,
                device_password,
                black_box(&device_salt),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, montgomery, exponentiation, protocol);
criterion_main!(benches);
