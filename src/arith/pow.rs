//! Constant-time fixed-window exponentiation for a variable base.

use zeroize::Zeroize;

use super::Field;

/// The largest [`Field::WINDOW`]: the table lives on the stack, `2^MAX_WINDOW` entries.
pub(crate) const MAX_WINDOW: usize = 5;

/// Bit `position` (0 = least significant) of the big-endian number `be`; 0 past its end.
/// The position is public; the bit is read without a branch on its value.
pub(crate) fn bit(be: &[u8], position: usize) -> u64 {
    let byte = position / 8;
    if byte >= be.len() {
        return 0;
    }
    u64::from(be[be.len() - 1 - byte] >> (position % 8)) & 1
}

/// `base^exp mod N` for `base` in the domain and `exp` as big-endian bytes, by windows of
/// `F::WINDOW` bits (a table of 32 powers by default: about one multiplication per 5
/// squarings).
///
/// Constant-time in `base` and in the value of `exp`: the work depends only on
/// `exp.len()` (its bit length is taken as `8·exp.len()`, leading zeros included). No heap
/// allocation: the table lives on the stack and is wiped after use.
pub(crate) fn pow<F: Field>(p: &F, base: &F::Elem, exp: &[u8]) -> F::Elem {
    const { assert!(F::WINDOW >= 1 && F::WINDOW <= MAX_WINDOW) };
    let window_bits = F::WINDOW;
    let entries = 1 << window_bits;
    let mut storage = [p.one(); 1 << MAX_WINDOW];
    let table = &mut storage[..entries];
    table[1] = *base;
    for i in 2..entries {
        table[i] = if i % 2 == 0 {
            p.square(&table[i / 2])
        } else {
            p.mul(&table[i - 1], base)
        };
    }
    let windows = (8 * exp.len()).div_ceil(window_bits);
    let window = |w: usize| -> u64 {
        (0..window_bits).fold(0, |acc, k| acc | (bit(exp, w * window_bits + k) << k))
    };
    let mut acc = p.one();
    if let Some(top) = windows.checked_sub(1) {
        acc = p.lookup(table, window(top));
        for w in (0..top).rev() {
            for _ in 0..window_bits {
                acc = p.square(&acc);
            }
            acc = p.mul(&acc, &p.lookup(table, window(w)));
        }
    }
    storage.zeroize();
    acc
}
