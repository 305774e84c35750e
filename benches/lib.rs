//! Nothing but the benchmarks: `cargo bench -p srp-cognito-benches` (engine.rs, by
//! criterion), `cargo bench -p srp-cognito-benches --bench dudect`, and
//! `cargo bench -p srp-cognito-benches --bench boundary` (the C ABI beside the Rust API).
