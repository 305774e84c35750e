//! Montgomery arithmetic modulo an odd `N` of `L` limbs, `R = 2^(64·L)`.
//!
//! Values in the Montgomery domain (`x·R mod N`) have their own type, [`Mont`], so that a
//! value in the wrong domain does not compile. Multiplication and squaring use finely
//! integrated product scanning (FIPS): the product and the reduction are accumulated
//! column by column in a three-word accumulator, with no store in the inner loops; the
//! squaring computes each off-diagonal product once. Both run in constant time: loop
//! bounds depend on `L` only, and the final conditional subtraction is a masked select.

use subtle::Choice;
use zeroize::Zeroize;

use super::{Domain, Field, Uint, eq_mask};

/// A value `x·R mod N` in the Montgomery domain, fully reduced (`< N`).
///
/// Its field is private to this module: a `Mont` is made only by [`MontParams::to_mont`]
/// and the domain's operations, and read only through [`MontParams::retrieve`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mont<const L: usize>(Uint<L>);

impl<const L: usize> Mont<L> {
    /// The representation `x·R mod N` itself, for tests of the domain's invariants.
    #[cfg(test)]
    pub(crate) fn representation(&self) -> &Uint<L> {
        &self.0
    }
}

impl<const L: usize> Zeroize for Mont<L> {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// A column accumulator of three words: `lo` holds the low two, `hi` the third.
#[derive(Clone, Copy)]
struct Acc {
    lo: u128,
    hi: u64,
}

impl Acc {
    const ZERO: Acc = Acc { lo: 0, hi: 0 };

    /// `acc += a·b`.
    #[inline(always)]
    fn mac(&mut self, a: u64, b: u64) {
        let (sum, carry) = self.lo.overflowing_add(u128::from(a) * u128::from(b));
        self.lo = sum;
        self.hi = self.hi.wrapping_add(u64::from(carry));
    }

    /// `acc += other`.
    #[inline(always)]
    fn add(&mut self, other: Acc) {
        let (sum, carry) = self.lo.overflowing_add(other.lo);
        self.lo = sum;
        self.hi = self
            .hi
            .wrapping_add(other.hi)
            .wrapping_add(u64::from(carry));
    }

    /// `acc *= 2`.
    #[inline(always)]
    fn double(&mut self) {
        self.hi = (self.hi << 1) | (self.lo >> 127) as u64;
        self.lo <<= 1;
    }

    /// The low word.
    #[inline(always)]
    fn low(&self) -> u64 {
        self.lo as u64
    }

