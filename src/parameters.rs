//! The string map of `ChallengeResponses` and `AuthParameters`.

use core::fmt;
use std::collections::HashMap;

use zeroize::Zeroize;

/// Keys whose values are public: `Debug` prints these values and redacts every other
/// (passwords, MFA and OTP codes, custom answers, WebAuthn credentials, unknown entries).
const PUBLIC_KEYS: [&str; 8] = [
    "USERNAME",
    "SRP_A",
    "DEVICE_KEY",
    "TIMESTAMP",
    "CHALLENGE_NAME",
    "PREFERRED_CHALLENGE",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "PASSWORD_CLAIM_SIGNATURE",
];

/// A `ChallengeResponses` or `AuthParameters` map: what the AWS SDK's
/// `set_challenge_responses` / `set_auth_parameters` take (convert with `.into()`).
///
/// Values are wiped from memory when the map is dropped (they can hold a password);
/// `Debug` prints every key, and the values of the public keys only (`USERNAME`, `SRP_A`,
/// `DEVICE_KEY`, `TIMESTAMP`, `CHALLENGE_NAME`, `PREFERRED_CHALLENGE`, the claim's secret
/// block and signature); every other value (passwords, codes, answers, `SECRET_HASH`) is
/// redacted.
#[derive(PartialEq, Eq)]
pub struct Parameters(HashMap<String, String>);

impl Parameters {
    pub(crate) fn new() -> Self {
        Parameters(HashMap::new())
    }

    pub(crate) fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        if let Some(mut old) = self.0.insert(key.into(), value.into()) {
            old.zeroize();
        }
    }

    /// The value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Whether the map holds `key`.
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys, sorted.
    #[must_use]
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.0.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The map itself, for the AWS SDK. The caller takes over wiping the values.
    #[must_use]
    pub fn into_map(mut self) -> HashMap<String, String> {
        core::mem::take(&mut self.0)
    }
}

impl From<Parameters> for HashMap<String, String> {
    fn from(parameters: Parameters) -> Self {
        parameters.into_map()
    }
}

impl Drop for Parameters {
    fn drop(&mut self) {
        for value in self.0.values_mut() {
            value.zeroize();
        }
    }
}

impl fmt::Debug for Parameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for key in self.keys() {
            if PUBLIC_KEYS.contains(&key) {
                map.entry(&key, &self.0[key]);
            } else {
                map.entry(&key, &"<redacted>");
            }
        }
        map.finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Parameters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for key in self.keys() {
            map.serialize_entry(key, &self.0[key])?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_passwords_only() {
        let mut p = Parameters::new();
        p.insert("USERNAME", "alice");
        p.insert("NEW_PASSWORD", "s3cret!");
        p.insert("PASSWORD", "hunter2");
        let shown = format!("{p:?}");
        assert!(shown.contains("alice"), "{shown}");
        assert!(
            !shown.contains("s3cret!") && !shown.contains("hunter2"),
            "{shown}"
        );
        assert_eq!(p.keys(), ["NEW_PASSWORD", "PASSWORD", "USERNAME"]);
        let map: HashMap<String, String> = p.into();
        assert_eq!(map["USERNAME"], "alice");
    }
}
