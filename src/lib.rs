//! The client side of Amazon Cognito's SRP sign-in: `SRP_A`, the `PASSWORD_CLAIM_SIGNATURE`
//! of `PASSWORD_VERIFIER`, remembered devices (the ConfirmDevice verifier, `DEVICE_SRP_AUTH`,
//! `DEVICE_PASSWORD_VERIFIER`), `SECRET_HASH`, and the `ChallengeResponses` of
//! `RespondToAuthChallenge` for every challenge. Sans-IO: it computes and decides; the AWS
//! SDK, an HTTP client or the `srp-cognito` CLI carries the requests.
//!
//! # The protocol
//!
//! | client step | what is sent | what Cognito returns |
//! |---|---|---|
//! | [`SignIn::start`] (`a`, `A = g^a`: [`EphemeralSecret::random`]) | InitiateAuth `USER_SRP_AUTH` ([`steps::InitiateAuth`]): `USERNAME`, `SRP_A`, `SECRET_HASH` | `PASSWORD_VERIFIER`: `USERNAME`, `USER_ID_FOR_SRP`, `SALT`, `SRP_B`, `SECRET_BLOCK` |
//! | [`SignIn::next`] ([`steps::Challenge::password_claim`]: `u`, `x`, `S`, the key, the signature) | RespondToAuthChallenge ([`Respond`], [`Answer::PasswordVerifier`]): `USERNAME`, `PASSWORD_CLAIM_SECRET_BLOCK`, `PASSWORD_CLAIM_SIGNATURE`, `TIMESTAMP`, `SECRET_HASH` | tokens, another challenge (MFA, `NEW_PASSWORD_REQUIRED`, …: [`Pending`], answered with [`SignIn::answer`]), or `DEVICE_SRP_AUTH` |
//! | [`SignIn::next`]: a second `a` for the device | `DEVICE_SRP_AUTH` ([`Answer::DeviceSrpAuth`]): `USERNAME`, `DEVICE_KEY`, `SRP_A` | `DEVICE_PASSWORD_VERIFIER`: `SALT`, `SRP_B`, `SECRET_BLOCK` |
//! | [`SignIn::next`] ([`steps::Challenge::device_password_claim`]): the same with the device's key, group key and password | `DEVICE_PASSWORD_VERIFIER` ([`Answer::DevicePasswordVerifier`]) | tokens ([`AuthenticationResult`]) |
//! | after tokens with `NewDeviceMetadata`: [`ConfirmDevice::for_result`](crate::device::ConfirmDevice::for_result) ([`DeviceVerifier::generate`](crate::device::DeviceVerifier::generate)) | ConfirmDevice: `DeviceSecretVerifierConfig` {`PasswordVerifier`, `Salt`}; then, where users choose, UpdateDeviceStatus ([`ConfirmDevice::status_after`](crate::device::ConfirmDevice::status_after), [`DeviceRememberedStatus`](crate::device::DeviceRememberedStatus)) | `UserConfirmationNecessary` |
//! | later: [`refresh`] or [`GetTokensFromRefreshToken`](crate::refresh::GetTokensFromRefreshToken) | InitiateAuth `REFRESH_TOKEN_AUTH`: `REFRESH_TOKEN`, `SECRET_HASH` (of the internal username), `DEVICE_KEY`; or GetTokensFromRefreshToken: `RefreshToken`, `ClientSecret`, `DeviceKey` | new tokens |
//!
//! # Symbols
//!
//! | symbol | meaning |
//! |---|---|
//! | `N`, `g` | RFC 3526's 3072-bit MODP prime ([`N`](crate::hazmat::N)) and `g = 2`; `H` is SHA-256 |
//! | `padHex(n)` | the minimal big-endian bytes of `n`, with a `00` in front when the top bit is set (Java's `BigInteger.toByteArray`) |
//! | `k` | `H(padHex(N) ‖ padHex(g))` |
//! | `a`, `A` | the client's ephemeral secret (128 random bytes) and `A = g^a mod N`, sent as `SRP_A` |
//! | `B` | the server's ephemeral public value, received as `SRP_B`: `B = k·v + g^b` |
//! | `u` | `H(padHex(A) ‖ padHex(B))`, public |
//! | `x` | `H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password))`, a password equivalent; `poolName` is the pool id after `_` |
//! | `v` | the verifier `g^x`, what the server stores (and what ConfirmDevice sends for a device) |
//! | `S` | the premaster secret `(B − k·g^x)^(a + u·x) mod N`, which the server computes as `(A·v^u)^b` |
//! | `K` | the first 16 bytes of HKDF-SHA256(ikm `padHex(S)`, salt `padHex(u)`, info `"Caldera Derived Key"`) |
//! | signature | `base64(HMAC-SHA256(K, poolName ‖ userIdForSrp ‖ base64dec(SECRET_BLOCK) ‖ TIMESTAMP))` |
//!
//! For a remembered device, `poolName` is the device group key, `userIdForSrp` the device
//! key and the password the device's random password.
//!
//! # Guarantees
//!
//! - Constant-time in every secret (`a`, `x`, `S`, the key, the passwords): no branch or
//!   memory index depends on one, checked under valgrind in CI. What a function may leak
//!   by design is said in its docs (`padHex(S)`'s length is the protocol's own).
//! - Secrets live in types that are wiped on drop, print as `<redacted>` and are not `Clone`.
//! - Clock and randomness are inputs: every computation has a deterministic entry point
//!   ([`EphemeralSecret::from_bytes`], [`Timestamp::from_unix_seconds`]).
//!
//! # Example
//!
//! [`SignIn`] runs the whole conversation as a sans-IO state machine: it starts a flow and
//! turns each response into the next request, answering PASSWORD_VERIFIER and the device
//! challenges itself and handing back the challenges only the user can answer
//! (`srp-cognito-sdk` drives it over the AWS SDK for Rust in one call).
//!
//! ```
//! use srp_cognito::{AppClient, AuthResponse, Password, PoolId, SignIn, Step};
//! # use std::collections::HashMap;
//! # fn cognito<T>(_: T) -> AuthResponse {
//! #     let mut response = AuthResponse::default();
//! #     response.challenge_name = Some("PASSWORD_VERIFIER".into());
//! #     response.challenge_parameters = HashMap::from([
//! #         ("USERNAME".to_owned(), "6f1d3f2a".to_owned()),
//! #         ("USER_ID_FOR_SRP".to_owned(), "6f1d3f2a".to_owned()),
//! #         ("SALT".to_owned(), "8bb7dcf905f418bf27b6623aa4d2f58f".to_owned()),
//! #         ("SRP_B".to_owned(), "cccd551910a5a4a05af370b8f7340bd4".to_owned()),
//! #         ("SECRET_BLOCK".to_owned(), "c2VjcmV0IGJsb2Nr".to_owned()),
//! #     ]);
//! #     response
//! # }
//!
//! let pool = PoolId::parse("us-east-1_AbCdEf123")?;
//! let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
//! let mut sign_in = SignIn::user_srp(pool, client, "alice@example.com", Password::new("pw"));
//! // InitiateAuth with `initiate.auth_flow` and `initiate.parameters`:
//! let initiate = sign_in.start()?;
//! // Each response Cognito returns gives the next step:
//! match sign_in.next(cognito(initiate))? {
//!     // RespondToAuthChallenge with `respond.challenge_name`, `.responses` and `.session`,
//!     // then its response into `sign_in.next` again.
//!     Step::Respond(respond) => assert_eq!(respond.responses.get("USERNAME"), Some("6f1d3f2a")),
//!     // MFA, a new password, ...: ask the user, then `sign_in.answer(...)`.
//!     Step::Pending(challenge) => println!("{}", challenge.name()),
//!     Step::SignedIn(tokens) => println!("signed in for {:?} s", tokens.expires_in),
//! }
//! # Ok::<(), srp_cognito::Error>(())
//! ```
//!
//! The root holds what a sign-in takes and gives; the rest is in modules:
//!
//! | module | what |
//! |---|---|
//! | [`device`] | remembered devices: ConfirmDevice's verifier, the device's credentials, UpdateDeviceStatus |
//! | [`refresh`] | new tokens for a refresh token: `REFRESH_TOKEN_AUTH` and GetTokensFromRefreshToken |
//! | [`steps`] | the layer under [`SignIn`], one request or claim at a time, for transports that must own every step |
//! | [`limits`] | the sizes the crate accepts |
//! | [`hazmat`] | what a sign-in never needs: the arithmetic backend, `N`; with the feature, the intermediates |
//! | `request`, `response`, `server` | with the features below |
//!
//! The project's book (`book/` in the repository) is the user's guide: the whole sign-in
//! with the AWS SDK, every other challenge, remembered devices, the CLI, the other
//! languages, performance and security notes.
//!
//! # Features
//!
//! | feature | what it adds |
//! |---|---|
//! | `serde` | `request` and `response`: the JSON bodies of InitiateAuth, RespondToAuthChallenge, ConfirmDevice, UpdateDeviceStatus and GetTokensFromRefreshToken, and Cognito's errors |
//! | `hazmat` | in `hazmat`, and the `SessionKey::expose_*` getters: the intermediates `x`, `S` and the key, the encodings, and the process-wide backend choice, for test vectors, tests and benchmarks |
//! | `server` | `server`: the server half — a user's or a device's verifier, the server's `B`, and the claim's verification, constant-time like the client |
//! | `wasm_js` | randomness from `crypto.getRandomValues` on `wasm32-unknown-unknown` |

