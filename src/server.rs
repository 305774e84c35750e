//! The server half of Cognito's SRP (feature `server`): what a Cognito-compatible endpoint
//! stores, sends and checks, constant-time on secrets like the client half.
//!
//! | server step | formula | sent as |
//! |---|---|---|
//! | [`Verifier::for_user`]: a user's record | `salt` 16 random bytes, `x = H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password))`, `v = g^x` | stored |
//! | [`Verifier::from_device_config`]: a device's record | `v` and `salt` as ConfirmDevice's `DeviceSecretVerifierConfig` carries them | stored |
//! | [`ServerSessionKey::user`] / [`ServerSessionKey::device`]: the challenge | `b` random, `B = (k·v + g^b) mod N`, `u = H(padHex(A) ‖ padHex(B))`, `S = (A·v^u)^b`, `key = HKDF(padHex(S), padHex(u))[..16]` | `SRP_B`, `SALT` (lowercase hex, no padding), `SECRET_BLOCK` (base64) |
//! | [`ServerSessionKey::verify`]: the claim | `HMAC-SHA256(key, realm ‖ user ‖ block ‖ TIMESTAMP)` compared in constant time | tokens, or `NotAuthorizedException` |
//!
//! The session keeps only the key (wiped on drop), the realm and user it is for, and its
//! secret block: `b` and `S` are wiped as soon as the key is derived.
//!
//! ```
//! use srp_cognito::server::{ServerEphemeral, ServerSessionKey, Verifier};
//! use srp_cognito::steps::{Challenge};
//! use srp_cognito::{steps::EphemeralSecret, Password, PoolId, Timestamp};
//! use std::collections::HashMap;
//!
//! let pool = PoolId::parse("us-east-1_AbCdEf123")?;
//! // Sign-up: the server keeps the salt and the verifier, never the password.
//! let record = Verifier::for_user(&pool, "alice", &Password::new("correct horse"))?;
//!
//! // InitiateAuth: the client's SRP_A in, PASSWORD_VERIFIER out.
//! let a = EphemeralSecret::random()?;
//! let session = ServerSessionKey::user(ServerEphemeral::random()?, &record, &pool, "alice", a.srp_a().as_str())?;
//! let parameters = HashMap::from([
//!     ("USERNAME".to_owned(), "alice".to_owned()),
//!     ("USER_ID_FOR_SRP".to_owned(), "alice".to_owned()),
//!     ("SALT".to_owned(), session.salt().to_owned()),
//!     ("SRP_B".to_owned(), session.srp_b().to_owned()),
//!     ("SECRET_BLOCK".to_owned(), session.secret_block().to_owned()),
//! ]);
//!
//! // The client's claim, then the server's verdict.
//! let now = Timestamp::now()?;
//! let challenge = Challenge::new("PASSWORD_VERIFIER", parameters);
//! let claim = challenge.password_claim(a, &pool, &Password::new("correct horse"), &now)?;
//! session.verify(claim.secret_block(), claim.timestamp().as_str(), claim.signature(), &now, 300)?;
//! # Ok::<(), srp_cognito::Error>(())
//! ```

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use rand_core::CryptoRng;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::device::{DeviceGroupKey, DeviceKey};
use crate::encoding::{
    decode_base64, decode_hex, encode_base64, number_to_hex_vartime, pad_vartime,
    strip_leading_zeros_vartime,
};
use crate::engine;
use crate::limits::{MAX_SALT_DIGITS, MAX_SECRET_BLOCK_CHARS};
use crate::srp::{
    Identity, check_identity, check_public_u, check_salt, hkdf_16, private_key_x, scrambler_u,
};
use crate::{Error, Password, PoolId, Timestamp};

