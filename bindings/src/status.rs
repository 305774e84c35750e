//! Every outcome of an operation, numbered once: the C ABI returns these numbers, every
//! language's error carries the name.

use srp_cognito::Error;

/// An operation's outcome: `Ok`, or why it was refused. The numbers are the C ABI's
/// `int32_t` statuses, stable across versions of the same ABI: a new status takes a new
/// number, an old one is never renumbered. 1 to 99 are the library's error categories
/// (`srp_cognito::Error::category`), 100 and up the bridge's own.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Done: the result, if any, is in the output buffer.
    Ok = 0,
    /// A field that must be hexadecimal is not.
    BadHex = 1,
    /// A field that must be standard padded base64 is not.
    BadBase64 = 2,
    /// A field that must not be empty is.
    EmptyInput = 3,
    /// An input is longer than anything Cognito sends (or than the bridge reads: 1 MiB).
    TooLarge = 4,
    /// The user pool id is not `region_suffix`.
    BadPoolId = 5,
    /// The ephemeral secret `a` is zero or longer than 1024 bytes.
    AOutOfRange = 6,
    /// `A = g^a mod N` is zero.
    AModNZero = 7,
    /// The server's `B` is a multiple of `N`.
    BModNZero = 8,
    /// `u = H(padHex(A) ‖ padHex(B))` is zero.
    UZero = 9,
    /// A required challenge parameter is absent.
    MissingParameter = 10,
    /// A timestamp outside 1970–9999 or not of Cognito's form.
    BadTimestamp = 11,
    /// A challenge this library refuses to answer.
    UnsupportedChallenge = 12,
    /// The answer does not fit the pending challenge.
    AnswerMismatch = 13,
    /// The operating system's (or the host's) random number generator failed.
    Rng = 14,
    /// This target has no system clock.
    NoClock = 15,
    /// The arithmetic backend asked for is unknown or this CPU cannot run it.
    BackendUnavailable = 16,
    /// A call that does not fit the sign-in's state (`next` before `start`, an answer
    /// with nothing pending, anything after the tokens).
    OutOfTurn = 17,
    /// A response that is neither a challenge nor tokens.
    MalformedResponse = 18,
    /// The server asked more challenges in a row than any Cognito conversation needs.
    TooManyRoundTrips = 19,
    /// A name that is not one of Cognito's (an auth flow, an MFA type).
    UnknownName = 20,
    /// An auth flow that does not start an SRP sign-in.
    UnsupportedFlow = 21,
    /// The server refused the password claim.
    ClaimRefused = 22,
    /// The claim's secret block is not the session's.
    SecretBlockMismatch = 23,
    /// The claim's timestamp is too far from the server's clock.
    TimestampSkew = 24,
    /// A verifier that is empty, too long or `≡ 0 (mod N)`.
    BadVerifier = 25,
    /// JSON text that is not the shape the operation reads.
    BadJson = 100,
    /// An argument the operation does not take (a flow it does not start, a partial
    /// device, a clock reading that is not whole seconds).
    BadInput = 101,
    /// An argument that is not UTF-8.
    BadUtf8 = 102,
    /// A null pointer where an argument or an output is required.
    NullPointer = 103,
    /// A sign-in handle that is not live: freed, freed twice, or never made.
    BadHandle = 104,
    /// The library panicked; the call was abandoned and is reported, never unwound
    /// across the boundary. A sign-in that panicked answers `Internal` afterwards.
    Panic = 105,
    /// Something that cannot happen did (a poisoned lock, memory exhausted).
    Internal = 106,
}

impl Status {
    /// Every status, in order. (A function, not an associated constant, which cbindgen
    /// would copy into the C header.)
    #[must_use]
    pub const fn all() -> [Status; 33] {
        [
            Status::Ok,
            Status::BadHex,
            Status::BadBase64,
            Status::EmptyInput,
            Status::TooLarge,
            Status::BadPoolId,
            Status::AOutOfRange,
            Status::AModNZero,
            Status::BModNZero,
            Status::UZero,
            Status::MissingParameter,
            Status::BadTimestamp,
            Status::UnsupportedChallenge,
            Status::AnswerMismatch,
            Status::Rng,
            Status::NoClock,
            Status::BackendUnavailable,
            Status::OutOfTurn,
            Status::MalformedResponse,
            Status::TooManyRoundTrips,
            Status::UnknownName,
            Status::UnsupportedFlow,
            Status::ClaimRefused,
            Status::SecretBlockMismatch,
            Status::TimestampSkew,
            Status::BadVerifier,
            Status::BadJson,
            Status::BadInput,
            Status::BadUtf8,
            Status::NullPointer,
            Status::BadHandle,
            Status::Panic,
            Status::Internal,
        ]
    }