    /// Drops the low word: `acc >>= 64`.
    #[inline(always)]
    fn shift(&mut self) {
        self.lo = (self.lo >> 64) | (u128::from(self.hi) << 64);
        self.hi = 0;
    }
}

/// Column `i` of `a²`: `Σ a[j]·a[i−j]` over `from ≤ j < i − j`, doubled, plus `a[i/2]²` on
/// even columns (`from` is where `i − j` stops being a limb index).
#[inline(always)]
fn square_column<const L: usize>(a: &[u64; L], i: usize, from: usize) -> Acc {
    let mut d = Acc::ZERO;
    for j in from..i.div_ceil(2) {
        d.mac(a[j], a[i - j]);
    }
    d.double();
    if i.is_multiple_of(2) {
        d.mac(a[i / 2], a[i / 2]);
    }
    d
}

/// The constants of Montgomery arithmetic modulo one `N`.
pub(crate) struct MontParams<const L: usize> {
    n: Uint<L>,
    /// `−N⁻¹ mod 2^64`.
    n0: u64,
    /// `R² mod N`, to enter the domain.
    r2: Uint<L>,
    /// `R mod N`: one, in the domain.
    one: Mont<L>,
}

impl<const L: usize> MontParams<L> {
    /// The parameters for `n`, or `None` unless `n` is odd and its top limb is not zero.
    ///
    /// Variable-time in `n`, which is public.
    pub(crate) fn new(n: Uint<L>) -> Option<Self> {
        if L == 0 || n.0[0] & 1 == 0 || n.0[L - 1] == 0 {
            return None;
        }
        // Newton's iteration for N⁻¹ mod 2^64: each step doubles the correct bits.
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n.0[0].wrapping_mul(inv)));
        }
        // 2^k mod N by doubling: R mod N after 64·L doublings, R² mod N after 128·L.
        let mut r = Uint::<L>::ZERO;
        r.0[0] = 1;
        let mut one = Uint::ZERO;
        for step in 1..=128 * L {
            r = mod_double(&r, &n);
            if step == 64 * L {
                one = r;
            }
        }
        Some(MontParams {
            n,
            n0: inv.wrapping_neg(),
            r2: r,
            one: Mont(one),
        })
    }

    /// `x·R mod N`: enters the domain. Any `x < R` is accepted (and so reduced mod `N`).
    pub(crate) fn to_mont(&self, x: &Uint<L>) -> Mont<L> {
        self.mul(&Mont(*x), &Mont(self.r2))
    }

    /// `x mod N` for the `Mont` value `x·R`: leaves the domain.
    pub(crate) fn retrieve(&self, x: &Mont<L>) -> Uint<L> {
        let mut one = Uint::ZERO;
        one.0[0] = 1;
        self.mul(x, &Mont(one)).0
    }

    /// `x mod N` for any `x < R`.
    #[cfg(test)]
    pub(crate) fn reduce(&self, x: &Uint<L>) -> Uint<L> {
        self.retrieve(&self.to_mont(x))
    }

    /// `(a + b) mod N`, in the domain (`aR + bR = (a + b)R`).
    pub(crate) fn add(&self, a: &Mont<L>, b: &Mont<L>) -> Mont<L> {
        Mont(a.0.add_mod(&b.0, &self.n))
    }

    /// `(a − b) mod N`, in the domain.
    pub(crate) fn sub(&self, a: &Mont<L>, b: &Mont<L>) -> Mont<L> {
        Mont(a.0.sub_mod(&b.0, &self.n))
    }

    /// `a·b·R⁻¹ mod N`: Montgomery multiplication (FIPS). The products `a·b` and the
    /// reduction terms `m·N` of a column go to two accumulators, two independent chains.
    pub(crate) fn mul(&self, a: &Mont<L>, b: &Mont<L>) -> Mont<L> {
        let (a, b, n) = (&a.0.0, &b.0.0, &self.n.0);
        let mut m = [0u64; L];
        let mut out = [0u64; L];
        let mut t = Acc::ZERO;
        for i in 0..L {
            let mut r = Acc::ZERO;
            for j in 0..i {
                t.mac(a[j], b[i - j]);
                r.mac(m[j], n[i - j]);
            }
            t.mac(a[i], b[0]);
            t.add(r);
            let mi = t.low().wrapping_mul(self.n0);
            m[i] = mi;
            t.mac(mi, n[0]);
            t.shift();
        }
        for i in L..2 * L {
            let mut r = Acc::ZERO;
            for j in i + 1 - L..L {
                t.mac(a[j], b[i - j]);
                r.mac(m[j], n[i - j]);
            }
            t.add(r);
            out[i - L] = t.low();
            t.shift();
        }
        let result = self.subtract_n_if_needed(Uint(out), t.low());
        m.zeroize();
        out.zeroize();
        Mont(result)
    }

    /// `a²·R⁻¹ mod N`: Montgomery squaring (FIPS; each off-diagonal product once, in its
    /// own accumulator, then doubled).
    pub(crate) fn square(&self, a: &Mont<L>) -> Mont<L> {
        let (a, n) = (&a.0.0, &self.n.0);
        let mut m = [0u64; L];
        let mut out = [0u64; L];
        let mut t = Acc::ZERO;
        // Columns 0..L: the low half, where the m[i] are chosen.
        for i in 0..L {
            t.add(square_column(a, i, 0));
            for j in 0..i {
                t.mac(m[j], n[i - j]);
            }
            let mi = t.low().wrapping_mul(self.n0);
            m[i] = mi;
            t.mac(mi, n[0]);
            t.shift();
        }
        // Columns L..2L: the high half, the result.
        for i in L..2 * L {
            t.add(square_column(a, i, i + 1 - L));
            for j in i + 1 - L..L {
                t.mac(m[j], n[i - j]);
            }
            out[i - L] = t.low();
            t.shift();
        }
        let result = self.subtract_n_if_needed(Uint(out), t.low());
        m.zeroize();
        out.zeroize();
        Mont(result)
    }

    /// `x + 2^(64L)·hi − N` if that is not negative, else `x` (for `x + 2^(64L)·hi < 2N`).
    fn subtract_n_if_needed(&self, x: Uint<L>, hi: u64) -> Uint<L> {
        let (diff, borrow) = x.sub_borrow(&self.n);
        // Keep `x` only when there was no carry word and the subtraction borrowed.
        let keep_x = Choice::from(((hi ^ 1) & borrow & 1) as u8);
        Uint::select(keep_x, &x, &diff)
    }
}

