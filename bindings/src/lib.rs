//! The bridge's one operation table: srp-cognito over JSON text in the AWS SDKs' wire
//! shapes, written once for every language package. The C ABI (`ffi/`, which the npm
//! package's WebAssembly and JavaScript builds and the C and C++ package call) and the
//! Python extension (`python/`) are thin doors over it: each turns its language's
//! arguments into bytes, calls an operation of [`ops`], and turns the JSON text or the
//! [`Refusal`] back into its language's values and errors.
//!
//! - [`ops`]: the operations, and their table.
//! - [`Status`], [`Refusal`]: every outcome, numbered once (the C ABI's statuses) and
//!   named once (every package's error category).
//! - [`handles`]: live sign-ins behind generation-checked numbers, for the doors that
//!   hand out integers.
//! - `testing` (feature `testing`): the test vectors' `compute` and the backend choice,
//!   for tests only; no build that signs users in enables it.
//!
//! Requests and responses travel as JSON text in the shapes the AWS SDKs take and return:
//! the SDK for JavaScript v3's `InitiateAuthCommandInput` and
//! `RespondToAuthChallengeCommandOutput` are the wire shapes of Cognito's JSON API, which
//! boto3's keyword arguments, the C++ SDK's models and the Java SDK's builders also map.

pub mod handles;
mod json;
pub mod ops;
mod status;
#[cfg(feature = "testing")]
pub mod testing;

pub use json::{Json, MAX_ARGUMENT_BYTES, MAX_JSON_BYTES, optional, read, text, to_json};
pub use ops::{
    Options, SignIn, backend, confirm_device, get_tokens_from_refresh_token, refresh, secret_hash,
    update_device_status,
};
pub use status::{Refusal, Status};

/// The most responses one sign-in sends without the user (the library's cap).
pub const MAX_AUTOMATIC_ANSWERS: usize = srp_cognito::SignIn::MAX_AUTOMATIC_ANSWERS;
