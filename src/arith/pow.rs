//! Constant-time fixed-window exponentiation for a variable base.

use zeroize::Zeroize;

use super::Field;

/// Bits per window: a table of 32 powers, about one multiplication per 5 squarings.
pub(crate) const WINDOW: usize = 5;
const TABLE: usize = 1 << WINDOW;

/// Bit `position` (0 = least significant) of the big-endian number `be`; 0 past its end.
/// The position is public; the bit is read without a branch on its value.
pub(crate) fn bit(be: &[u8], position: usize) -> u64 {
    let byte = position / 8;
    if byte >= be.len() {
        return 0;
    }
    u64::from(be[be.len() - 1 - byte] >> (position % 8)) & 1
}

/// `base^exp mod N` for `base` in the domain and `exp` as big-endian bytes.
///
/// Constant-time in `base` and in the value of `exp`: the work depends only on
/// `exp.len()` (its bit length is taken as `8·exp.len()`, leading zeros included). No heap
/// allocation: the 32-entry table lives on the stack and is wiped after use.
pub(crate) fn pow<F: Field>(p: &F, base: &F::Elem, exp: &[u8]) -> F::Elem {
    let mut table = [p.one(); TABLE];
    table[1] = *base;
    for i in 2..TABLE {
        table[i] = if i % 2 == 0 {
            p.square(&table[i / 2])
        } else {
            p.mul(&table[i - 1], base)
        };
    }
    let windows = (8 * exp.len()).div_ceil(WINDOW);
    let window =
        |w: usize| -> u64 { (0..WINDOW).fold(0, |acc, k| acc | (bit(exp, w * WINDOW + k) << k)) };
    let mut acc = p.one();
    if let Some(top) = windows.checked_sub(1) {
        acc = p.lookup(&table, window(top));
        for w in (0..top).rev() {
            for _ in 0..WINDOW {
                acc = p.square(&acc);
            }
            acc = p.mul(&acc, &p.lookup(&table, window(w)));
        }
    }
    table.zeroize();
    acc
}
