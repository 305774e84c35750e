//! The straightforward implementation of the same protocol steps, on num-bigint:
//! variable-time, kept as the reference that differential tests compare the constant-time
//! engine with, and as the baseline of the benchmarks and `srp-cognito speed`.
//!
//! NOTE: every function here is variable-time (num-bigint's `modpow` and division branch
//! on and index by their operands, and keep temporaries that cannot be wiped). Never use
//! it for a real sign-in.

use num_bigint::BigUint;
use num_traits::Zero;
use zeroize::Zeroizing;

use crate::arith::GroupArith;
use crate::group::{G, N};
use crate::{
    Challenge, DevicePassword, DeviceVerifier, EphemeralSecret, Error, Password, PasswordClaim,
    PoolId, RememberedDevice, Session, Timestamp,
};

/// A `BigUint` whose digits are overwritten with zeros when dropped (best effort:
/// num-bigint's own temporaries are out of reach).
struct Wiped(BigUint);

impl Wiped {
    fn from_be(be: &[u8]) -> Self {
        Wiped(BigUint::from_bytes_be(be))
    }
}

impl Drop for Wiped {
    fn drop(&mut self) {
        let digits = usize::try_from(self.0.bits().div_ceil(32)).unwrap_or(0);
        // `assign_from_slice` clears and refills the same buffer: the old digits are
        // overwritten by zeros before the value is normalised to zero.
        self.0.assign_from_slice(&vec![0u32; digits]);
    }
}

/// The group arithmetic on num-bigint.
pub(crate) struct Reference;

fn n() -> BigUint {
    BigUint::from_bytes_be(&N)
}

/// `v mod N` as 384 big-endian bytes.
fn to_bytes(v: &BigUint) -> Zeroizing<Vec<u8>> {
    let digits = Zeroizing::new(v.to_bytes_be());
    let mut out = Zeroizing::new(vec![0u8; N.len()]);
    out[N.len() - digits.len()..].copy_from_slice(&digits);
    out
}

impl GroupArith for Reference {
    fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>> {
        let r = Wiped(BigUint::from_bytes_be(&G).modpow(&Wiped::from_be(e).0, &n()));
        to_bytes(&r.0)
    }

    fn is_zero_mod_n(b: &[u8]) -> bool {
        (&Wiped::from_be(b).0 % n()).is_zero()
    }

    fn premaster_secret(b: &[u8], k: &[u8], x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>> {
        let n = n();
        let gx = Wiped(BigUint::from_bytes_be(&G).modpow(&Wiped::from_be(x).0, &n));
        let kgx = Wiped(&Wiped::from_be(k).0 * &gx.0 % &n);
        // (B − k·g^x) mod N, kept non-negative by adding N first.
        let base = Wiped((&Wiped::from_be(b).0 % &n + &n - &kgx.0) % &n);
        let ux = Wiped(&Wiped::from_be(u).0 * &Wiped::from_be(x).0);
        let exponent = Wiped(&Wiped::from_be(a).0 + &ux.0);
        let s = Wiped(base.0.modpow(&exponent.0, &n));
        to_bytes(&s.0)
    }
}

/// [`EphemeralSecret::from_bytes`], with `A` computed by num-bigint.
///
/// # Errors
/// As [`EphemeralSecret::from_bytes`].
pub fn ephemeral_vartime(a: &[u8]) -> Result<EphemeralSecret, Error> {
    EphemeralSecret::from_bytes_in::<Reference>(a)
}

/// [`Challenge::password_claim`], computed by num-bigint.
///
/// # Errors
/// As [`Challenge::password_claim`].
pub fn password_claim_vartime(
    challenge: &Challenge,
    a: EphemeralSecret,
    pool: &PoolId,
    password: &Password,
    timestamp: &Timestamp,
) -> Result<PasswordClaim, Error> {
    challenge.password_claim_in::<Reference>(a, pool, password, timestamp)
}

/// [`Challenge::device_password_claim`], computed by num-bigint.
///
/// # Errors
/// As [`Challenge::device_password_claim`].
pub fn device_password_claim_vartime(
    challenge: &Challenge,
    a: EphemeralSecret,
    device: &RememberedDevice,
    timestamp: &Timestamp,
) -> Result<PasswordClaim, Error> {
    challenge.device_password_claim_in::<Reference>(a, device, timestamp)
}

/// [`Session::user`], computed by num-bigint.
///
/// # Errors
/// As [`Session::user`].
pub fn session_user_vartime(
    a: EphemeralSecret,
    pool: &PoolId,
    user_id_for_srp: &str,
    password: &Password,
    salt: &str,
    srp_b: &str,
) -> Result<Session, Error> {
    Session::user_in::<Reference>(a, pool, user_id_for_srp, password, salt, srp_b)
}

/// [`DeviceVerifier::from_parts`], computed by num-bigint.
///
/// # Errors
/// As [`DeviceVerifier::from_parts`].
pub fn device_verifier_vartime(
    device_group_key: &str,
    device_key: &str,
    device_password: DevicePassword,
    salt: &[u8],
) -> Result<DeviceVerifier, Error> {
    DeviceVerifier::from_parts_in::<Reference>(device_group_key, device_key, device_password, salt)
}
