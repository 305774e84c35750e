//! Remembered devices: the ConfirmDevice verifier, the device's stored credentials, and
//! what follows a sign-in that Cognito offers to remember (ConfirmDevice, UpdateDeviceStatus).
//!
//! A sign-in that offers a device gives [`NewDeviceMetadata`]
//! ([`AuthenticationResult::new_device_metadata`]); [`ConfirmDevice`] turns it into the
//! ConfirmDevice request and the [`RememberedDevice`] to store, whose [`DeviceKey`],
//! [`DeviceGroupKey`] and [`DevicePassword`] a later [`SignIn`](crate::SignIn) takes to
//! answer DEVICE_SRP_AUTH.

use core::fmt;

use rand_core::CryptoRng;
use zeroize::Zeroizing;

use crate::encoding::{encode_base64, pad_vartime};
use crate::engine;
use crate::srp::{Identity, check_identity, check_salt, private_key_x};
use crate::{AuthenticationResult, Error};

pub use crate::secret::DevicePassword;
pub use crate::token::NewDeviceMetadata;

/// Defines a device identifier's newtype: public (not a secret), shown by `Debug` and
/// `Display`, read as `&str` through `Deref`, (de)serialized as its string.
macro_rules! device_identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        pub struct $name(String);

        impl $name {
            /// The identifier, as Cognito gave it.
            #[must_use]
            pub fn new(value: impl Into<String>) -> Self {
                $name(value.into())
            }

            /// The identifier's text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl core::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

device_identifier! {
    /// A device's key, `DEVICE_KEY` (`us-east-1_0bd64aca-…`), from `NewDeviceMetadata`. A type
    /// of its own, as is [`DeviceGroupKey`]: swapping the two in a call (which would yield a
    /// verifier Cognito refuses) does not compile.
    ///
    /// ```
    /// use srp_cognito::device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice};
    /// let (key, group) = (DeviceKey::new("us-east-1_0bd64aca"), DeviceGroupKey::new("-rZ8kjX5uJ"));
    /// let device = RememberedDevice::new(key, group, DevicePassword::new("pw"));
    /// assert_eq!(device.device_key, "us-east-1_0bd64aca");
    /// ```
    ///
    /// ```compile_fail,E0308
    /// use srp_cognito::device::{DeviceGroupKey, DeviceKey, DevicePassword, RememberedDevice};
    /// let (key, group) = (DeviceKey::new("us-east-1_0bd64aca"), DeviceGroupKey::new("-rZ8kjX5uJ"));
    /// let device = RememberedDevice::new(group, key, DevicePassword::new("pw"));
    /// ```
    DeviceKey
}

device_identifier! {
    /// A device's group key, from `NewDeviceMetadata`: the "pool name" of its SRP identity.
    DeviceGroupKey
}

/// Random bytes in a device password (the AWS SDKs' `generateRandomString`).
const DEVICE_PASSWORD_BYTES: usize = 40;
/// Random bytes in a device salt.
const DEVICE_SALT_BYTES: usize = 16;

/// What ConfirmDevice needs: `DeviceSecretVerifierConfig` {`PasswordVerifier`, `Salt`}, and
/// the device password the caller must keep for later device sign-ins.
///
/// `Debug` does not show the device password.
pub struct DeviceVerifier {
    password_verifier: String,
    salt: String,
    device_password: DevicePassword,
}

impl DeviceVerifier {
    /// A new verifier for a device, with a random device password (base64 of 40 bytes)
    /// and a random 16-byte salt from the operating system's CSPRNG.
    ///
    /// # Errors
    /// [`Error::Rng`] if the OS gives no randomness; [`Error::EmptyInput`] or
    /// [`Error::TooLarge`] for the keys.
    pub fn generate(
        device_group_key: &DeviceGroupKey,
        device_key: &DeviceKey,
    ) -> Result<Self, Error> {
        let mut bytes = Zeroizing::new([0u8; DEVICE_PASSWORD_BYTES + DEVICE_SALT_BYTES]);
        getrandom::fill(&mut bytes[..]).map_err(|_| Error::Rng)?;
        Self::from_random_bytes(device_group_key, device_key, &bytes)
    }

    /// As [`DeviceVerifier::generate`], with randomness from the given RNG.
    ///
    /// # Errors
    /// As [`DeviceVerifier::generate`], but for [`Error::Rng`].
    pub fn generate_from_rng<R: CryptoRng + ?Sized>(
        rng: &mut R,
        device_group_key: &DeviceGroupKey,
        device_key: &DeviceKey,
    ) -> Result<Self, Error> {
        let mut bytes = Zeroizing::new([0u8; DEVICE_PASSWORD_BYTES + DEVICE_SALT_BYTES]);
        rng.fill_bytes(&mut bytes[..]);
        Self::from_random_bytes(device_group_key, device_key, &bytes)
    }

    fn from_random_bytes(
        device_group_key: &DeviceGroupKey,
        device_key: &DeviceKey,
        bytes: &[u8; DEVICE_PASSWORD_BYTES + DEVICE_SALT_BYTES],
    ) -> Result<Self, Error> {
        let (password, salt) = bytes.split_at(DEVICE_PASSWORD_BYTES);
        let password = DevicePassword::new(encode_base64(password));
        Self::from_parts(device_group_key, device_key, password, salt)
    }

    /// The deterministic entry point: the verifier for a given device password and salt
    /// bytes (the salt is read as a number, so leading zero bytes drop out, as in the SDKs).
    ///
    /// `x = H(padHex(salt) ‖ H(deviceGroupKey ‖ deviceKey ‖ ":" ‖ devicePassword))`,
    /// `PasswordVerifier = base64(padHex(g^x mod N))`, `Salt = base64(padHex(salt))`.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] for an empty key or salt, [`Error::TooLarge`] for one over
    /// the limits.
    pub fn from_parts(
        device_group_key: &DeviceGroupKey,
        device_key: &DeviceKey,
        device_password: DevicePassword,
        salt: &[u8],
    ) -> Result<Self, Error> {
        check_identity("DEVICE_GROUP_KEY", device_group_key)?;
        check_identity("DEVICE_KEY", device_key)?;
        check_salt(salt)?;
        let x = private_key_x(
            salt,
            &Identity {
                realm: device_group_key,
                user: device_key,
                password: device_password.bytes(),
            },
        );
        let verifier = engine::pow_g(&x[..]);
        Ok(DeviceVerifier {
            password_verifier: encode_base64(&pad_vartime(&verifier)),
            salt: encode_base64(&pad_vartime(salt)),
            device_password,
        })
    }

    /// `DeviceSecretVerifierConfig.PasswordVerifier` (base64).
    #[must_use]
    pub fn password_verifier(&self) -> &str {
        &self.password_verifier
    }

    /// `DeviceSecretVerifierConfig.Salt` (base64).
    #[must_use]
    pub fn salt(&self) -> &str {
        &self.salt
    }

    /// The device password to store with the device key and group key.
    #[must_use]
    pub fn device_password(&self) -> &DevicePassword {
        &self.device_password
    }

    /// Gives up the verifier, keeping the device password.
    #[must_use]
    pub fn into_device_password(self) -> DevicePassword {
        self.device_password
    }
}

impl fmt::Debug for DeviceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceVerifier")
            .field("password_verifier", &self.password_verifier)
            .field("salt", &self.salt)
            .finish_non_exhaustive() // avoids printing the device password
    }
}