#![deny(unsafe_code)] // allowed in the AVX-512 IFMA backend (arith/ifma.rs), the SIMD128 loads of arith/mont32.rs and the host calls of arith/host.rs

#[expect(
    clippy::cast_possible_truncation,
    reason = "limb arithmetic takes the low bits of wider products and sums on purpose: `as` \
              is the branch-free truncation there, a checked conversion a branch on secret data"
)]
mod arith;
mod challenge;
mod client;
pub mod device;
mod encoding;
mod engine;
mod error;
mod group;
pub mod hazmat;
mod initiate;
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod internals;
pub mod limits;
mod parameters;
mod pool;
pub mod refresh;
#[cfg(feature = "serde")]
pub mod request;
#[cfg(feature = "serde")]
pub mod response;
mod secret;
mod secret_block;
mod secret_hash;
#[cfg(feature = "server")]
pub mod server;
mod service_code;
mod sign_in;
mod srp;
pub mod steps;
mod timestamp;
mod token;

pub use challenge::{Answer, ChallengeName, MfaType, Selection};
pub use client::AppClient;
// The paths the crate's own modules use for what lives in the public modules.
use device::RememberedDevice;
pub use error::Error;
pub use initiate::AuthFlow;
pub use parameters::Parameters;
pub use pool::PoolId;
use secret::DevicePassword;
pub use secret::{ClientSecret, Password};
pub use secret_block::SecretBlockDecoding;
pub use secret_hash::secret_hash;
pub use service_code::ServiceCode;
pub use sign_in::{AuthResponse, Pending, Respond, SignIn, Step};
use srp::{EphemeralSecret, SrpA};
pub use timestamp::Timestamp;
pub use token::{AuthenticationResult, Token};

// The README's examples run as doctests, and so do the book's chapter on this crate's
// (a doctest build only: the book is not part of the published crate).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
#[cfg(doctest)]
#[doc = include_str!("../book/src/rust.md")]
struct BookDoctests;
