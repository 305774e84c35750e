//! The protocol's modular arithmetic in the Cognito group, behind one narrow interface.
//!
//! [`GroupArith`] is everything the protocol asks of big numbers: `g^e`, whether
//! `B ≡ 0 (mod N)`, and the premaster secret `S`. [`ConstantTime`] implements it on the
//! crate's fixed-size Montgomery engine ([`crate::uint`]); the num-bigint implementation in
//! [`crate::reference`] is kept as the reference for differential tests and benchmarks.

use std::sync::OnceLock;

use zeroize::{Zeroize, Zeroizing};

use crate::group::{G, N};
use crate::uint::Uint;
use crate::uint::comb::{Comb, small};
use crate::uint::mont::{Mont, MontParams};
use crate::uint::pow::pow;

/// Limbs of the 3072-bit group.
pub(crate) const LIMBS: usize = 48;

/// What the protocol needs of modular arithmetic modulo the Cognito group's `N`.
/// Inputs and outputs are big-endian bytes; outputs are `N`-sized (384 bytes).
pub(crate) trait GroupArith {
    /// `g^e mod N`.
    fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>>;

    /// Whether `b ≡ 0 (mod N)`. `b` is public; its length is at most 512 bytes.
    fn is_zero_mod_n(b: &[u8]) -> bool;

    /// `S = (B − k·g^x)^(a + u·x) mod N`, the base reduced mod `N`.
    fn premaster_secret(b: &[u8], k: &[u8], x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>>;
}

/// The constant-time engine: Montgomery arithmetic on 48 limbs, comb tables for `g`.
///
/// NOTE: what is public: the lengths of the inputs (so the bit length `8·len` of each
/// exponent), and `B`.
pub(crate) struct ConstantTime;

/// The engine's constants for the Cognito group, built on first use.
struct Engine {
    params: MontParams<LIMBS>,
    g: Mont<LIMBS>,
    /// `g^e` for exponents of up to 1024 bits (a 128-byte `a`).
    comb_a: OnceLock<Comb<LIMBS>>,
    /// `g^e` for exponents of up to 256 bits (`x`).
    comb_x: OnceLock<Comb<LIMBS>>,
}

/// Exponent sizes the two comb tables cover, in bits.
const COMB_A_BITS: usize = 1024;
const COMB_X_BITS: usize = 256;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let n = Uint::from_be_slice(&N).and_then(MontParams::new);
        // N is a constant odd 3072-bit prime: both steps succeed.
        let params = n.unwrap_or_else(|| unreachable!("N is odd and 3072 bits long"));
        let g = small(&params, u64::from(G[0]));
        Engine {
            params,
            g,
            comb_a: OnceLock::new(),
            comb_x: OnceLock::new(),
        }
    })
}

impl Engine {
    fn comb_a(&self) -> &Comb<LIMBS> {
        self.comb_a
            .get_or_init(|| Comb::new(&self.params, &self.g, COMB_A_BITS))
    }

    fn comb_x(&self) -> &Comb<LIMBS> {
        self.comb_x
            .get_or_init(|| Comb::new(&self.params, &self.g, COMB_X_BITS))
    }

    /// `g^e` in the domain: by comb when `e`'s length fits a table, else by window.
    fn pow_g(&self, e: &[u8]) -> Mont<LIMBS> {
        let p = &self.params;
        let by_comb = if 8 * e.len() <= COMB_X_BITS {
            self.comb_x().pow(p, e)
        } else if 8 * e.len() <= COMB_A_BITS {
            self.comb_a().pow(p, e)
        } else {
            None
        };
        by_comb.unwrap_or_else(|| pow(p, &self.g, e))
    }

    /// The value out of the domain, as 384 big-endian bytes.
    fn to_bytes(&self, x: &Mont<LIMBS>) -> Zeroizing<Vec<u8>> {
        let mut plain = self.params.retrieve(x);
        let mut out = Zeroizing::new(vec![0u8; 8 * LIMBS]);
        plain.write_be(&mut out);
        plain.zeroize();
        out
    }
}

/// The table memory of the engine's comb tables, in bytes (both built).
#[cfg(any(test, feature = "bench-internals"))]
pub(crate) fn comb_table_bytes() -> usize {
    let e = engine();
    e.comb_a().table_bytes() + e.comb_x().table_bytes()
}

impl GroupArith for ConstantTime {
    fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>> {
        let engine = engine();
        let mut r = engine.pow_g(e);
        let out = engine.to_bytes(&r);
        r.zeroize();
        out
    }

    fn is_zero_mod_n(b: &[u8]) -> bool {
        bool::from(engine().params.reduce_be(b).ct_is_zero())
    }

    fn premaster_secret(b: &[u8], k: &[u8], x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>> {
        let engine = engine();
        let p = &engine.params;
        let b = p.to_mont(&p.reduce_be(b));
        let k = p.to_mont(&p.reduce_be(k));
        let mut gx = engine.pow_g(x);
        let mut kgx = p.mul(&k, &gx);
        // (B − k·g^x)·R = B·R − k·g^x·R: the subtraction works in the domain.
        let mut base = Mont(p.sub(&b.0, &kgx.0));
        let exponent = mul_add(a, u, x);
        let mut s = pow(p, &base, &exponent);
        let out = engine.to_bytes(&s);
        for value in [&mut gx, &mut kgx, &mut base, &mut s] {
            value.zeroize();
        }
        out
    }
}

/// `a + u·x` in constant time, as big-endian bytes of the public length
/// `max(len(a), len(u) + len(x)) + 1`.
pub(crate) fn mul_add(a: &[u8], u: &[u8], x: &[u8]) -> Zeroizing<Vec<u8>> {
    let len = a.len().max(u.len() + x.len()) + 1;
    // Little-endian base-2^8 digits, accumulated in u32 columns (255² · 32 < 2^32 per
    // column for the 32-byte u and x of the protocol; u64 keeps any length safe).
    let mut columns = Zeroizing::new(vec![0u64; len]);
    for (i, &ui) in u.iter().rev().enumerate() {
        for (j, &xj) in x.iter().rev().enumerate() {
            columns[i + j] += u64::from(ui) * u64::from(xj);
        }
    }
    for (i, &ai) in a.iter().rev().enumerate() {
        columns[i] += u64::from(ai);
    }
    let mut out = Zeroizing::new(vec![0u8; len]);
    let mut carry = 0u64;
    for (i, column) in columns.iter().enumerate() {
        let value = column + carry;
        out[len - 1 - i] = value as u8;
        carry = value >> 8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul_add_small() {
        assert_eq!(&*mul_add(&[1], &[0x10], &[0x10]), &[0, 1, 1]);
        assert_eq!(&*mul_add(&[0xff, 0xff], &[0xff], &[0xff]), &[1, 0xfe, 0]);
        assert_eq!(&*mul_add(&[], &[], &[]), &[0]);
    }
}