/// Bytes of a user's salt, as Cognito draws it.
const SALT_BYTES: usize = 16;
/// Bytes of the server's ephemeral secret `b`.
const B_BYTES: usize = 128;
/// Bytes of a fresh `SECRET_BLOCK`.
const SECRET_BLOCK_BYTES: usize = 64;
/// Hex digits of `SRP_A` accepted: `N`'s own count. A longer `SRP_A` is refused unparsed.
const MAX_SRP_A_DIGITS: usize = 2 * crate::group::N.len();
/// Characters of a base64 `PasswordVerifier` for a value below `N` (385 bytes with padHex).
const MAX_VERIFIER_CHARS: usize = 4 * (crate::group::N.len() + 1).div_ceil(3);
/// Characters of a claim's base64 signature (32 bytes).
const MAX_SIGNATURE_CHARS: usize = 64;

/// What a server stores for a user or a remembered device: the salt and the verifier
/// `v = g^x`. `v` is a password equivalent for an offline guessing attack: it is wiped on
/// drop and `Debug` does not show it.
pub struct Verifier {
    /// The salt's minimal big-endian bytes (public: sent as `SALT`).
    salt: Vec<u8>,
    /// `v`, 384 big-endian bytes.
    v: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("salt", &self.salt_hex())
            .field("v", &"<redacted>")
            .finish()
    }
}

impl Verifier {
    /// A user's record, with a fresh 16-byte salt from the operating system:
    /// `x = H(padHex(salt) ‖ H(poolName ‖ userIdForSrp ‖ ":" ‖ password))`, `v = g^x`.
    ///
    /// # Errors
    /// [`Error::Rng`]; as [`Verifier::for_user_with_salt`].
    pub fn for_user(
        pool: &PoolId,
        user_id_for_srp: &str,
        password: &Password,
    ) -> Result<Self, Error> {
        let mut salt = [0u8; SALT_BYTES];
        getrandom::fill(&mut salt).map_err(|_| Error::Rng)?;
        Self::for_user_with_salt(pool, user_id_for_srp, password, &salt)
    }

    /// [`Verifier::for_user`] with the salt drawn from `rng`.
    ///
    /// # Errors
    /// As [`Verifier::for_user_with_salt`].
    pub fn for_user_from_rng<R: CryptoRng + ?Sized>(
        pool: &PoolId,
        user_id_for_srp: &str,
        password: &Password,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let mut salt = [0u8; SALT_BYTES];
        rng.fill_bytes(&mut salt);
        Self::for_user_with_salt(pool, user_id_for_srp, password, &salt)
    }

    /// The deterministic entry point: a user's record for a given salt (big-endian bytes,
    /// read as a number as the SDKs read `SALT`).
    ///
    /// # Errors
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for the user id or the salt; an all-zero
    /// salt is refused as empty.
    pub fn for_user_with_salt(
        pool: &PoolId,
        user_id_for_srp: &str,
        password: &Password,
        salt: &[u8],
    ) -> Result<Self, Error> {
        check_identity("USER_ID_FOR_SRP", user_id_for_srp)?;
        let salt = minimal_salt(salt)?;
        let x = private_key_x(
            &salt,
            &Identity {
                realm: pool.name(),
                user: user_id_for_srp,
                password: password.bytes(),
            },
        );
        // `v = g^x mod N`
        let v = engine::pow_g(&x[..]);
        Ok(Verifier { salt, v })
    }

    /// A remembered device's record from ConfirmDevice's `DeviceSecretVerifierConfig`:
    /// `PasswordVerifier` and `Salt`, standard base64 of their big-endian bytes, as the AWS
    /// SDKs send them (with or without the padHex `00`).
    ///
    /// # Errors
    /// [`Error::EmptyInput`], [`Error::TooLarge`] or [`Error::BadBase64`] for either field;
    /// [`Error::BadVerifier`] for a verifier longer than 385 bytes or `≡ 0 (mod N)`.
    pub fn from_device_config(password_verifier: &str, salt: &str) -> Result<Self, Error> {
        let v = decode_base64("PasswordVerifier", password_verifier, MAX_VERIFIER_CHARS)?;
        let salt = decode_base64("Salt", salt, MAX_SALT_DIGITS)?;
        Self::from_parts(&salt, &v)
    }

