//! Client-side SRP-6a as Cognito runs it: `A`, `u`, `x`, `S`, the HKDF key and the claim
//! signature.

use core::fmt;

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use rand_core::CryptoRng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{ZeroizeOnDrop, Zeroizing};

use crate::encoding::bytes_to_hex;
use crate::encoding::{
    decode_base64, decode_hex, encode_base64, number_to_hex_vartime, pad_vartime,
};
use crate::engine;
use crate::limits::{
    MAX_A_BYTES, MAX_IDENTITY_BYTES, MAX_SALT_DIGITS, MAX_SECRET_BLOCK_CHARS, MAX_SRP_B_DIGITS,
    RANDOM_A_BYTES,
};
use crate::secret_block::{SecretBlockDecoding, decode_lenient};
use crate::{DevicePassword, Error, Password, PoolId, Timestamp};

/// The HKDF `info` of Cognito's session key.
const HKDF_INFO: &[u8] = b"Caldera Derived Key";

/// `SRP_A`: the client's public ephemeral value `A = g^a mod N`, as lowercase hex
/// without leading zeros (what the AWS SDKs send).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SrpA(String);

impl SrpA {
    /// The hex text sent as `SRP_A`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SrpA {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SrpA {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SrpA({})", self.0)
    }
}

/// The client's ephemeral secret `a`, with its public value `A = g^a mod N`.
///
/// It is consumed by the step that uses it ([`SessionKey::user`], [`SessionKey::device`]), so
/// it cannot be used twice. Wiped on drop; `Debug`
/// shows only `A`; not `Clone`.
pub struct EphemeralSecret {
    a: Zeroizing<Vec<u8>>,
    srp_a: SrpA,
    /// `padHex(A)`, hashed into `u`.
    a_padded: Vec<u8>,
}

impl EphemeralSecret {
    /// 128 bytes from the operating system's CSPRNG, as the AWS SDKs generate `a`.
    ///
    /// # Errors
    /// [`Error::Rng`] if the operating system gives no randomness.
    pub fn random() -> Result<Self, Error> {
        let mut a = Zeroizing::new([0u8; RANDOM_A_BYTES]);
        loop {
            getrandom::fill(&mut a[..]).map_err(|_| Error::Rng)?;
            // a = 0 has probability 2^-1024; draw again rather than fail.
            if let Ok(secret) = Self::from_bytes(&a[..]) {
                return Ok(secret);
            }
        }
    }

