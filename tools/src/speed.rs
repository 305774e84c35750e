//! `srp-cognito-tools speed`: the median time of each protocol step, by the constant-time engine
//! and by the straightforward num-bigint implementation, measured side by side in-process.

use std::collections::HashMap;
use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use base64ct::{Base64, Encoding};

use srp_cognito::steps::{Challenge, ResponseBuilder};
use srp_cognito::{
    Answer, AppClient, Password, PoolId, Timestamp,
    device::{DeviceGroupKey, DeviceKey, DevicePassword, DeviceVerifier},
    steps::EphemeralSecret,
};
use srp_cognito_reference as reference;

/// Fixed inputs of Cognito's sizes, from a fixed-seed generator.
struct Inputs {
    a: Vec<[u8; 128]>,
    challenge: Challenge,
    pool: PoolId,
    password: Password,
    timestamp: Timestamp,
    client: AppClient,
    device_salt: [u8; 16],
    /// The challenge's parameters as text, for the num-bigint baseline.
    user: &'static str,
    srp_b: String,
    salt: String,
    secret_block: String,
}

/// SplitMix64: a fixed-seed byte source for the inputs (not for secrets).
fn fill(seed: &mut u64, out: &mut [u8]) {
    for chunk in out.chunks_mut(8) {
        *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Inputs {
    fn new() -> Self {
        let mut seed = 0x5eed_c0de_2026_1121;
        let a = (0..16)
            .map(|_| {
                let mut a = [0u8; 128];
                fill(&mut seed, &mut a);
                a
            })
            .collect();
        // SRP_B as Cognito sends it: 384 bytes below N (N's top bytes are 0xff).
        let mut b = [0u8; 384];
        fill(&mut seed, &mut b);
        b[0] = 0x7f;
        let mut salt = [0u8; 16];
        fill(&mut seed, &mut salt);
        let mut block = [0u8; 1200];
        fill(&mut seed, &mut block);
        let mut device_salt = [0u8; 16];
        fill(&mut seed, &mut device_salt);
        let user = "6f1d3f2a-5c36-4b4e-9d6c-0e3f2b8a9c11";
        let (srp_b, salt, secret_block) = (hex(&b), hex(&salt), Base64::encode_string(&block));
        let parameters = HashMap::from([
            ("USERNAME".to_owned(), user.to_owned()),
            ("USER_ID_FOR_SRP".to_owned(), user.to_owned()),
            ("SRP_B".to_owned(), srp_b.clone()),
            ("SALT".to_owned(), salt.clone()),
            ("SECRET_BLOCK".to_owned(), secret_block.clone()),
        ]);
        Inputs {
            a,
            challenge: Challenge::new("PASSWORD_VERIFIER", parameters),
            pool: PoolId::parse("us-east-1_AbCdEf123").unwrap_or_else(|_| unreachable!()),
            password: Password::new(PASSWORD),
            timestamp: Timestamp::from_unix_seconds(1_793_693_109)
                .unwrap_or_else(|_| unreachable!()),
            client: AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf").unwrap_or_else(|_| unreachable!()),
            device_salt,
            user,
            srp_b,
            salt,
            secret_block,
        }
    }
}

/// One protocol step, by either implementation; returns the time of the step itself
/// (the set-up, such as a fresh ephemeral for the claim, is not timed).
#[derive(Clone, Copy)]
enum Step {
    SrpA,
    PasswordVerifier,
    DeviceVerifier,
}

fn run(step: Step, naive: bool, inputs: &Inputs, i: usize) -> Duration {
    if naive {
        return run_baseline(step, inputs, i);
    }
    let a = &inputs.a[i % inputs.a.len()];
    match step {
        Step::SrpA => {
            let start = Instant::now();
            let eph = EphemeralSecret::from_bytes(a);
            black_box(eph.map(|e| e.srp_a().clone()).ok());
            start.elapsed()
        }
        Step::PasswordVerifier => {
            let Ok(eph) = EphemeralSecret::from_bytes(a) else {
                return Duration::ZERO;
            };
            let (c, pool, pw, ts) = (
                &inputs.challenge,
                &inputs.pool,
                &inputs.password,
                &inputs.timestamp,
            );
            let start = Instant::now();
            if let Ok(claim) = c.password_claim(eph, pool, pw, ts) {
                let responses =
                    ResponseBuilder::new(c, &inputs.client).build(Answer::PasswordVerifier(&claim));
                black_box(responses.ok());
            }
            start.elapsed()
        }
        Step::DeviceVerifier => {
            let password = DevicePassword::new(Base64::encode_string(&a[..40]));
            let (group, key) = (DeviceGroupKey::new(GROUP_KEY), DeviceKey::new(DEVICE_KEY));
            let start = Instant::now();
            let verifier = DeviceVerifier::from_parts(&group, &key, password, &inputs.device_salt);
            black_box(verifier.ok());
            start.elapsed()
        }
    }
}

/// The user's password in every sign-in.
const PASSWORD: &str = "correct horse battery staple";

/// The device of the ConfirmDevice step.
const GROUP_KEY: &str = "-rZ8kjX5uJ";
const DEVICE_KEY: &str = "us-east-1_0bd64aca-0152-4a24-9b79-65554b5c2159";

/// The same steps by the num-bigint reference (`srp-cognito-reference`), written as
/// AWS's JavaScript SDK writes them.
fn run_baseline(step: Step, inputs: &Inputs, i: usize) -> Duration {
    let a = &inputs.a[i % inputs.a.len()];
    match step {
        Step::SrpA => {
            let start = Instant::now();
            black_box(reference::Ephemeral::new(a).srp_a());
            start.elapsed()
        }
        Step::PasswordVerifier => {
            let eph = reference::Ephemeral::new(a);
            let timestamp = inputs.timestamp.as_str();
            let start = Instant::now();
            let block = Base64::decode_vec(&inputs.secret_block).unwrap_or_default();
            let claim = reference::password_claim(
                &eph,
                &reference::Challenge {
                    realm: inputs.pool.name(),
                    user: inputs.user,
                    password: PASSWORD,
                    salt: &inputs.salt,
                    srp_b: &inputs.srp_b,
                    secret_block: &block,
                    timestamp,
                },
            );
            let responses = HashMap::from([
                ("USERNAME", inputs.user.to_owned()),
                ("PASSWORD_CLAIM_SECRET_BLOCK", inputs.secret_block.clone()),
                ("PASSWORD_CLAIM_SIGNATURE", claim.signature),
                ("TIMESTAMP", timestamp.to_owned()),
            ]);
            black_box(responses);
            start.elapsed()
        }
        Step::DeviceVerifier => {
            let password = Base64::encode_string(&a[..40]);
            let start = Instant::now();
            let verifier =
                reference::device_verifier(GROUP_KEY, DEVICE_KEY, &password, &inputs.device_salt);
            black_box(verifier);
            start.elapsed()
        }
    }
}

/// The medians of the step's times by the engine and by num-bigint, after a warm-up,
/// within about `2·budget`. Samples alternate between the two, so that both see the same
/// load on a shared machine.
fn medians_us(step: Step, inputs: &Inputs, budget: Duration) -> (f64, f64) {
    let warm_up = Instant::now();
    let mut i = 0;
    while i < 3 || warm_up.elapsed() < budget / 6 {
        run(step, false, inputs, i);
        run(step, true, inputs, i);
        i += 1;
    }
    let start = Instant::now();
    let (mut engine, mut naive) = (Vec::new(), Vec::new());
    while engine.len() < 5 || (start.elapsed() < 2 * budget && engine.len() < 2000) {
        let i = engine.len();
        engine.push(run(step, false, inputs, i).as_secs_f64() * 1e6);
        naive.push(run(step, true, inputs, i).as_secs_f64() * 1e6);
    }
    (median(engine), median(naive))
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Sign-ins (SRP_A, then the PASSWORD_VERIFIER response) per second on `threads` threads.
fn throughput(inputs: &Inputs, threads: usize, budget: Duration) -> f64 {
    let start = Instant::now();
    let done: usize = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut count = 0;
                    while start.elapsed() < budget {
                        run(Step::SrpA, false, inputs, t + count);
                        run(Step::PasswordVerifier, false, inputs, t + count);
                        count += 1;
                    }
                    count
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    done as f64 / start.elapsed().as_secs_f64()
}

/// Options of `speed`.
pub(crate) struct Options {
    pub(crate) json: bool,
    pub(crate) threads: Option<usize>,
    pub(crate) time_per_op: Duration,
}

pub(crate) fn speed(options: &Options) {
    let inputs = Inputs::new();
    let budget = options.time_per_op;
    let mut results = Vec::new();
    for (name, step) in [
        ("srp_a", Step::SrpA),
        ("password_verifier", Step::PasswordVerifier),
        ("device_verifier", Step::DeviceVerifier),
    ] {
        let (engine, naive) = medians_us(step, &inputs, budget);
        results.push((name, engine, naive));
    }
    let sign_in = results[0].1 + results[1].1;
    let naive_sign_in = results[0].2 + results[1].2;
    let scaling = options.threads.map(|n| {
        let one = throughput(&inputs, 1, budget * 2);
        let many = throughput(&inputs, n, budget * 2);
        (n, one, many)
    });
    if options.json {
        let mut object = serde_json::Map::new();
        for (name, engine, naive) in &results {
            object.insert(format!("{name}_us"), round(*engine).into());
            object.insert(format!("naive_{name}_us"), round(*naive).into());
            object.insert(format!("{name}_ratio"), round3(engine / naive).into());
        }
        object.insert(
            "backend".into(),
            srp_cognito::hazmat::backend().name().into(),
        );
        object.insert("sign_in_us".into(), round(sign_in).into());
        object.insert("naive_sign_in_us".into(), round(naive_sign_in).into());
        object.insert(
            "sign_in_ratio".into(),
            round3(sign_in / naive_sign_in).into(),
        );
        if let Some((n, one, many)) = scaling {
            object.insert("threads".into(), n.into());
            object.insert("sign_ins_per_s_1_thread".into(), round(one).into());
            object.insert("sign_ins_per_s".into(), round(many).into());
            object.insert("thread_scaling".into(), round3(many / one).into());
        }
        println!("{}", serde_json::Value::Object(object));
        return;
    }
    println!(
        "median time per operation (engine: constant-time, {} backend; num-bigint: the reference)",
        srp_cognito::hazmat::backend()
    );
    println!(
        "{:<34} {:>12} {:>12} {:>9}",
        "operation", "engine", "num-bigint", "ratio"
    );
    let rows = results.iter().map(|(name, e, n)| (*name, *e, *n)).chain([(
        "srp_a + password_verifier",
        sign_in,
        naive_sign_in,
    )]);
    for (name, engine, naive) in rows {
        println!(
            "{name:<34} {:>9.0} us {:>9.0} us {:>8.3}",
            engine,
            naive,
            engine / naive
        );
    }
    if let Some((n, one, many)) = scaling {
        println!(
            "sign-ins per second: {one:.0} on 1 thread, {many:.0} on {n} threads ({:.2}x)",
            many / one
        );
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
