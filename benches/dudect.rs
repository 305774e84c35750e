//! Statistical timing test (dudect, fixed-vs-random classes) of the exponentiations that
//! take secret exponents: the variable-base window (`S`) on each backend, and the
//! fixed-base comb (`g^a`, `g^x`). Left class: one fixed secret exponent; right class:
//! fresh random ones. A |t| above 5 would indicate a timing difference between the classes.
//!
//!   cargo bench -p srp-cognito-benches --bench dudect
//!
//! Not run in CI (CI only compiles it); the latest result is recorded in SECURITY.md.

use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, Class, CtRunner, ctbench_main};
use srp_cognito::internals::{Field, pow_g};

/// Samples per test.
const SAMPLES: usize = 20_000;

/// Inputs of the two classes: the fixed exponent, or a random one of the same length.
fn exponents(rng: &mut BenchRng, len: usize) -> (Vec<Vec<u8>>, Vec<Class>) {
    let mut fixed = vec![0u8; len];
    rng.fill(&mut fixed[..]);
    let (mut inputs, mut classes) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        if rng.random::<bool>() {
            inputs.push(fixed.clone());
            classes.push(Class::Left);
        } else {
            let mut random = vec![0u8; len];
            rng.fill(&mut random[..]);
            inputs.push(random);
            classes.push(Class::Right);
        }
    }
    (inputs, classes)
}

/// `base^e` by the portable engine's fixed window, `e` of 129 bytes (as `a + u·x`).
fn variable_base_portable(runner: &mut CtRunner, rng: &mut BenchRng) {
    let field = Field::new();
    let mut base = [0u8; 383];
    rng.fill(&mut base[..]);
    let base = field.to_mont(&base);
    let (inputs, classes) = exponents(rng, 129);
    for (e, class) in inputs.iter().zip(classes) {
        runner.run_one(class, || field.pow(&base, e));
    }
}

/// The same on the AVX-512 IFMA kernel (skipped on CPUs without it).
fn variable_base_ifma(runner: &mut CtRunner, rng: &mut BenchRng) {
    #[cfg(target_arch = "x86_64")]
    if let Some(field) = srp_cognito::internals::IfmaField::new() {
        let mut base = [0u8; 383];
        rng.fill(&mut base[..]);
        let base = field.enter(&base);
        let (inputs, classes) = exponents(rng, 129);
        for (e, class) in inputs.iter().zip(classes) {
            runner.run_one(class, || field.pow(&base, e));
        }
    }
    let _ = (runner, rng);
}

/// `g^a` by the engine's comb (the backend the crate selects), a 128-byte `a`.
fn fixed_base_a(runner: &mut CtRunner, rng: &mut BenchRng) {
    let _ = pow_g(&[1; 128]); // builds the table outside the measurement
    let (inputs, classes) = exponents(rng, 128);
    for (e, class) in inputs.iter().zip(classes) {
        runner.run_one(class, || pow_g(e));
    }
}

/// `g^x` by the engine's comb, a 32-byte `x`.
fn fixed_base_x(runner: &mut CtRunner, rng: &mut BenchRng) {
    let _ = pow_g(&[1; 32]);
    let (inputs, classes) = exponents(rng, 32);
    for (e, class) in inputs.iter().zip(classes) {
        runner.run_one(class, || pow_g(e));
    }
}

ctbench_main!(
    variable_base_portable,
    variable_base_ifma,
    fixed_base_a,
    fixed_base_x
);