    /// The category's name (`ok`, `bad_hex`, …): the test vectors' `error` field and
    /// every language package's error `category`.
    #[must_use]
    pub fn name(self) -> &'static str {
        let with_nul = self.name_with_nul();
        &with_nul[..with_nul.len() - 1]
    }

    /// [`Status::name`] followed by a NUL byte: the C ABI's `srp_cognito_status_name`.
    #[must_use]
    pub fn name_with_nul(self) -> &'static str {
        match self {
            Status::Ok => "ok\0",
            Status::BadHex => "bad_hex\0",
            Status::BadBase64 => "bad_base64\0",
            Status::EmptyInput => "empty_input\0",
            Status::TooLarge => "too_large\0",
            Status::BadPoolId => "bad_pool_id\0",
            Status::AOutOfRange => "a_out_of_range\0",
            Status::AModNZero => "a_mod_n_zero\0",
            Status::BModNZero => "b_mod_n_zero\0",
            Status::UZero => "u_zero\0",
            Status::MissingParameter => "missing_parameter\0",
            Status::BadTimestamp => "bad_timestamp\0",
            Status::UnsupportedChallenge => "unsupported_challenge\0",
            Status::AnswerMismatch => "answer_mismatch\0",
            Status::Rng => "rng\0",
            Status::NoClock => "no_clock\0",
            Status::BackendUnavailable => "backend_unavailable\0",
            Status::OutOfTurn => "out_of_turn\0",
            Status::MalformedResponse => "malformed_response\0",
            Status::TooManyRoundTrips => "too_many_round_trips\0",
            Status::UnknownName => "unknown_name\0",
            Status::UnsupportedFlow => "unsupported_flow\0",
            Status::ClaimRefused => "claim_refused\0",
            Status::SecretBlockMismatch => "secret_block_mismatch\0",
            Status::TimestampSkew => "timestamp_skew\0",
            Status::BadVerifier => "bad_verifier\0",
            Status::BadJson => "bad_json\0",
            Status::BadInput => "bad_input\0",
            Status::BadUtf8 => "bad_utf8\0",
            Status::NullPointer => "null_pointer\0",
            Status::BadHandle => "bad_handle\0",
            Status::Panic => "panic\0",
            Status::Internal => "internal\0",
        }
    }

    /// The status numbered `code`, if any.
    #[must_use]
    pub fn from_code(code: i32) -> Option<Status> {
        Status::all().into_iter().find(|s| *s as i32 == code)
    }

    /// The status of the library's error `e`.
    #[must_use]
    pub fn of(e: &Error) -> Status {
        match e {
            Error::BadHex { .. } => Status::BadHex,
            Error::BadBase64 { .. } => Status::BadBase64,
            Error::EmptyInput { .. } => Status::EmptyInput,
            Error::TooLarge { .. } => Status::TooLarge,
            Error::BadPoolId => Status::BadPoolId,
            Error::AOutOfRange => Status::AOutOfRange,
            Error::AModNZero => Status::AModNZero,
            Error::BModNZero => Status::BModNZero,
            Error::UZero => Status::UZero,
            Error::MissingParameter { .. } => Status::MissingParameter,
            Error::BadTimestamp => Status::BadTimestamp,
            Error::UnsupportedChallenge => Status::UnsupportedChallenge,
            Error::AnswerMismatch => Status::AnswerMismatch,
            Error::Rng => Status::Rng,
            Error::NoClock => Status::NoClock,
            Error::BackendUnavailable => Status::BackendUnavailable,
            Error::OutOfTurn => Status::OutOfTurn,
            Error::MalformedResponse => Status::MalformedResponse,
            Error::TooManyRoundTrips => Status::TooManyRoundTrips,
            Error::UnknownName { .. } => Status::UnknownName,
            Error::UnsupportedFlow => Status::UnsupportedFlow,
            Error::ClaimRefused => Status::ClaimRefused,
            Error::SecretBlockMismatch => Status::SecretBlockMismatch,
            Error::TimestampSkew => Status::TimestampSkew,
            Error::BadVerifier => Status::BadVerifier,
            // A category added to the library and not yet here; the test below lists
            // every one the library has.
            _ => Status::Internal,
        }
    }
}

/// A refusal: its [`Status`] and a message for a person. No refusal carries a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Why.
    pub status: Status,
    /// What was refused, for a person.
    pub message: String,
}

impl Refusal {
    /// A refusal of `status`.
    #[must_use]
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Refusal {
            status,
            message: message.into(),
        }
    }

    /// The category's name (`bad_hex`, `out_of_turn`, …).
    #[must_use]
    pub fn category(&self) -> &'static str {
        self.status.name()
    }
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal::new(Status::of(&e), e.to_string())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.category(), self.message)
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_category_has_its_own_status() {
        let errors = [
            Error::BadHex { field: "f" },
            Error::BadBase64 { field: "f" },
            Error::EmptyInput { field: "f" },
            Error::TooLarge { field: "f", max: 1 },
            Error::BadPoolId,
            Error::AOutOfRange,
            Error::AModNZero,
            Error::BModNZero,
            Error::UZero,
            Error::MissingParameter { name: "n" },
            Error::BadTimestamp,
            Error::UnsupportedChallenge,
            Error::AnswerMismatch,
            Error::Rng,
            Error::NoClock,
            Error::BackendUnavailable,
            Error::OutOfTurn,
            Error::MalformedResponse,
            Error::TooManyRoundTrips,
            Error::UnknownName { what: "w" },
            Error::UnsupportedFlow,
            Error::ClaimRefused,
            Error::SecretBlockMismatch,
            Error::TimestampSkew,
            Error::BadVerifier,
        ];
        for e in errors {
            let status = Status::of(&e);
            assert_eq!(status.name(), e.category(), "{e:?}");
            assert!((1..100).contains(&(status as i32)), "{e:?}");
        }
    }

    #[test]
    fn statuses_are_numbered_and_named_once() {
        let mut names = std::collections::HashSet::new();
        for (i, status) in Status::all().into_iter().enumerate() {
            assert_eq!(Status::from_code(status as i32), Some(status));
            assert!(names.insert(status.name()), "{status:?}");
            assert!(status.name_with_nul().ends_with('\0'));
            assert!(!status.name().contains('\0'));
            if i > 0 {
                assert!((Status::all()[i - 1] as i32) < status as i32, "in order");
            }
        }
        assert_eq!(Status::from_code(-1), None);
        assert_eq!(Status::from_code(99), None);
    }
}