    /// 128 bytes from the given cryptographic RNG.
    ///
    /// # Errors
    /// Never in practice: only if the RNG produced 128 zero bytes 2^20 times in a row
    /// ([`Error::AOutOfRange`]).
    pub fn random_from_rng<R: CryptoRng + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        let mut a = Zeroizing::new([0u8; RANDOM_A_BYTES]);
        let mut result = Err(Error::AOutOfRange);
        for _ in 0..(1 << 20) {
            rng.fill_bytes(&mut a[..]);
            result = Self::from_bytes(&a[..]);
            if result.is_ok() {
                break;
            }
        }
        result
    }

    /// A given `a` (big-endian, 1 to 1024 bytes, not zero): the deterministic entry point.
    ///
    /// `a` is used as given, not reduced mod `N`, as the AWS SDKs use it.
    ///
    /// # Errors
    /// [`Error::AOutOfRange`] for an empty, zero or longer-than-1024-byte `a`.
    pub fn from_bytes(a: &[u8]) -> Result<Self, Error> {
        if a.is_empty() || a.len() > MAX_A_BYTES {
            return Err(Error::AOutOfRange);
        }
        refuse_zero_a(a)?;
        // `A = g^a mod N`
        let big_a = engine::pow_g(a);
        check_public_a(&big_a)?;
        Ok(EphemeralSecret {
            a: Zeroizing::new(a.to_vec()),
            srp_a: SrpA(number_to_hex_vartime(&big_a).to_string()),
            a_padded: pad_vartime(&big_a).to_vec(),
        })
    }

    /// A given `a` in hex (1 to 2048 digits; an odd count reads as if a `0` led).
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::BadHex`], or [`Error::AOutOfRange`] (zero or too long).
    pub fn from_hex(a: &str) -> Result<Self, Error> {
        let bytes = decode_hex("a", a, 2 * MAX_A_BYTES).map_err(|e| match e {
            Error::TooLarge { .. } => Error::AOutOfRange,
            other => other,
        })?;
        Self::from_bytes(&bytes)
    }

    /// `a` as lowercase hex, two digits a byte (constant-time), to keep the ephemeral
    /// secret between two processes (as the CLI's `initiate` and `respond` do): store it as
    /// a password, read it back with [`EphemeralSecret::from_hex`], and use it once.
    #[must_use]
    pub fn expose_a_hex(&self) -> Zeroizing<String> {
        bytes_to_hex(&self.a)
    }

    /// `SRP_A`, to send in InitiateAuth (or DEVICE_SRP_AUTH).
    #[must_use]
    pub fn srp_a(&self) -> &SrpA {
        &self.srp_a
    }
}

impl fmt::Debug for EphemeralSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EphemeralSecret")
            .field("srp_a", &self.srp_a)
            .finish_non_exhaustive() // avoids printing a
    }
}

impl ZeroizeOnDrop for EphemeralSecret {}

/// The answer to PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER: what goes into
/// `PASSWORD_CLAIM_SIGNATURE`, `PASSWORD_CLAIM_SECRET_BLOCK` and `TIMESTAMP`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordClaim {
    signature: String,
    secret_block: String,
    timestamp: Timestamp,
}

impl PasswordClaim {
    /// `PASSWORD_CLAIM_SIGNATURE` (base64).
    #[must_use]
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the challenge's `SECRET_BLOCK`, sent back as received.
    #[must_use]
    pub fn secret_block(&self) -> &str {
        &self.secret_block
    }

    /// `TIMESTAMP`, the time the signature covers.
    #[must_use]
    pub fn timestamp(&self) -> &Timestamp {
        &self.timestamp
    }
}

/// Who is proving knowledge of which password: the three strings `x` hashes.
///
/// For a user: the pool name, `USER_ID_FOR_SRP` and the password. For a remembered
/// device: the device group key, the device key and the device password.
pub(crate) struct Identity<'a> {
    pub(crate) realm: &'a str,
    pub(crate) user: &'a str,
    pub(crate) password: &'a [u8],
}

/// The server's side of the exchange: `SALT` and `SRP_B` as Cognito sends them (hex).
struct ServerValues<'a> {
    pub(crate) salt: &'a str,
    pub(crate) srp_b: &'a str,
}

/// Refuses `a = 0`. The zero test is constant-time; the refusal itself reveals only that
/// this `a` was zero (and such an `a` is never used). Kept out of line so that the
/// constant-time check (ct/ctgrind.supp) can name it.
#[inline(never)]
pub(crate) fn refuse_zero_a(a: &[u8]) -> Result<(), Error> {
    if bool::from(a.iter().fold(0u8, |acc, &b| acc | b).ct_eq(&0)) {
        return Err(Error::AOutOfRange);
    }
    Ok(())
}

/// Refuses `A ≡ 0`. `A` is public (it is sent as `SRP_A`), so branching on it is fine;
/// out of line so that the constant-time check can name it.
#[inline(never)]
fn check_public_a(big_a: &[u8]) -> Result<(), Error> {
    if engine::reduce(big_a).is_zero() {
        return Err(Error::AModNZero);
    }
    Ok(())
}

/// Refuses `u = 0`. `u = H(A ‖ B)` is public; out of line so that the constant-time check
/// can name it.
#[inline(never)]
pub(crate) fn check_public_u(u: &[u8; 32]) -> Result<(), Error> {
    if bool::from(u.ct_eq(&[0u8; 32])) {
        return Err(Error::UZero);
    }
    Ok(())
}

/// Refuses an empty or oversized `SECRET_BLOCK`, as the strict decoder does.
fn check_secret_block_size(secret_block: &str) -> Result<(), Error> {
    if secret_block.is_empty() {
        return Err(Error::EmptyInput {
            field: "SECRET_BLOCK",
        });
    }
    if secret_block.len() > MAX_SECRET_BLOCK_CHARS {
        return Err(Error::TooLarge {
            field: "SECRET_BLOCK",
            max: MAX_SECRET_BLOCK_CHARS,
        });
    }
    Ok(())
}

/// Refuses an empty or oversized salt (bytes).
pub(crate) fn check_salt(salt: &[u8]) -> Result<(), Error> {
    if salt.is_empty() {
        return Err(Error::EmptyInput { field: "salt" });
    }
    if salt.len() > MAX_SALT_DIGITS / 2 {
        return Err(Error::TooLarge {
            field: "salt",
            max: MAX_SALT_DIGITS / 2,
        });
    }
    Ok(())
}

/// Checks an identity string against the crate's limits.
pub(crate) fn check_identity(field: &'static str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::EmptyInput { field });
    }
    if value.len() > MAX_IDENTITY_BYTES {
        return Err(Error::TooLarge {
            field,
            max: MAX_IDENTITY_BYTES,
        });
    }
    Ok(())
}

/// `x = H(padHex(salt) ‖ H(realm ‖ user ‖ ":" ‖ password))`.
pub(crate) fn private_key_x(salt: &[u8], id: &Identity<'_>) -> Zeroizing<[u8; 32]> {
    let mut inner = Sha256::new();
    inner.update(id.realm.as_bytes());
    inner.update(id.user.as_bytes());
    inner.update(b":");
    inner.update(id.password);
    let inner = Zeroizing::new(<[u8; 32]>::from(inner.finalize()));
    let mut outer = Sha256::new();
    outer.update(&*pad_vartime(salt));
    outer.update(&inner[..]);
    Zeroizing::new(outer.finalize().into())
}

/// `u = H(padHex(A) ‖ padHex(B))`, with `B` as sent (not reduced mod `N`).
pub(crate) fn scrambler_u(a_padded: &[u8], b: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(a_padded);
    h.update(&*pad_vartime(b));
    h.finalize().into()
}

/// `HKDF-SHA256(ikm, salt, info = "Caldera Derived Key")`, first 16 bytes (one block:
/// `HMAC(HMAC(salt, ikm), info ‖ 0x01)[..16]`).
pub(crate) fn hkdf_16(ikm: &[u8], salt: &[u8]) -> Zeroizing<[u8; 16]> {
    let hk = Hkdf::<Sha256>::new(Some(salt), ikm);
    let mut key = Zeroizing::new([0u8; 16]);
    hk.expand(HKDF_INFO, &mut key[..])
        .expect("16 bytes is below HKDF-SHA256's 8160-byte limit: expand cannot fail");
    key
}

/// The SRP session key once the server's `B` is known: `u` and the key `K` (and, with the
/// feature `hazmat`, the secrets `x` and `S` it came from), from which a claim is signed.
/// (Not Cognito's `Session` parameter, which [`crate::SignIn::session`] carries.)
///
/// Wiped on drop; `Debug` shows only `u`; not `Clone`.
pub struct SessionKey {
    u: [u8; 32],
    #[cfg(feature = "hazmat")]
    x: Zeroizing<[u8; 32]>,
    #[cfg(feature = "hazmat")]
    s: Zeroizing<Vec<u8>>,
    key: Zeroizing<[u8; 16]>,
    realm: String,
    user: String,
}

impl SessionKey {
    /// The user's session for a PASSWORD_VERIFIER challenge: `x` from the pool name,
    /// `USER_ID_FOR_SRP` and the password; `SALT` and `SRP_B` as the challenge sends them.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for an empty or oversized user id, `SALT`
    /// or `SRP_B`; [`Error::BadHex`]; [`Error::BModNZero`]; [`Error::UZero`].
    pub fn user(
        a: EphemeralSecret,
        pool: &PoolId,
        user_id_for_srp: &str,
        password: &Password,
        salt: &str,
        srp_b: &str,
    ) -> Result<SessionKey, Error> {
        check_identity("USER_ID_FOR_SRP", user_id_for_srp)?;
        let id = Identity {
            realm: pool.name(),
            user: user_id_for_srp,
            password: password.bytes(),
        };
        SessionKey::derive(a, &id, &ServerValues { salt, srp_b })
    }

    /// A remembered device's session for a DEVICE_PASSWORD_VERIFIER challenge: the same
    /// computation with the device group key, the device key and the device password.
    ///
    /// # Errors
    /// As [`SessionKey::user`], for the device key and device group key.
    pub fn device(
        a: EphemeralSecret,
        device_group_key: &str,
        device_key: &str,
        device_password: &DevicePassword,
        salt: &str,
        srp_b: &str,
    ) -> Result<SessionKey, Error> {
        check_identity("DEVICE_GROUP_KEY", device_group_key)?;
        check_identity("DEVICE_KEY", device_key)?;
        let id = Identity {
            realm: device_group_key,
            user: device_key,
            password: device_password.bytes(),
        };
        SessionKey::derive(a, &id, &ServerValues { salt, srp_b })
    }

    /// Runs the client's side of SRP-6a for `id` against the server values.
    ///
    /// `S = (B − k·g^x)^(a + u·x) mod N`; the base is reduced mod `N` (it may be negative,
    /// and `B` may be ≥ `N`).
    fn derive(
        a: EphemeralSecret,
        id: &Identity<'_>,
        server: &ServerValues<'_>,
    ) -> Result<SessionKey, Error> {
        let b = decode_hex("SRP_B", server.srp_b, MAX_SRP_B_DIGITS)?;
        let b_mod_n = engine::reduce(&b);
        if b_mod_n.is_zero() {
            return Err(Error::BModNZero);
        }
        let salt = decode_hex("SALT", server.salt, MAX_SALT_DIGITS)?;
        let u = scrambler_u(&a.a_padded, &b);
        check_public_u(&u)?;
        let x = private_key_x(&salt, id);
        // `S = (B − k·g^x)^(a + u·x) mod N`
        let s = engine::premaster_secret(&b_mod_n, &x[..], &a.a, &u);
        // `key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key")[..16]`
        let key = hkdf_16(&pad_vartime(&s), &pad_vartime(&u));
        Ok(SessionKey {
            u,
            #[cfg(feature = "hazmat")]
            x,
            #[cfg(feature = "hazmat")]
            s,
            key,
            realm: id.realm.to_owned(),
            user: id.user.to_owned(),
        })
    }

    /// `signature = base64(HMAC-SHA256(key, realm ‖ user ‖ base64dec(SECRET_BLOCK) ‖ TIMESTAMP))`:
    /// the claim that answers PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER.
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::TooLarge`] or [`Error::BadBase64`] for the secret block.
    pub fn claim(&self, secret_block: &str, timestamp: &Timestamp) -> Result<PasswordClaim, Error> {
        self.claim_with(secret_block, timestamp, SecretBlockDecoding::Strict)
    }

    /// [`SessionKey::claim`], reading `SECRET_BLOCK` as `decoding` says:
    /// [`SecretBlockDecoding::Lenient`] for local emulators whose `SECRET_BLOCK` is not
    /// base64.
    ///
    /// # Errors
    /// As [`SessionKey::claim`].
    pub fn claim_with(
        &self,
        secret_block: &str,
        timestamp: &Timestamp,
        decoding: SecretBlockDecoding,
    ) -> Result<PasswordClaim, Error> {
        let block = match decoding {
            SecretBlockDecoding::Strict => {
                decode_base64("SECRET_BLOCK", secret_block, MAX_SECRET_BLOCK_CHARS)?
            }
            SecretBlockDecoding::Lenient => {
                check_secret_block_size(secret_block)?;
                Zeroizing::new(decode_lenient("SECRET_BLOCK", secret_block)?)
            }
        };
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key[..])
            .map_err(|_| Error::EmptyInput { field: "key" })?;
        mac.update(self.realm.as_bytes());
        mac.update(self.user.as_bytes());
        mac.update(&block);
        mac.update(timestamp.as_str().as_bytes());
        Ok(PasswordClaim {
            signature: encode_base64(&mac.finalize().into_bytes()),
            secret_block: secret_block.to_owned(),
            timestamp: timestamp.clone(),
        })
    }

    /// `u` as lowercase hex without leading zeros (public: both sides can compute it).
    #[must_use]
    pub fn u_hex(&self) -> String {
        number_to_hex_vartime(&self.u).to_string()
    }

    /// `x` as lowercase hex without leading zeros. A password equivalent: for test vectors.
    #[cfg(feature = "hazmat")]
    #[must_use]
    pub fn expose_x_hex(&self) -> Zeroizing<String> {
        number_to_hex_vartime(&self.x[..])
    }

    /// `S` as lowercase hex without leading zeros. Secret: for test vectors.
    #[cfg(feature = "hazmat")]
    #[must_use]
    pub fn expose_s_hex(&self) -> Zeroizing<String> {
        number_to_hex_vartime(&self.s)
    }

    /// The 16-byte session key as hex. Secret: for test vectors.
    #[cfg(feature = "hazmat")]
    #[must_use]
    pub fn expose_key_hex(&self) -> Zeroizing<String> {
        bytes_to_hex(&self.key[..])
    }
}

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionKey")
            .field("u", &self.u_hex())
            .finish_non_exhaustive() // avoids printing x, S and the key
    }
}

impl ZeroizeOnDrop for SessionKey {}

/// Checks `0 < value < N` for a full-length value: for tests of the group's public values.
#[cfg(test)]
pub(crate) fn in_group(value: &[u8]) -> bool {
    value.len() == crate::group::N.len()
        && value < &crate::group::N[..]
        && value.iter().any(|&b| b != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range() {
        assert_eq!(
            EphemeralSecret::from_bytes(&[]).err(),
            Some(Error::AOutOfRange)
        );
        assert_eq!(
            EphemeralSecret::from_bytes(&[0, 0]).err(),
            Some(Error::AOutOfRange)
        );
        assert_eq!(
            EphemeralSecret::from_bytes(&[1; MAX_A_BYTES + 1]).err(),
            Some(Error::AOutOfRange)
        );
        assert!(EphemeralSecret::from_bytes(&[1; MAX_A_BYTES]).is_ok());
        assert_eq!(
            EphemeralSecret::from_hex(&"1".repeat(2 * MAX_A_BYTES + 1)).err(),
            Some(Error::AOutOfRange)
        );
        assert_eq!(
            EphemeralSecret::from_hex("").err(),
            Some(Error::EmptyInput { field: "a" })
        );
        assert_eq!(
            EphemeralSecret::from_hex("0x1").err(),
            Some(Error::BadHex { field: "a" })
        );
        assert_eq!(
            EphemeralSecret::from_hex("2").unwrap().srp_a().as_str(),
            "4"
        );
    }

    #[test]
    fn random_a_is_128_bytes_and_debug_hides_it() {
        let eph = EphemeralSecret::random().unwrap();
        assert_eq!(eph.a.len(), RANDOM_A_BYTES);
        let big_a = decode_hex("A", eph.srp_a().as_str(), 768).unwrap();
        let mut full = vec![0u8; 384 - big_a.len()];
        full.extend_from_slice(&big_a);
        assert!(in_group(&full));
        let shown = format!("{eph:?}");
        assert!(!shown.contains(&*bytes_to_hex(&eph.a)));
        assert!(shown.contains(eph.srp_a().as_str()));
    }
}
