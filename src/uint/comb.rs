//! Fixed-base exponentiation with a precomputed comb (Lim–Lee, one table).
//!
//! For a base `g` and exponents of at most `TEETH·d` bits, the table holds, for every
//! 8-bit `j`, `T[j] = Π g^(2^(i·d))` over the bits `i` set in `j`. Then
//! `g^e = Π_c (…)²·T[e_c]`, column `c` running from `d − 1` down to 0 and `e_c` gathering
//! bits `c, c + d, …, c + 7d` of `e`: `d` squarings and `d` multiplications, against about
//! `8d` squarings for a window method.

use super::Field;
use super::pow::bit;

/// Bits gathered per column: a table of 256 entries.
const TEETH: usize = 8;

/// A comb table for one base and one exponent size.
pub(crate) struct Comb<F: Field> {
    /// Columns: the table covers exponents of up to `TEETH·spacing` bits.
    spacing: usize,
    table: Box<[F::Elem]>,
}

impl<F: Field> Comb<F> {
    /// The table for `base` and exponents of at most `max_bits` bits (variable-time in
    /// `base`, which must be public).
    pub(crate) fn new(p: &F, base: &F::Elem, max_bits: usize) -> Self {
        let spacing = max_bits.div_ceil(TEETH).max(1);
        // teeth[i] = base^(2^(i·spacing))
        let mut teeth = [*base; TEETH];
        for i in 1..TEETH {
            teeth[i] = teeth[i - 1];
            for _ in 0..spacing {
                teeth[i] = p.square(&teeth[i]);
            }
        }
        let mut table = vec![p.one(); 1 << TEETH].into_boxed_slice();
        for j in 1..table.len() {
            let lowest = j.trailing_zeros() as usize;
            table[j] = p.mul(&table[j & (j - 1)], &teeth[lowest]);
        }
        Comb { spacing, table }
    }

    /// The largest exponent size the table covers, in bits.
    pub(crate) fn max_bits(&self) -> usize {
        TEETH * self.spacing
    }

    /// The table's size in bytes.
    #[cfg(any(test, feature = "bench-internals"))]
    pub(crate) fn table_bytes(&self) -> usize {
        core::mem::size_of_val(&*self.table)
    }

    /// `base^exp mod N` for big-endian `exp` of at most `max_bits()` bits (`None` for a
    /// longer `exp`: the choice rests on its length only, never on its leading bytes).
    ///
    /// Constant-time in the value of `exp`: always `spacing` squarings, multiplications and
    /// full-table lookups, whatever the exponent's length.
    pub(crate) fn pow(&self, p: &F, exp: &[u8]) -> Option<F::Elem> {
        if 8 * exp.len() > self.max_bits() {
            return None;
        }
        let column = |c: usize| -> u64 {
            (0..TEETH).fold(0, |acc, i| acc | (bit(exp, c + i * self.spacing) << i))
        };
        let top = self.spacing - 1;
        let mut acc = F::lookup(&self.table, column(top));
        for c in (0..top).rev() {
            acc = p.square(&acc);
            acc = p.mul(&acc, &F::lookup(&self.table, column(c)));
        }
        Some(acc)
    }
}
