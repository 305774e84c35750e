//! What a sign-in never needs: the arithmetic's backend and the group's modulus; with the
//! feature `hazmat`, the protocol's intermediates and encodings, for test vectors and tools.
//!
//! Nothing here is needed to sign in: [`crate::SignIn`] and the step-by-step types of
//! [`crate::steps`] keep `x`, `S` and the key inside types that are wiped on drop and
//! never printed. With the feature, this module hands them out, and the building blocks
//! that compute them, so that the vector harness can check every step; and it lets a
//! benchmark or a test choose the arithmetic backend for the whole process
//! (`select_backend`). Whatever it returns that is secret comes in a `Zeroizing` buffer;
//! keeping it secret from there on is the caller's job.
//!
//! The same feature adds `SessionKey::expose_x_hex`, `expose_s_hex` and `expose_key_hex`
//! to [`crate::steps::SessionKey`].

#[cfg(feature = "hazmat")]
use zeroize::Zeroizing;

#[cfg(feature = "hazmat")]
pub use crate::engine::select_backend;
pub use crate::engine::{Backend, backend};

/// The group's modulus `N`, big-endian: the 3072-bit MODP prime of RFC 3526 (`g = 2`).
pub const N: [u8; 384] = crate::group::N;

#[cfg(feature = "hazmat")]
use crate::Error;
#[cfg(feature = "hazmat")]
use crate::arith::Uint;
#[cfg(feature = "hazmat")]
use crate::arith::mont::{Mont, MontParams};
#[cfg(feature = "hazmat")]
use crate::arith::pow::pow;
#[cfg(feature = "hazmat")]
use crate::encoding;

/// Hex text to big-endian bytes, case-insensitive; an odd count of digits reads as if a
/// `0` led. Branch-free per digit: it reveals only the length and whether the text was
/// valid.
///
/// # Errors
/// [`Error::EmptyInput`], [`Error::TooLarge`] (over `max_digits`, checked before any
/// parsing) or [`Error::BadHex`], each naming `field`.
#[cfg(feature = "hazmat")]
pub fn decode_hex(
    field: &'static str,
    text: &str,
    max_digits: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    encoding::decode_hex(field, text, max_digits)
}

/// Lowercase hex of bytes, two digits each, branch-free per digit.
#[must_use]
#[cfg(feature = "hazmat")]
pub fn encode_hex(bytes: &[u8]) -> Zeroizing<String> {
    encoding::bytes_to_hex(bytes)
}

/// Lowercase hex of a big-endian number without leading zeros (`0` for zero), as
/// Cognito sends `SRP_B` and the SDKs send `SRP_A`.
///
/// NOTE: variable-time in the count of leading zero bytes of `be`, which its output's
/// length reveals anyway; the digits themselves are encoded branch-free.
#[must_use]
#[cfg(feature = "hazmat")]
pub fn number_to_hex_vartime(be: &[u8]) -> Zeroizing<String> {
    encoding::number_to_hex_vartime(be)
}

/// `padHex(n)` as bytes: the minimal big-endian bytes of `n` (one `00` for zero), with a
/// `00` in front when the top bit is set (Java's `BigInteger.toByteArray`).
///
/// NOTE: variable-time in the count of leading zero bytes of `n` and in its top bit, which
/// the output's length reveals anyway. For `S` this is the protocol's own leak: the length
/// of `padHex(S)` is hashed into the key.
#[must_use]
#[cfg(feature = "hazmat")]
pub fn pad_vartime(be: &[u8]) -> Zeroizing<Vec<u8>> {
    encoding::pad_vartime(be)
}

/// `u = H(padHex(A) ‖ padHex(B))`, with `A` and `B` as sent (not reduced mod `N`).
///
/// NOTE: variable-time in the leading zero bytes and top bits of `A` and `B` (both public).
#[must_use]
#[cfg(feature = "hazmat")]
pub fn scrambler_u_vartime(srp_a: &[u8], srp_b: &[u8]) -> [u8; 32] {
    crate::srp::scrambler_u(&encoding::pad_vartime(srp_a), srp_b)
}

