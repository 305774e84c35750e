#![doc = include_str!("../README.md")]
#![deny(unsafe_code)] // allowed in one module: the AVX-512 IFMA backend (uint/ifma.rs)
#![warn(missing_docs)]

mod arith;
mod auth;
mod challenge;
mod client;
mod device;
mod encoding;
mod error;
mod group;
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod internals;
mod limits;
mod parameters;
mod pool;
#[cfg(feature = "reference")]
pub mod reference;
#[cfg(all(test, not(feature = "reference")))]
mod reference;
#[cfg(feature = "serde")]
pub mod request;
mod secret;
mod secret_block;
mod secret_hash;
mod srp;
mod timestamp;
mod uint;
#[cfg(feature = "vectors")]
pub mod vectors;

pub use auth::{AuthFlow, InitiateAuth};
pub use challenge::{Answer, Challenge, ChallengeName, MfaType, ResponseBuilder, Selection};
pub use client::AppClient;
pub use device::{DeviceVerifier, RememberedDevice};
pub use error::Error;
pub use limits::{
    MAX_A_BYTES, MAX_IDENTITY_BYTES, MAX_SALT_DIGITS, MAX_SECRET_BLOCK_CHARS, MAX_SRP_B_DIGITS,
};
pub use parameters::Parameters;
pub use pool::{MAX_POOL_ID_LEN, PoolId};
pub use secret::{ClientSecret, DevicePassword, Password};
pub use secret_block::SecretBlockDecoding;
pub use secret_hash::secret_hash;
pub use srp::{EphemeralSecret, PasswordClaim, Session, SrpA};
pub use timestamp::Timestamp;

/// The group's modulus `N`, big-endian: the 3072-bit MODP prime of RFC 3526 (`g = 2`).
pub const N: [u8; 384] = group::N;

/// The arithmetic backend this process uses: `"avx512ifma"` on CPUs with AVX-512 IFMA,
/// else `"portable"` (set `SRP_COGNITO_BACKEND=portable` to force the portable one).
/// Both are constant-time and give identical results.
#[must_use]
pub fn backend() -> &'static str {
    arith::backend_name()
}
