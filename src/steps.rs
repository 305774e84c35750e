//! The step-by-step layer under [`crate::SignIn`]: each request and claim built by hand.
//!
//! [`crate::SignIn`] runs these steps for you and is what a sign-in should use. This layer
//! is for a transport that must own every step (a proxy, a test of a server, a flow
//! `SignIn` does not drive): [`InitiateAuth::srp`] starts a flow, a [`Challenge`] reads
//! what Cognito answered and signs the password claim (through a [`SessionKey`]: `u` and
//! the SRP key `K`), and a [`ResponseBuilder`] fills `ChallengeResponses` with `USERNAME`,
//! `SECRET_HASH` and `DEVICE_KEY` as Cognito wants them.
//!
//! ```
//! use std::collections::HashMap;
//! use srp_cognito::steps::{Challenge, InitiateAuth, ResponseBuilder};
//! use srp_cognito::{Answer, AppClient, AuthFlow, steps::EphemeralSecret, Password, PoolId, Timestamp};
//!
//! let pool = PoolId::parse("us-east-1_AbCdEf123")?;
//! let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
//! let a = EphemeralSecret::random()?;
//! let init = InitiateAuth::srp(AuthFlow::UserSrpAuth, &client, "alice", a.srp_a(), None)?;
//! // ... InitiateAuth with `init.parameters`; Cognito answers PASSWORD_VERIFIER:
//! let challenge = Challenge::new("PASSWORD_VERIFIER", HashMap::from([
//!     ("USERNAME".to_owned(), "alice".to_owned()),
//!     ("USER_ID_FOR_SRP".to_owned(), "alice".to_owned()),
//!     ("SALT".to_owned(), "8bb7dcf905f418bf27b6623aa4d2f58f".to_owned()),
//!     ("SRP_B".to_owned(), "cccd551910a5a4a05af370b8f7340bd4".to_owned()),
//!     ("SECRET_BLOCK".to_owned(), "c2VjcmV0IGJsb2Nr".to_owned()),
//! ]));
//! let password = Password::new("correct horse battery staple");
//! let claim = challenge.password_claim(a, &pool, &password, &Timestamp::now()?)?;
//! let responses = ResponseBuilder::new(&challenge, &client).build(Answer::PasswordVerifier(&claim))?;
//! assert_eq!(responses.get("USERNAME"), Some("alice"));
//! # let _ = init;
//! # Ok::<(), srp_cognito::Error>(())
//! ```

pub use crate::challenge::{Challenge, ResponseBuilder};
pub use crate::initiate::InitiateAuth;
pub use crate::srp::{EphemeralSecret, PasswordClaim, SessionKey, SrpA};