    /// A stored record: the salt's and the verifier's big-endian bytes (`v` is read mod
    /// `N`, constant-time in its value; its length, at most 385 bytes with padHex's `00`,
    /// is public).
    ///
    /// # Errors
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for the salt; [`Error::BadVerifier`] for
    /// a verifier that is empty, longer than 385 bytes or `≡ 0 (mod N)`.
    pub fn from_parts(salt: &[u8], verifier: &[u8]) -> Result<Self, Error> {
        let salt = minimal_salt(salt)?;
        if verifier.is_empty() || verifier.len() > crate::group::N.len() + 1 {
            return Err(Error::BadVerifier);
        }
        let v = engine::reduce(verifier);
        refuse_zero_verifier(&v)?;
        Ok(Verifier {
            salt,
            v: v.to_be_bytes(),
        })
    }

    /// The salt's minimal big-endian bytes.
    #[must_use]
    pub fn salt_bytes(&self) -> &[u8] {
        &self.salt
    }

    /// `SALT` as Cognito sends it: lowercase hex without leading zeros.
    #[must_use]
    pub fn salt_hex(&self) -> String {
        number_to_hex_vartime(&self.salt).to_string()
    }

    /// `v`, 384 big-endian bytes, to store. Keep it as secret as a password hash.
    #[must_use]
    pub fn expose_verifier(&self) -> &[u8] {
        &self.v
    }
}

/// Refuses `v ≡ 0 (mod N)` (its `B` would be `g^b`, and any password would pass). The
/// verdict reveals only that this verifier is refused; out of line so that the
/// constant-time check (ct/ctgrind.supp) can name it.
#[inline(never)]
fn refuse_zero_verifier(v: &engine::Reduced) -> Result<(), Error> {
    if v.is_zero() {
        return Err(Error::BadVerifier);
    }
    Ok(())
}

/// The claim's verdict: the signature's bytes against the expected ones, in constant
/// time; only the verdict is revealed (out of line so that the constant-time check can
/// name its one branch).
#[inline(never)]
fn claim_verdict(claimed: &[u8], expected: &[u8; 32]) -> Result<(), Error> {
    // The length is public: 32 bytes for every well-formed signature.
    let same = claimed.len() == expected.len() && bool::from(claimed.ct_eq(&expected[..]));
    if same {
        Ok(())
    } else {
        Err(Error::ClaimRefused)
    }
}

/// The salt's minimal bytes; refuses an empty (or all-zero) or oversized salt.
fn minimal_salt(salt: &[u8]) -> Result<Vec<u8>, Error> {
    // The salt is public (sent as SALT).
    let salt = strip_leading_zeros_vartime(salt);
    check_salt(salt)?;
    Ok(salt.to_vec())
}

/// The server's ephemeral secret `b` and the `SECRET_BLOCK` of one challenge. Consumed by
/// the session it starts; wiped on drop; `Debug` shows neither; not `Clone`.
pub struct ServerEphemeral {
    b: Zeroizing<Vec<u8>>,
    secret_block: Vec<u8>,
}

impl fmt::Debug for ServerEphemeral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerEphemeral(<redacted>)")
    }
}

impl ServerEphemeral {
    /// 128 bytes of `b` and 64 bytes of secret block from the operating system.
    ///
    /// # Errors
    /// [`Error::Rng`] if the operating system gives no randomness.
    pub fn random() -> Result<Self, Error> {
        let mut bytes = Zeroizing::new([0u8; B_BYTES + SECRET_BLOCK_BYTES]);
        getrandom::fill(&mut bytes[..]).map_err(|_| Error::Rng)?;
        Self::from_random(&bytes[..])
    }