impl<const L: usize> Field for MontParams<L> {
    type Elem = Mont<L>;

    fn one(&self) -> Mont<L> {
        self.one
    }

    fn mul(&self, a: &Mont<L>, b: &Mont<L>) -> Mont<L> {
        MontParams::mul(self, a, b)
    }

    fn square(&self, a: &Mont<L>) -> Mont<L> {
        MontParams::square(self, a)
    }

    fn lookup(&self, table: &[Mont<L>], index: u64) -> Mont<L> {
        let mut out = [0u64; L];
        for (k, entry) in (0u64..).zip(table) {
            let mask = eq_mask(k, index);
            for (o, &limb) in out.iter_mut().zip(&entry.0.0) {
                *o |= limb & mask;
            }
        }
        Mont(Uint(out))
    }
}

impl Domain for MontParams<48> {
    fn enter(&self, x: &Uint<48>) -> Mont<48> {
        self.to_mont(x)
    }

    fn leave(&self, x: &Mont<48>) -> Uint<48> {
        self.retrieve(x)
    }

    fn add(&self, a: &Mont<48>, b: &Mont<48>) -> Mont<48> {
        MontParams::add(self, a, b)
    }

    fn sub(&self, a: &Mont<48>, b: &Mont<48>) -> Mont<48> {
        MontParams::sub(self, a, b)
    }
}

/// `2x mod N` for `x < N` (used only to build the constants of a public modulus).
pub(crate) fn mod_double<const L: usize>(x: &Uint<L>, n: &Uint<L>) -> Uint<L> {
    let (twice, carry) = x.add_carry(x);
    let (diff, borrow) = twice.sub_borrow(n);
    let keep = Choice::from(((carry ^ 1) & borrow) as u8);
    Uint::select(keep, &twice, &diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small modulus in two limbs, checked against u128 arithmetic.
    #[test]
    fn two_limb_arithmetic_matches_u128() {
        // Odd, top limb set, and small enough that a + b and 2a stay below 2^128.
        let n_value: u128 = (1u128 << 126) + 0x1234_5678_9abc_def1;
        let n = Uint::<2>([n_value as u64, (n_value >> 64) as u64]);
        let p = MontParams::new(n).unwrap();
        let to = |v: u128| Uint::<2>([v as u64, (v >> 64) as u64]);
        let value = |u: &Uint<2>| u128::from(u.0[0]) | (u128::from(u.0[1]) << 64);
        let mulmod = |a: u128, b: u128| -> u128 {
            // Double-and-add: a·b mod n without overflow.
            let (mut acc, mut a, mut b) = (0u128, a % n_value, b);
            while b > 0 {
                if b & 1 == 1 {
                    acc = (acc + a) % n_value;
                }
                a = (a + a) % n_value;
                b >>= 1;
            }
            acc
        };
        let samples = [
            0u128,
            1,
            2,
            n_value - 1,
            n_value - 2,
            0xdead_beef << 70,
            n_value / 3,
        ];
        for &a in &samples {
            for &b in &samples {
                let (ma, mb) = (p.to_mont(&to(a)), p.to_mont(&to(b)));
                assert_eq!(
                    value(&p.retrieve(&p.mul(&ma, &mb))),
                    mulmod(a, b),
                    "{a:x}·{b:x}"
                );
                assert_eq!(value(&p.retrieve(&p.square(&ma))), mulmod(a, a), "{a:x}²");
                assert_eq!(value(&p.retrieve(&p.add(&ma, &mb))), (a + b) % n_value);
                assert_eq!(
                    value(&p.retrieve(&p.sub(&ma, &mb))),
                    (a + n_value - b) % n_value
                );
            }
        }
        assert_eq!(value(&p.reduce(&to(u128::MAX))), u128::MAX % n_value);
        assert!(MontParams::new(Uint::<2>([2, 1])).is_none(), "even");
        assert!(
            MontParams::new(Uint::<2>([3, 0])).is_none(),
            "top limb zero"
        );
    }
}
