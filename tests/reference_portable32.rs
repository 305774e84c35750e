//! The differential test of `tests/reference.rs` on the 31-bit-limb backend, wasm32's
//! default (every test of this binary chooses it, so none runs on another).

#[path = "differential/cases.rs"]
mod cases;

fn setup() {
    srp_cognito::hazmat::select_backend(srp_cognito::hazmat::Backend::Portable32)
        .expect("portable32 runs everywhere");
}
