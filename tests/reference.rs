//! A differential test: an independent reference written the way AWS's JavaScript SDK is
//! (numbers as `BigUint`, `padHex` on hex *text*, hashes over hex-decoded strings), compared
//! with the crate on random inputs: any `a` length, `SRP_B` below and above `N`, salts with
//! odd lengths and leading zeros, any user, pool and password.
//!
//! Here on the backend the crate picks (AVX-512 IFMA where the CPU has it);
//! `reference_portable.rs` runs the same cases on the portable backend.

#[path = "differential/cases.rs"]
mod cases;

/// Nothing to choose: the crate's default backend.
fn setup() {}