/// `HKDF-SHA256(ikm, salt, info = "Caldera Derived Key")`, its first 16 bytes: the key
/// of the claim signature, with `ikm = padHex(S)` and `salt = padHex(u)`.
#[must_use]
#[cfg(feature = "hazmat")]
pub fn hkdf_key(ikm: &[u8], salt: &[u8]) -> Zeroizing<[u8; 16]> {
    crate::srp::hkdf_16(ikm, salt)
}

/// Limbs of RFC 5054's 1024-bit group.
#[cfg(feature = "hazmat")]
const RFC5054_LIMBS: usize = 16;

/// SRP-6a's arithmetic in a group of up to 1024 bits, as RFC 5054 Appendix B lays it out,
/// on this crate's Montgomery engine (16 limbs instead of 48). All values are big-endian
/// bytes; `k`, `x` and `u` are taken as given (the RFC hashes with SHA-1, not as Cognito
/// does).
///
/// Here to check the engine against the RFC's published vector.
///
/// NOTE: variable-time in `N` (the Montgomery constants are derived by plain arithmetic,
/// as for any public modulus); constant-time in the other values, like the rest of the
/// engine.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg(feature = "hazmat")]
pub struct Rfc5054 {
    /// `v = g^x mod N`.
    pub v: Vec<u8>,
    /// `A = g^a mod N`.
    pub big_a: Vec<u8>,
    /// `B = (k·v + g^b) mod N`.
    pub big_b: Vec<u8>,
    /// The client's `S = (B − k·g^x)^(a + u·x) mod N`.
    pub s_client: Vec<u8>,
    /// The server's `S = (A·v^u)^b mod N`.
    pub s_server: Vec<u8>,
}

/// Which input of [`rfc5054_vartime`] was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg(feature = "hazmat")]
pub struct Rfc5054Refusal {
    /// `N`, `g` or `k`.
    pub field: &'static str,
}

/// Computes [`Rfc5054`] from `N`, `g`, `k`, `x`, `u`, `a` and `b`.
///
/// # Errors
/// [`Rfc5054Refusal`] naming `N` when it is even or does not fill 16 limbs, or naming
/// `g` or `k` when they do not fit in them.
#[cfg(feature = "hazmat")]
pub fn rfc5054_vartime(
    n: &[u8],
    g: &[u8],
    k: &[u8],
    x: &[u8],
    u: &[u8],
    a: &[u8],
    b: &[u8],
) -> Result<Rfc5054, Rfc5054Refusal> {
    let p = Uint::<RFC5054_LIMBS>::from_be_slice(n)
        .and_then(MontParams::new)
        .ok_or(Rfc5054Refusal { field: "N" })?;
    let enter = |field: &'static str, value: &[u8]| {
        Uint::from_be_slice(value)
            .map(|v| p.to_mont(&v))
            .ok_or(Rfc5054Refusal { field })
    };
    let leave = |value: &Mont<RFC5054_LIMBS>| {
        let mut bytes = vec![0u8; 8 * RFC5054_LIMBS];
        p.retrieve(value).write_be(&mut bytes);
        bytes
    };
    let (g, k) = (enter("g", g)?, enter("k", k)?);
    // v = g^x, A = g^a, B = k·v + g^b
    let v = pow(&p, &g, x);
    let big_a = pow(&p, &g, a);
    let big_b = p.add(&p.mul(&k, &v), &pow(&p, &g, b));
    // client: S = (B − k·g^x)^(a + u·x); server: S = (A·v^u)^b
    let base = p.sub(&big_b, &p.mul(&k, &pow(&p, &g, x)));
    let s_client = pow(&p, &base, &crate::engine::mul_add(a, u, x));
    let s_server = pow(&p, &p.mul(&big_a, &pow(&p, &v, u)), b);
    Ok(Rfc5054 {
        v: leave(&v),
        big_a: leave(&big_a),
        big_b: leave(&big_b),
        s_client: leave(&s_client),
        s_server: leave(&s_server),
    })
}
