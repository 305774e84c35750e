//! Fixed-base exponentiation with precomputed comb tables (Lim–Lee).
//!
//! An exponent of at most `t` bits is written as `TEETH` (the field's `COMB_TEETH`) rows of `a = ⌈t/TEETH⌉` bits,
//! each row cut into `BLOCKS` blocks of `b = ⌈a/BLOCKS⌉` columns. Block `s` has a table of
//! `2^TEETH` entries, `G[s][j] = Π g^(2^(i·a + s·b))` over the bits `i` set in `j`. Then
//! `g^e = Π_c (…)² · Π_s G[s][e_{s,c}]`, column `c` running from `b − 1` down to 0 and
//! `e_{s,c}` gathering bits `i·a + s·b + c` of `e`: `b − 1` squarings and `BLOCKS·b`
//! multiplications and table lookups, against about `t` squarings for a window method.
//! For `t = 1024` and 6 teeth: 85 squarings and 172 multiplications, with two 64-entry
//! tables.

use super::Field;
use super::pow::bit;

/// Tables per exponent size: halves the squarings.
const BLOCKS: usize = 2;

/// Comb tables for one base and one exponent size.
pub(crate) struct Comb<F: Field> {
    /// Bits per row: `row` bits apart, the teeth.
    row: usize,
    /// Columns per block.
    block: usize,
    /// `BLOCKS` tables of `2^TEETH` entries, one after the other.
    table: Box<[F::Elem]>,
}

impl<F: Field> Comb<F> {
    /// The tables for `base` and exponents of at most `max_bits` bits (variable-time in
    /// `base`, which must be public).
    pub(crate) fn new(p: &F, base: &F::Elem, max_bits: usize) -> Self {
        const { assert!(F::COMB_TEETH >= 1 && F::COMB_TEETH <= 8) };
        let teeth_n = F::COMB_TEETH;
        let row = max_bits.div_ceil(teeth_n).max(1);
        let block = row.div_ceil(BLOCKS);
        // teeth[s][i] = base^(2^(i·row + s·block)), by squaring up through the positions.
        let mut positions: Vec<(usize, usize, usize)> = (0..BLOCKS)
            .flat_map(|s| (0..teeth_n).map(move |i| (i * row + s * block, s, i)))
            .collect();
        positions.sort_unstable();
        let mut teeth = vec![vec![*base; teeth_n]; BLOCKS];
        let (mut x, mut at) = (*base, 0);
        for (position, s, i) in positions {
            while at < position {
                x = p.square(&x);
                at += 1;
            }
            teeth[s][i] = x;
        }
        let entries = 1 << teeth_n;
        let mut table = vec![p.one(); BLOCKS * entries].into_boxed_slice();
        for (s, teeth) in teeth.iter().enumerate() {
            for j in 1..entries {
                let lowest = j.trailing_zeros() as usize;
                table[s * entries + j] = p.mul(&table[s * entries + (j & (j - 1))], &teeth[lowest]);
            }
        }
        Comb { row, block, table }
    }

    /// The largest exponent size the tables cover, in bits.
    pub(crate) fn max_bits(&self) -> usize {
        F::COMB_TEETH * self.row
    }

    /// The tables' size in bytes.
    #[cfg(any(test, feature = "bench-internals"))]
    pub(crate) fn table_bytes(&self) -> usize {
        size_of_val(&*self.table)
    }

    /// `base^exp mod N` for big-endian `exp` of at most `max_bits()` bits (`None` for a
    /// longer `exp`: the choice rests on its length only, never on its leading bytes).
    ///
    /// Constant-time in the value of `exp`: always the same squarings, multiplications and
    /// full-table lookups, whatever the exponent.
    pub(crate) fn pow(&self, p: &F, exp: &[u8]) -> Option<F::Elem> {
        if 8 * exp.len() > self.max_bits() {
            return None;
        }
        let entries = 1 << F::COMB_TEETH;
        let index = |s: usize, c: usize| -> u64 {
            let column = s * self.block + c;
            if column >= self.row {
                return 0; // past the row's end (public positions)
            }
            (0..F::COMB_TEETH).fold(0, |acc, i| acc | (bit(exp, i * self.row + column) << i))
        };
        let mut acc = p.one();
        for c in (0..self.block).rev() {
            if c + 1 < self.block {
                acc = p.square(&acc);
            }
            for (s, table) in self.table.chunks_exact(entries).enumerate() {
                acc = p.mul(&acc, &p.lookup(table, index(s, c)));
            }
        }
        Some(acc)
    }
}
