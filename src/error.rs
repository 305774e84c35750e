//! The crate's one error type.

use core::fmt;

/// Why an input was refused.
///
/// Every refusal of the crate is one of these. None of them carries a value derived
/// from a secret: the fields name *which* input was wrong, never its content.
/// [`Error::category`] gives the short name used by the test-vector format
/// (the `error` field of the project's vectors) and by the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A field that must be hexadecimal holds another character.
    BadHex {
        /// The field (e.g. `"SRP_B"`).
        field: &'static str,
    },
    /// A field that must be standard base64 (with padding) is not.
    BadBase64 {
        /// The field (e.g. `"SECRET_BLOCK"`).
        field: &'static str,
    },
    /// A field that must not be empty is.
    EmptyInput {
        /// The field.
        field: &'static str,
    },
    /// A field is larger than anything Cognito sends; it was not parsed.
    TooLarge {
        /// The field.
        field: &'static str,
        /// The largest accepted length, in bytes of the field's text.
        max: usize,
    },
    /// The user pool id does not match `^[\w-]+_[0-9a-zA-Z]+$` or is longer than 55 characters.
    BadPoolId,
    /// The ephemeral secret `a` is zero or longer than 1024 bytes.
    AOutOfRange,
    /// `A = g^a mod N` is zero (impossible for the Cognito group; checked anyway).
    AModNZero,
    /// The server's `B` is a multiple of `N`.
    BModNZero,
    /// The scrambling parameter `u = H(padHex(A) ‖ padHex(B))` is zero.
    UZero,
    /// A required challenge parameter is absent.
    MissingParameter {
        /// The parameter (e.g. `"SRP_B"`).
        name: &'static str,
    },
    /// A timestamp is outside 1970–9999 or not of the form `Tue Nov 3 08:05:09 UTC 2026`.
    BadTimestamp,
    /// The challenge is one this crate refuses to answer (e.g. `ADMIN_NO_SRP_AUTH`).
    UnsupportedChallenge,
    /// The answer given does not fit the challenge it was given for.
    AnswerMismatch,
    /// The operating system's random number generator failed.
    Rng,
    /// The target has no system clock (wasm32-unknown-unknown): give the time with the
    /// entry points that take it (`SignIn::next_at`, `Timestamp::from_unix_seconds`).
    NoClock,
    /// The arithmetic backend asked for is unknown or this CPU cannot run it.
    BackendUnavailable,
    /// A response or an answer that does not fit the sign-in's state (a second
    /// PASSWORD_VERIFIER, DEVICE_PASSWORD_VERIFIER before DEVICE_SRP_AUTH, anything after
    /// the tokens, an answer with no challenge pending).
    OutOfTurn,
    /// A response that is neither a challenge nor tokens.
    MalformedResponse,
    /// The sign-in answered more challenges by itself, in a row, than any Cognito
    /// conversation needs ([`crate::SignIn::MAX_AUTOMATIC_ANSWERS`]): the server loops.
    TooManyRoundTrips,
    /// A name that is not one of Cognito's (an auth flow, an MFA type, ...).
    UnknownName {
        /// What was named (`"AuthFlow"`, `"MfaType"`).
        what: &'static str,
    },
    /// An auth flow that does not start an SRP sign-in (`REFRESH_TOKEN_AUTH`).
    UnsupportedFlow,
    /// The server refused the claim: its signature is not the one the password (or the
    /// device's password) gives (Cognito: `NotAuthorizedException`).
    ClaimRefused,
    /// The claim's `PASSWORD_CLAIM_SECRET_BLOCK` is not the one this session sent.
    SecretBlockMismatch,
    /// The claim's `TIMESTAMP` is further from the server's clock than it allows.
    TimestampSkew,
    /// A stored or received verifier `v` is empty, longer than `N`, or `≡ 0 (mod N)`.
    BadVerifier,
}

