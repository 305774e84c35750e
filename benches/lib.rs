//! Nothing but the benchmarks: `cargo bench -p srp-cognito-benches` (engine.rs, by
//! criterion) and `cargo bench -p srp-cognito-benches --bench dudect`.