/// A device Cognito remembers: its key, its group key and its password.
///
/// `Debug` does not show the password.
#[non_exhaustive]
pub struct RememberedDevice {
    /// `DEVICE_KEY` (e.g. `us-east-1_0bd64aca-…`), from `NewDeviceMetadata`.
    pub device_key: DeviceKey,
    /// The device group key, from `NewDeviceMetadata`.
    pub device_group_key: DeviceGroupKey,
    /// The password chosen at ConfirmDevice.
    pub device_password: DevicePassword,
}

impl RememberedDevice {
    /// The device of `NewDeviceMetadata` (`device_key`, `device_group_key`) with the
    /// password ConfirmDevice was given.
    #[must_use]
    pub fn new(
        device_key: DeviceKey,
        device_group_key: DeviceGroupKey,
        device_password: DevicePassword,
    ) -> Self {
        RememberedDevice {
            device_key,
            device_group_key,
            device_password,
        }
    }
}

impl fmt::Debug for RememberedDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RememberedDevice")
            .field("device_key", &self.device_key)
            .field("device_group_key", &self.device_group_key)
            .finish_non_exhaustive() // avoids printing the device password
    }
}

/// ConfirmDevice for the device of a sign-in's tokens: the `DeviceSecretVerifierConfig`
/// to send, and the device to keep once Cognito confirmed it.
#[derive(Debug)]
#[non_exhaustive]
pub struct ConfirmDevice {
    /// `DeviceKey`.
    pub device_key: DeviceKey,
    /// The device group key.
    pub device_group_key: DeviceGroupKey,
    /// `DeviceSecretVerifierConfig` and the device password.
    pub verifier: DeviceVerifier,
}