impl Error {
    /// The short category name (`bad_hex`, `b_mod_n_zero`, …), as in the vector files.
    #[must_use]
    pub fn category(&self) -> &'static str {
        match self {
            Error::BadHex { .. } => "bad_hex",
            Error::BadBase64 { .. } => "bad_base64",
            Error::EmptyInput { .. } => "empty_input",
            Error::TooLarge { .. } => "too_large",
            Error::BadPoolId => "bad_pool_id",
            Error::AOutOfRange => "a_out_of_range",
            Error::AModNZero => "a_mod_n_zero",
            Error::BModNZero => "b_mod_n_zero",
            Error::UZero => "u_zero",
            Error::MissingParameter { .. } => "missing_parameter",
            Error::BadTimestamp => "bad_timestamp",
            Error::UnsupportedChallenge => "unsupported_challenge",
            Error::AnswerMismatch => "answer_mismatch",
            Error::Rng => "rng",
            Error::NoClock => "no_clock",
            Error::BackendUnavailable => "backend_unavailable",
            Error::OutOfTurn => "out_of_turn",
            Error::MalformedResponse => "malformed_response",
            Error::TooManyRoundTrips => "too_many_round_trips",
            Error::UnknownName { .. } => "unknown_name",
            Error::UnsupportedFlow => "unsupported_flow",
            Error::ClaimRefused => "claim_refused",
            Error::SecretBlockMismatch => "secret_block_mismatch",
            Error::TimestampSkew => "timestamp_skew",
            Error::BadVerifier => "bad_verifier",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadHex { field } => write!(f, "{field} is not hexadecimal"),
            Error::BadBase64 { field } => write!(f, "{field} is not standard padded base64"),
            Error::EmptyInput { field } => write!(f, "{field} is empty"),
            Error::TooLarge { field, max } => {
                write!(f, "{field} is longer than {max} bytes, more than Cognito sends")
            }
            Error::BadPoolId => f.write_str(
                "the user pool id must match ^[\\w-]+_[0-9a-zA-Z]+$ and be at most 55 characters",
            ),
            Error::AOutOfRange => f.write_str("the ephemeral secret a must be 1 to 1024 bytes and not 0"),
            Error::AModNZero => f.write_str("A = g^a mod N is zero"),
            Error::BModNZero => f.write_str("SRP_B is a multiple of N"),
            Error::UZero => f.write_str("u = H(A | B) is zero"),
            Error::MissingParameter { name } => write!(f, "the challenge has no {name} parameter"),
            Error::BadTimestamp => f.write_str(
                "the timestamp must be of the form `Tue Nov 3 08:05:09 UTC 2026`, years 1970 to 9999",
            ),
            Error::UnsupportedChallenge => f.write_str("this challenge is not answered by this crate"),
            Error::AnswerMismatch => f.write_str("the answer does not fit the challenge"),
            Error::Rng => f.write_str("the operating system's random number generator failed"),
            Error::NoClock => f.write_str("this target has no system clock: give the time"),
            Error::BackendUnavailable => {
                f.write_str("that arithmetic backend is unknown or this CPU cannot run it")
            }
            Error::OutOfTurn => f.write_str("this does not fit the sign-in's state"),
            Error::MalformedResponse => {
                f.write_str("the response holds neither a challenge nor tokens")
            }
            Error::TooManyRoundTrips => {
                f.write_str("the server sent more challenges in a row than a sign-in has")
            }
            Error::UnknownName { what } => write!(f, "not a name Cognito gives a {what}"),
            Error::UnsupportedFlow => f.write_str("that auth flow does not start an SRP sign-in"),
            Error::ClaimRefused => f.write_str("the password claim's signature does not verify"),
            Error::SecretBlockMismatch => {
                f.write_str("the claim's secret block is not this session's")
            }
            Error::TimestampSkew => f.write_str("the claim's timestamp is too far from the server's clock"),
            Error::BadVerifier => {
                f.write_str("the verifier must be 1 to 384 bytes and not a multiple of N")
            }
        }
    }
}

impl std::error::Error for Error {}
