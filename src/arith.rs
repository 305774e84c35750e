//! The arithmetic under the engine: fixed-size unsigned integers of `L` 64-bit limbs
//! (little-endian, [`Uint`]), the constant-time helpers, the [`Field`] / [`Domain`] traits
//! every backend implements, and the backends themselves, one file each: `mont.rs`
//! (portable, 64-bit limbs), `mont32.rs` (portable32, 31-bit limbs in 32-bit words, the
//! default on wasm32), `ifma.rs` (AVX-512 IFMA, radix 2^52), with `pow.rs` (the fixed
//! window) and `comb.rs` (Lim–Lee combs for `g`) generic over them; on wasm32 with the
//! hidden `host-bigint` feature, `host.rs` (the JavaScript host's `BigInt` products).
//!
//! Nothing here branches on, or indexes memory by, a limb's value: only the sizes (the
//! const `L`, slice lengths) steer control flow.

pub(crate) mod comb;
#[cfg(test)]
mod differential;
#[cfg(all(target_arch = "wasm32", feature = "host-bigint"))]
pub(crate) mod host;
#[cfg(target_arch = "x86_64")]
pub(crate) mod ifma;
pub(crate) mod mont;
pub(crate) mod mont32;
pub(crate) mod pow;

use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

/// What the exponentiations need of a Montgomery-style domain: implemented by the
/// portable [`mont::MontParams`] and by the AVX-512 IFMA backend.
pub(crate) trait Field {
    /// An element of the domain.
    type Elem: Copy + Zeroize;
    /// One, in the domain.
    fn one(&self) -> Self::Elem;
    /// `a·b`, in the domain.
    fn mul(&self, a: &Self::Elem, b: &Self::Elem) -> Self::Elem;
    /// `a²`, in the domain.
    fn square(&self, a: &Self::Elem) -> Self::Elem;
    /// `table[index]`, reading every entry (no memory access depends on `index`).
    fn lookup(&self, table: &[Self::Elem], index: u64) -> Self::Elem;

    /// Bits per window of [`pow::pow`] (tables of `2^WINDOW` entries, at most
    /// [`pow::MAX_WINDOW`]): 5 where a multiplication costs far more than reading a table.
    const WINDOW: usize = 5;
    /// Bits a [`comb::Comb`] lookup gathers (tables of `2^COMB_TEETH` entries).
    const COMB_TEETH: usize = 6;
}

/// A [`Field`] for the 3072-bit group that plain values enter and leave, with the
/// additive operations the protocol needs (`B − k·g^x`, `k·v + g^b`).
pub(crate) trait Domain: Field {
    /// `x mod N` into the domain, for any `x < 2^3072`.
    fn enter(&self, x: &Uint<48>) -> Self::Elem;
    /// The element's value, fully reduced (`< N`).
    fn leave(&self, x: &Self::Elem) -> Uint<48>;
    /// `(a + b) mod N`, in the domain.
    fn add(&self, a: &Self::Elem, b: &Self::Elem) -> Self::Elem;
    /// `(a − b) mod N`, in the domain.
    fn sub(&self, a: &Self::Elem, b: &Self::Elem) -> Self::Elem;
}

/// An unsigned integer of `L` 64-bit limbs, least significant first.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Uint<const L: usize>(pub(crate) [u64; L]);

impl<const L: usize> Uint<L> {
    pub(crate) const ZERO: Self = Uint([0; L]);

    /// The value of big-endian `bytes`, at most `8·L` of them: for constants (a longer
    /// array fails the build where the constant is made).
    pub(crate) const fn from_be_array<const B: usize>(bytes: &[u8; B]) -> Self {
        assert!(B <= 8 * L, "more bytes than limbs");
        let mut limbs = [0u64; L];
        let mut i = 0;
        while i < B {
            limbs[i / 8] |= (bytes[B - 1 - i] as u64) << (8 * (i % 8));
            i += 1;
        }
        Uint(limbs)
    }

    /// `0 − self`, wrapped: `2^(64·L) − self` for a nonzero `self`. For constants.
    pub(crate) const fn wrapping_neg(&self) -> Self {
        let mut out = [0u64; L];
        let mut borrow = false;
        let mut i = 0;
        while i < L {
            let (d1, b1) = 0u64.overflowing_sub(self.0[i]);
            let (d2, b2) = d1.overflowing_sub(borrow as u64);
            out[i] = d2;
            borrow = b1 | b2;
            i += 1;
        }
        Uint(out)
    }

    /// The value of big-endian `bytes`, or `None` if it does not fit in `L` limbs
    /// (the check looks at the slice's length and leading bytes, not at the value's limbs).
    pub(crate) fn from_be_slice(bytes: &[u8]) -> Option<Self> {
        let excess = bytes.len().saturating_sub(8 * L);
        // Leading bytes beyond the capacity must be zero (public inputs only reach here
        // with such bytes; secret inputs always fit).
        if bytes[..excess].iter().any(|&b| b != 0) {
            return None;
        }
        let bytes = &bytes[excess..];
        let mut limbs = [0u64; L];
        for (i, &b) in bytes.iter().rev().enumerate() {
            limbs[i / 8] |= u64::from(b) << (8 * (i % 8));
        }
        Some(Uint(limbs))
    }