    /// [`ServerEphemeral::random`] from the given cryptographic RNG.
    ///
    /// # Errors
    /// Only if the RNG gives an all-zero `b` ([`Error::AOutOfRange`]).
    pub fn random_from_rng<R: CryptoRng + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        let mut bytes = Zeroizing::new([0u8; B_BYTES + SECRET_BLOCK_BYTES]);
        rng.fill_bytes(&mut bytes[..]);
        Self::from_random(&bytes[..])
    }

    fn from_random(bytes: &[u8]) -> Result<Self, Error> {
        let (b, block) = bytes.split_at(B_BYTES);
        Self::from_parts(b, block)
    }

    /// The deterministic entry point: a given `b` (1 to 1024 bytes, not zero) and secret
    /// block (1 to 12 KiB).
    ///
    /// # Errors
    /// [`Error::AOutOfRange`] for an empty, zero or oversized `b`; [`Error::EmptyInput`] /
    /// [`Error::TooLarge`] for the block.
    pub fn from_parts(b: &[u8], secret_block: &[u8]) -> Result<Self, Error> {
        if b.is_empty() || b.len() > crate::limits::MAX_A_BYTES {
            return Err(Error::AOutOfRange);
        }
        crate::srp::refuse_zero_a(b)?;
        if secret_block.is_empty() {
            return Err(Error::EmptyInput {
                field: "SECRET_BLOCK",
            });
        }
        if secret_block.len() > MAX_SECRET_BLOCK_CHARS / 4 * 3 {
            return Err(Error::TooLarge {
                field: "SECRET_BLOCK",
                max: MAX_SECRET_BLOCK_CHARS / 4 * 3,
            });
        }
        Ok(ServerEphemeral {
            b: Zeroizing::new(b.to_vec()),
            secret_block: secret_block.to_vec(),
        })
    }
}

/// One PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER challenge on the server: `SRP_B`,
/// `SALT` and `SECRET_BLOCK` to send, and the key that checks the claim.
///
/// The key is wiped on drop; `Debug` shows only the public values; not `Clone`.
pub struct ServerSessionKey {
    srp_b: String,
    salt: String,
    /// The block's bytes (what the claim signs) and its base64 text (what is sent).
    secret_block: Vec<u8>,
    secret_block_text: String,
    key: Zeroizing<[u8; 16]>,
    realm: String,
    user: String,
}

