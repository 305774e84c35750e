//! Modular arithmetic: the one place in the crate that does big-number math.
//!
//! The interface is deliberately narrow and byte-oriented (big-endian in, big-endian out)
//! so that this num-bigint implementation can be replaced by a constant-time engine
//! without touching the protocol code.
//!
//! NOTE: everything here is variable-time (num-bigint's `modpow` and division branch on
//! and index by the values), hence the `_vartime` names. num-bigint also keeps
//! temporaries that this module cannot wipe; the values it owns are wiped on drop.

use num_bigint::BigUint;
use num_traits::Zero;
use zeroize::Zeroizing;

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

/// An odd modulus `N`; values are big-endian bytes, results are `len()` bytes long.
pub(crate) struct Modulus {
    n: BigUint,
    len: usize,
}

impl Modulus {
    /// The modulus with big-endian bytes `n_be` (must be odd and > 1).
    pub(crate) fn from_be(n_be: &[u8]) -> Self {
        let n = BigUint::from_bytes_be(n_be);
        let len = usize::try_from(n.bits().div_ceil(8)).unwrap_or(usize::MAX);
        Modulus { n, len }
    }

    fn to_be(&self, v: &BigUint) -> Zeroizing<Vec<u8>> {
        let digits = Zeroizing::new(v.to_bytes_be());
        let mut out = Zeroizing::new(vec![0u8; self.len]);
        let start = self.len.saturating_sub(digits.len());
        out[start..].copy_from_slice(&digits[digits.len().saturating_sub(self.len)..]);
        out
    }

    /// Whether `x ≡ 0 (mod N)`.
    pub(crate) fn is_zero_mod_vartime(&self, x: &[u8]) -> bool {
        (&Wiped::from_be(x).0 % &self.n).is_zero()
    }

    /// `base^exp mod N`.
    pub(crate) fn pow_vartime(&self, base: &[u8], exp: &[u8]) -> Zeroizing<Vec<u8>> {
        let b = Wiped::from_be(base);
        let e = Wiped::from_be(exp);
        let r = Wiped(b.0.modpow(&e.0, &self.n));
        self.to_be(&r.0)
    }

    /// `a · b mod N`.
    pub(crate) fn mul_vartime(&self, a: &[u8], b: &[u8]) -> Zeroizing<Vec<u8>> {
        let p = Wiped(&Wiped::from_be(a).0 * &Wiped::from_be(b).0);
        let r = Wiped(&p.0 % &self.n);
        self.to_be(&r.0)
    }

    /// `(a + b) mod N` (RFC 5054's `B = k·v + g^b`, in the vector checker).
    #[cfg_attr(not(feature = "vectors"), allow(dead_code))]
    pub(crate) fn add_vartime(&self, a: &[u8], b: &[u8]) -> Zeroizing<Vec<u8>> {
        let s = Wiped(&Wiped::from_be(a).0 + &Wiped::from_be(b).0);
        let r = Wiped(&s.0 % &self.n);
        self.to_be(&r.0)
    }

    /// `(a − b) mod N`, the result in `[0, N)` even when `b > a`.
    pub(crate) fn sub_vartime(&self, a: &[u8], b: &[u8]) -> Zeroizing<Vec<u8>> {
        let a = Wiped(&Wiped::from_be(a).0 % &self.n);
        let b = Wiped(&Wiped::from_be(b).0 % &self.n);
        let r = Wiped((&a.0 + &self.n) - &b.0);
        let r = Wiped(&r.0 % &self.n);
        self.to_be(&r.0)
    }
}

/// `a + u·x` over the integers (no reduction), as minimal big-endian bytes.
pub(crate) fn mul_add_vartime(a: &[u8], u: &[u8], x: &[u8]) -> Zeroizing<Vec<u8>> {
    let ux = Wiped(&Wiped::from_be(u).0 * &Wiped::from_be(x).0);
    let r = Wiped(&Wiped::from_be(a).0 + &ux.0);
    Zeroizing::new(r.0.to_bytes_be())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_modulus() {
        let m = Modulus::from_be(&[23]);
        assert_eq!(&*m.pow_vartime(&[5], &[3]), &[10]); // 125 mod 23
        assert_eq!(&*m.sub_vartime(&[3], &[5]), &[21]);
        assert_eq!(&*m.sub_vartime(&[3], &[0, 28]), &[21]); // 28 ≡ 5
        assert_eq!(&*m.mul_vartime(&[7], &[8]), &[10]);
        assert_eq!(&*m.add_vartime(&[20], &[7]), &[4]);
        assert!(m.is_zero_mod_vartime(&[46]));
        assert!(m.is_zero_mod_vartime(&[]));
        assert!(!m.is_zero_mod_vartime(&[47]));
        assert_eq!(&*mul_add_vartime(&[1], &[0x10], &[0x10]), &[1, 1]);
    }
}
