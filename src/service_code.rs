//! Cognito's exceptions as values to match, for every transport: the SDK crate, the
//! CLI's HTTP client and [`crate::response::ServiceError`] read them from the exception's
//! name (`NotAuthorizedException`).

use core::fmt;

macro_rules! service_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// A Cognito exception (its `__type`, or the SDK's error code), as a value to match
        /// instead of a string to compare.
        ///
        /// ```
        /// use srp_cognito::ServiceCode;
        /// assert_eq!(ServiceCode::from_name("NotAuthorizedException"), ServiceCode::NotAuthorized);
        /// assert_eq!(ServiceCode::from_name("SomethingNewException"), ServiceCode::Other);
        /// assert_eq!(ServiceCode::UserNotFound.name(), Some("UserNotFoundException"));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ServiceCode {
            $($(#[$doc])* $variant,)*
            /// An exception not listed here: the name it came with tells it.
            Other,
        }

        impl ServiceCode {
            /// The code of the exception `name` (a namespace before `#` is ignored).
            #[must_use]
            pub fn from_name(name: &str) -> Self {
                match name.rsplit('#').next().unwrap_or(name) {
                    $($name => ServiceCode::$variant,)*
                    _ => ServiceCode::Other,
                }
            }

            /// The exception's name as Cognito spells it (none for [`ServiceCode::Other`]).
            #[must_use]
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(ServiceCode::$variant => Some($name),)*
                    ServiceCode::Other => None,
                }
            }
        }
    };
}

service_codes! {
    /// A wrong password, a disabled user, an expired or revoked refresh token, a wrong
    /// SECRET_HASH (and, where the app client hides whether users exist, an unknown user).
    NotAuthorized = "NotAuthorizedException",
    /// No such user (where the app client does not hide it).
    UserNotFound = "UserNotFoundException",
    /// The user has not confirmed the sign-up.
    UserNotConfirmed = "UserNotConfirmedException",
    /// An administrator reset the password: ForgotPassword, then ConfirmForgotPassword.
    PasswordResetRequired = "PasswordResetRequiredException",
    /// Throttled: try again later.
    TooManyRequests = "TooManyRequestsException",
    /// Too many failed attempts for this user: try again later.
    TooManyFailedAttempts = "TooManyFailedAttemptsException",
    /// A wrong MFA or confirmation code.
    CodeMismatch = "CodeMismatchException",
    /// An expired MFA or confirmation code.
    ExpiredCode = "ExpiredCodeException",
    /// A parameter Cognito refuses (a flow the app client does not allow, a missing field).
    InvalidParameter = "InvalidParameterException",
    /// A new password the pool's policy refuses.
    InvalidPassword = "InvalidPasswordException",
    /// No such pool, app client or device.
    ResourceNotFound = "ResourceNotFoundException",
    /// A quota of the pool or account.
    LimitExceeded = "LimitExceededException",
    /// Cognito failed on its side.
    InternalError = "InternalErrorException",
    /// A request body Cognito could not read (not JSON, a member of the wrong type).
    Serialization = "SerializationException",
    /// An operation the endpoint does not have.
    UnknownOperation = "UnknownOperationException",
    /// A username (or the attribute users sign in with) another user has.
    UsernameExists = "UsernameExistsException",
    /// An email or phone number that is already another user's alias.
    AliasExists = "AliasExistsException",
    /// A software token (TOTP) that cannot be enabled: not yet verified.
    EnableSoftwareTokenMfa = "EnableSoftwareTokenMFAException",
    /// A group of that name exists already in the pool.
    GroupExists = "GroupExistsException",
    /// The user is not in a state the request needs (a RESEND for a confirmed user).
    UnsupportedUserState = "UnsupportedUserStateException",
}

impl fmt::Display for ServiceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name().unwrap_or("another exception"))
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceCode;

    #[test]
    fn names_round_trip() {
        for code in [
            ServiceCode::NotAuthorized,
            ServiceCode::PasswordResetRequired,
            ServiceCode::TooManyRequests,
            ServiceCode::InternalError,
        ] {
            let name = code.name().unwrap();
            assert_eq!(ServiceCode::from_name(name), code);
            assert_eq!(
                ServiceCode::from_name(&format!("com.amazonaws.cognito#{name}")),
                code
            );
        }
        assert_eq!(ServiceCode::from_name(""), ServiceCode::Other);
        assert_eq!(ServiceCode::Other.name(), None);
    }
}