impl ConfirmDevice {
    /// For the `NewDeviceMetadata` of `result`, with a fresh device password and salt.
    ///
    /// # Errors
    /// [`Error::MissingParameter`] (`NewDeviceMetadata`) when the result has none (the
    /// pool does not remember devices, or the sign-in used one); as
    /// [`DeviceVerifier::generate`].
    pub fn for_result(result: &AuthenticationResult) -> Result<Self, Error> {
        let metadata = result
            .new_device_metadata
            .as_ref()
            .ok_or(Error::MissingParameter {
                name: "NewDeviceMetadata",
            })?;
        let verifier = DeviceVerifier::generate(&metadata.device_group_key, &metadata.device_key)?;
        Ok(ConfirmDevice {
            device_key: metadata.device_key.clone(),
            device_group_key: metadata.device_group_key.clone(),
            verifier,
        })
    }

    /// The device to keep (its keys and password) once ConfirmDevice succeeded.
    #[must_use]
    pub fn into_remembered_device(self) -> RememberedDevice {
        RememberedDevice::new(
            self.device_key,
            self.device_group_key,
            self.verifier.into_device_password(),
        )
    }

    /// What to send after ConfirmDevice answered `user_confirmation_necessary`: in pools
    /// that let users choose (`true`), UpdateDeviceStatus with
    /// [`DeviceRememberedStatus::Remembered`] when the user chose to `remember` the device;
    /// otherwise nothing (the pool remembers it already, or the user declined and it stays
    /// tracked but not remembered).
    ///
    /// ```
    /// use srp_cognito::device::{ConfirmDevice, DeviceRememberedStatus};
    /// assert_eq!(ConfirmDevice::status_after(true, true), Some(DeviceRememberedStatus::Remembered));
    /// assert_eq!(ConfirmDevice::status_after(true, false), None);
    /// assert_eq!(ConfirmDevice::status_after(false, true), None);
    /// ```
    #[must_use]
    pub fn status_after(
        user_confirmation_necessary: bool,
        remember: bool,
    ) -> Option<DeviceRememberedStatus> {
        (user_confirmation_necessary && remember).then_some(DeviceRememberedStatus::Remembered)
    }
}

/// `DeviceRememberedStatus` of UpdateDeviceStatus: in pools that let users choose
/// (ConfirmDevice answered `UserConfirmationNecessary`), whether the device is remembered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceRememberedStatus {
    /// `remembered`: later sign-ins go through the device.
    Remembered,
    /// `not_remembered`: the device is tracked, but sign-ins do not use it.
    NotRemembered,
}

impl DeviceRememberedStatus {
    /// The value Cognito's API takes.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceRememberedStatus::Remembered => "remembered",
            DeviceRememberedStatus::NotRemembered => "not_remembered",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_status_values() {
        assert_eq!(DeviceRememberedStatus::Remembered.as_str(), "remembered");
        assert_eq!(
            DeviceRememberedStatus::NotRemembered.as_str(),
            "not_remembered"
        );
    }
}