    /// Writes the value as `8·L` big-endian bytes into `out` (which must have that length).
    pub(crate) fn write_be(&self, out: &mut [u8]) {
        for (chunk, limb) in out.chunks_exact_mut(8).rev().zip(self.0.iter()) {
            chunk.copy_from_slice(&limb.to_be_bytes());
        }
    }

    /// `self + other`, and the carry out (0 or 1).
    pub(crate) fn add_carry(&self, other: &Self) -> (Self, u64) {
        let mut out = [0u64; L];
        let mut carry = 0u64;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let sum = u128::from(a) + u128::from(b) + u128::from(carry);
            *o = sum as u64;
            carry = (sum >> 64) as u64;
        }
        (Uint(out), carry)
    }

    /// `self − other`, and the borrow out (0 or 1).
    pub(crate) fn sub_borrow(&self, other: &Self) -> (Self, u64) {
        let mut out = [0u64; L];
        let mut borrow = 0u64;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let (d1, b1) = a.overflowing_sub(b);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *o = d2;
            borrow = u64::from(b1 | b2);
        }
        (Uint(out), borrow)
    }

    /// `(self + other) mod n` for `self, other < n`, in constant time.
    pub(crate) fn add_mod(&self, other: &Self, n: &Self) -> Self {
        let (sum, carry) = self.add_carry(other);
        let (diff, borrow) = sum.sub_borrow(n);
        // Keep the sum only when it did not carry out and is below n.
        let keep_sum = Choice::from(((carry ^ 1) & borrow & 1) as u8);
        Uint::select(keep_sum, &sum, &diff)
    }

    /// `(self − other) mod n` for `self, other < n`, in constant time.
    pub(crate) fn sub_mod(&self, other: &Self, n: &Self) -> Self {
        let (diff, borrow) = self.sub_borrow(other);
        let (wrapped, _) = diff.add_carry(n);
        Uint::select(Choice::from(borrow as u8), &wrapped, &diff)
    }

    /// Whether the value is zero, in constant time.
    pub(crate) fn ct_is_zero(&self) -> Choice {
        self.0.iter().fold(0u64, |acc, &l| acc | l).ct_eq(&0)
    }

    /// `a` if `choice` is true, else `b`. The mask goes through `Choice`, an optimization
    /// barrier: with a mask the compiler can see to be 0 or all ones, it turns this back
    /// into a branch and a conditional copy (valgrind's taint check caught exactly that).
    pub(crate) fn select(choice: Choice, a: &Self, b: &Self) -> Self {
        let mask = mask(choice);
        let mut out = [0u64; L];
        for ((o, &x), &y) in out.iter_mut().zip(&a.0).zip(&b.0) {
            *o = (x & mask) | (y & !mask);
        }
        Uint(out)
    }
}

impl<const L: usize> Zeroize for Uint<L> {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// All ones for a true `choice`, zero for a false one.
pub(crate) fn mask(choice: Choice) -> u64 {
    0u64.wrapping_sub(u64::from(choice.unwrap_u8()))
}

/// All ones when `x == y`, zero otherwise, in constant time.
pub(crate) fn eq_mask(x: u64, y: u64) -> u64 {
    mask(x.ct_eq(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let u = Uint::<2>::from_be_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap();
        assert_eq!(u.0, [0x0203_0405_0607_0809, 1]);
        let mut out = [0u8; 16];
        u.write_be(&mut out);
        assert_eq!(out[7..], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert!(Uint::<1>::from_be_slice(&[0, 0, 1, 2, 3, 4, 5, 6, 7, 8]).is_some());
        assert!(Uint::<1>::from_be_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 0]).is_none());
        assert!(Uint::<1>::from_be_slice(&[]).is_some_and(|u| u.0 == [0]));
    }

    #[test]
    fn add_sub_select() {
        let max = Uint::<2>([u64::MAX, u64::MAX]);
        let one = Uint::<2>([1, 0]);
        let (sum, carry) = max.add_carry(&one);
        assert_eq!((sum.0, carry), ([0, 0], 1));
        let (diff, borrow) = Uint::ZERO.sub_borrow(&one);
        assert_eq!((diff.0, borrow), (max.0, 1));
        assert_eq!(Uint::select(Choice::from(1), &max, &one).0, max.0);
        assert_eq!(Uint::select(Choice::from(0), &max, &one).0, one.0);
        assert!(bool::from(Uint::<2>::ZERO.ct_is_zero()));
        assert!(!bool::from(one.ct_is_zero()));
        assert_eq!((eq_mask(3, 3), eq_mask(3, 4)), (u64::MAX, 0));
    }
}
