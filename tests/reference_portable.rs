//! The differential test of `tests/reference.rs` on the portable backend (every test of
//! this binary chooses it, so none runs on another).

#[path = "differential/cases.rs"]
mod cases;

fn setup() {
    srp_cognito::hazmat::select_backend(srp_cognito::hazmat::Backend::Portable)
        .expect("portable runs everywhere");
}
