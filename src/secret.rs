//! Secret strings: wiped from memory on drop, redacted in `Debug`, never `Clone`.

use core::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

macro_rules! secret_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Wiped from memory when dropped; `Debug` prints it redacted; not `Clone`.
        pub struct $name(Zeroizing<String>);

        impl $name {
            /// Takes ownership of the secret text.
            pub fn new(secret: impl Into<String>) -> Self {
                $name(Zeroizing::new(secret.into()))
            }

            /// The secret's text, for the computations and requests that need it.
            pub(crate) fn expose(&self) -> &str {
                &self.0
            }

            /// The secret's bytes, for the computations that need them.
            pub(crate) fn bytes(&self) -> &[u8] {
                self.expose().as_bytes()
            }
        }

        impl From<String> for $name {
            fn from(secret: String) -> Self {
                $name::new(secret)
            }
        }

        impl From<&str> for $name {
            fn from(secret: &str) -> Self {
                $name::new(secret)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }

        impl ZeroizeOnDrop for $name {}
    };
}

secret_string!(
    /// A user's password (may be empty, as the AWS SDKs allow).
    Password
);

secret_string!(
    /// An app client's secret, the HMAC key of `SECRET_HASH`.
    ClientSecret
);

secret_string!(
    /// A remembered device's random password (AWS SDKs: base64 of 40 random bytes).
    ///
    /// The caller must store it with the device key and device group key: it is the
    /// device's credential for `DEVICE_PASSWORD_VERIFIER`.
    DevicePassword
);

impl DevicePassword {
    /// The password's text, to store it. Keep it as secret as a user's password.
    #[must_use]
    pub fn expose_secret(&self) -> &str {
        self.expose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("hunter2");
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
        let d = DevicePassword::from("device-secret");
        assert!(!format!("{d:?}").contains("device-secret"));
        assert_eq!(d.expose_secret(), "device-secret");
        assert_eq!(ClientSecret::from(String::from("s")).bytes(), b"s");
    }
}