impl fmt::Debug for ServerSessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSessionKey")
            .field("realm", &self.realm)
            .field("user", &self.user)
            .field("srp_b", &self.srp_b)
            .field("salt", &self.salt)
            .field("key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl ServerSessionKey {
    /// The challenge answering a user's InitiateAuth (`SRP_A`), for the user's record:
    /// realm = the pool name, user = `USER_ID_FOR_SRP`.
    ///
    /// # Errors
    /// As [`ServerSessionKey::device`], for `USER_ID_FOR_SRP`.
    pub fn user(
        ephemeral: ServerEphemeral,
        verifier: &Verifier,
        pool: &PoolId,
        user_id_for_srp: &str,
        srp_a: &str,
    ) -> Result<Self, Error> {
        check_identity("USER_ID_FOR_SRP", user_id_for_srp)?;
        Self::start(ephemeral, verifier, pool.name(), user_id_for_srp, srp_a)
    }

    /// The challenge answering DEVICE_SRP_AUTH (`SRP_A`), for the device's record:
    /// realm = the device group key, user = the device key.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for a key or for `SRP_A` (longer than
    /// `N`'s 768 hex digits: refused before parsing); [`Error::BadHex`];
    /// [`Error::AModNZero`] for `A ≡ 0 (mod N)`; [`Error::UZero`].
    pub fn device(
        ephemeral: ServerEphemeral,
        verifier: &Verifier,
        device_group_key: &DeviceGroupKey,
        device_key: &DeviceKey,
        srp_a: &str,
    ) -> Result<Self, Error> {
        check_identity("DEVICE_GROUP_KEY", device_group_key)?;
        check_identity("DEVICE_KEY", device_key)?;
        Self::start(ephemeral, verifier, device_group_key, device_key, srp_a)
    }

    fn start(
        ephemeral: ServerEphemeral,
        verifier: &Verifier,
        realm: &str,
        user: &str,
        srp_a: &str,
    ) -> Result<Self, Error> {
        let big_a = decode_hex("SRP_A", srp_a, MAX_SRP_A_DIGITS)?;
        let a_mod_n = engine::reduce(&big_a);
        if a_mod_n.is_zero() {
            return Err(Error::AModNZero);
        }
        // `B = (k·v + g^b) mod N`
        let big_b = engine::server_b(&verifier.v, &ephemeral.b);
        // `u = H(padHex(A) ‖ padHex(B))`
        let u = scrambler_u(&pad_vartime(&big_a), &big_b);
        check_public_u(&u)?;
        // `S = (A·v^u)^b mod N`
        let s = engine::server_premaster_secret(&a_mod_n, &verifier.v, &u, &ephemeral.b);
        // `key = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key")[..16]`
        let key = hkdf_16(&pad_vartime(&s), &pad_vartime(&u));
        Ok(ServerSessionKey {
            srp_b: number_to_hex_vartime(&big_b).to_string(),
            salt: verifier.salt_hex(),
            secret_block_text: encode_base64(&ephemeral.secret_block),
            secret_block: ephemeral.secret_block,
            key,
            realm: realm.to_owned(),
            user: user.to_owned(),
        })
    }

    /// `SRP_B`: lowercase hex without leading zeros.
    #[must_use]
    pub fn srp_b(&self) -> &str {
        &self.srp_b
    }

    /// `SALT`: lowercase hex without leading zeros.
    #[must_use]
    pub fn salt(&self) -> &str {
        &self.salt
    }

    /// `SECRET_BLOCK`: standard base64.
    #[must_use]
    pub fn secret_block(&self) -> &str {
        &self.secret_block_text
    }

    /// Checks a claim (`PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`,
    /// `PASSWORD_CLAIM_SIGNATURE`) at the server's time `now`, allowing `max_skew_seconds`
    /// between the claim's clock and the server's:
    /// `signature = base64(HMAC-SHA256(key, realm ‖ user ‖ block ‖ TIMESTAMP))`, compared in
    /// constant time.
    ///
    /// # Errors
    /// [`Error::SecretBlockMismatch`] for another session's block (or one that is not
    /// base64); [`Error::BadTimestamp`] for a timestamp not in Cognito's exact form (a
    /// zero-padded day, a wrong weekday, another time zone); [`Error::TimestampSkew`];
    /// [`Error::ClaimRefused`] for any other signature (a wrong password among them).
    pub fn verify(
        &self,
        secret_block: &str,
        timestamp: &str,
        signature: &str,
        now: &Timestamp,
        max_skew_seconds: u32,
    ) -> Result<(), Error> {
        let block = decode_base64(
            "PASSWORD_CLAIM_SECRET_BLOCK",
            secret_block,
            MAX_SECRET_BLOCK_CHARS,
        )
        .map_err(|_| Error::SecretBlockMismatch)?;
        // The block is the server's own public value: a plain comparison.
        if block.as_slice() != self.secret_block.as_slice() {
            return Err(Error::SecretBlockMismatch);
        }
        let timestamp = Timestamp::parse(timestamp)?;
        if timestamp.unix_seconds().abs_diff(now.unix_seconds()) > u64::from(max_skew_seconds) {
            return Err(Error::TimestampSkew);
        }
        let claimed = decode_base64("PASSWORD_CLAIM_SIGNATURE", signature, MAX_SIGNATURE_CHARS)
            .map_err(|_| Error::ClaimRefused)?;
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key[..])
            .map_err(|_| Error::ClaimRefused)?;
        mac.update(self.realm.as_bytes());
        mac.update(self.user.as_bytes());
        mac.update(&block);
        mac.update(timestamp.as_str().as_bytes());
        let expected = Zeroizing::new(<[u8; 32]>::from(mac.finalize().into_bytes()));
        claim_verdict(&claimed, &expected)
    }
}
