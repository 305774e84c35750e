//! Montgomery arithmetic whose 3072-bit products are the JavaScript host's `BigInt`: the
//! backend of the npm package's build for engines without WebAssembly (Hermes), where
//! this crate runs as JavaScript (binaryen's `wasm2js`) and an interpreter would spend
//! seconds on the portable backends' limb loops.
//!
//! Only the product leaves Rust: `srp_host.mont_mul(a, b, out)` reads two elements from
//! linear memory and writes `a·b·R⁻¹ mod N` back; the exponentiation schedule, the table
//! lookups, additions and the final reduction stay in this crate's constant-time code, and
//! every element lives in memory this crate wipes. The host computes with `R = 2^3136`
//! (98 words) so that `R > 4N`: elements are kept below `2N`, never fully reduced, and the
//! product needs no final conditional subtraction (Walter's bound: for `a, b < 2N`,
//! `(a·b + m·N)/R < 2N`), the one comparison a Montgomery product would otherwise make on
//! its values. See `js/host.js` for what the host's `BigInt` does and does not
//! promise about time.

use subtle::Choice;
use zeroize::Zeroize;

use super::{Domain, Field, Uint, eq_mask, mask};

/// 32-bit words of an element: 3136 bits, room for values below `2N` and for
/// `R = 2^3136 > 4N`. Words, not 64-bit limbs: under wasm2js every 64-bit operation is a
/// pair of 32-bit ones and more, and the table lookups (every entry read, masked) are most
/// of this backend's own work.
const WORDS: usize = 98;

// The host's functions (js/host.js): the one way out of Rust this backend has.
#[expect(unsafe_code, reason = "the host's functions are foreign")]
#[link(wasm_import_module = "srp_host")]
unsafe extern "C" {
    /// 1 where the host can multiply (it has `BigInt` and `BigUint64Array`), else 0.
    fn srp_host_bigint() -> u32;
    /// Gives the host `N` (48 64-bit limbs) and takes `R mod N` and `R² mod N` (3136 bits each).
    fn srp_host_modulus(n: *const u64, one: *mut u32, r2: *mut u32);
    /// `out`: a value below `2N` congruent to `a·b·R⁻¹ mod N`, for `a, b < 2N` (3136 bits,
    /// little-endian, 8-byte aligned; `out` may not alias `a` or `b`).
    fn srp_host_mont_mul(a: *const u32, b: *const u32, out: *mut u32);
}

/// Whether the host can run this backend.
pub(crate) fn available() -> bool {
    #[expect(unsafe_code, reason = "a call to the host")]
    // SAFETY: an import without arguments.
    unsafe {
        srp_host_bigint() == 1
    }
}

/// An element `x·R mod N` (plus 0 or `N`): below `2N`, as 98 little-endian 32-bit words,
/// aligned for the host's 64-bit view of memory.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub(crate) struct HostElem([u32; WORDS]);

impl Zeroize for HostElem {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl HostElem {
    const ZERO: HostElem = HostElem([0; WORDS]);

    /// `self + other` mod 2^3136, and the carry out.
    fn add(&self, other: &HostElem) -> (HostElem, u32) {
        let mut out = HostElem::ZERO;
        let mut carry = 0u32;
        for ((o, &a), &b) in out.0.iter_mut().zip(&self.0).zip(&other.0) {
            let (s1, c1) = a.overflowing_add(b);
            let (s2, c2) = s1.overflowing_add(carry);
            *o = s2;
            carry = u32::from(c1) | u32::from(c2);
        }
        (out, carry)
    }

    /// `self − other` mod 2^3136, and the borrow out.
    fn sub(&self, other: &HostElem) -> (HostElem, u32) {
        let mut out = HostElem::ZERO;
        let mut borrow = 0u32;
        for ((o, &a), &b) in out.0.iter_mut().zip(&self.0).zip(&other.0) {
            let (d1, b1) = a.overflowing_sub(b);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *o = d2;
            borrow = u32::from(b1) | u32::from(b2);
        }
        (out, borrow)
    }

    /// `a` for a true `choice`, else `b`, in constant time.
    fn select(choice: Choice, a: &HostElem, b: &HostElem) -> HostElem {
        // All ones or zero: the low half of the 64-bit mask.
        let m = mask(choice) as u32;
        let mut out = HostElem::ZERO;
        for ((o, &x), &y) in out.0.iter_mut().zip(&a.0).zip(&b.0) {
            *o = (x & m) | (y & !m);
        }
        out
    }

    /// `x − m` if that is not negative, else `x`, in constant time.
    fn minus_if_not_below(x: &HostElem, m: &HostElem) -> HostElem {
        let (diff, borrow) = x.sub(m);
        HostElem::select(Choice::from(borrow as u8), x, &diff)
    }
}

/// The 48 64-bit limbs of `x` as 32-bit words (the top two words zero).
fn widen(x: &Uint<48>) -> HostElem {
    let mut out = HostElem::ZERO;
    for (pair, &limb) in out.0.chunks_exact_mut(2).zip(&x.0) {
        // The two halves of a limb.
        pair[0] = limb as u32;
        pair[1] = (limb >> 32) as u32;
    }
    out
}

/// The domain of `N` with the host's product.
pub(crate) struct HostMont {
    n: HostElem,
    two_n: HostElem,
    one: HostElem,
    r2: HostElem,
}

impl HostMont {
    /// The domain for the 48-limb `n` (public), or `None` where the host cannot multiply.
    pub(crate) fn new(n: &Uint<48>) -> Option<Self> {
        if !available() {
            return None;
        }
        let (mut one, mut r2) = (HostElem::ZERO, HostElem::ZERO);
        #[expect(unsafe_code, reason = "a call to the host")]
        // SAFETY: `n` is 48 readable limbs (the host reads 48); `one` and `r2` are 3136
        // writable bits each, 8-byte aligned, distinct.
        unsafe {
            srp_host_modulus(n.0.as_ptr(), one.0.as_mut_ptr(), r2.0.as_mut_ptr());
        }
        let n = widen(n);
        let (two_n, _) = n.add(&n);
        Some(HostMont { n, two_n, one, r2 })
    }
}

impl Field for HostMont {
    type Elem = HostElem;

    // Here a product is the host's and cheap beside a lookup, which reads every entry in
    // the interpreter: smaller tables, more products. 3 and 4 measured fastest on the
    // hermes VM (the book's JavaScript chapter has the figures).
    const WINDOW: usize = 3;
    const COMB_TEETH: usize = 4;

    fn one(&self) -> HostElem {
        self.one
    }

    /// `a·b·R⁻¹`, by the host.
    fn mul(&self, a: &HostElem, b: &HostElem) -> HostElem {
        let mut out = HostElem::ZERO;
        #[expect(unsafe_code, reason = "a call to the host")]
        // SAFETY: `a` and `b` are 3136 readable bits, `out` 3136 writable bits of its own,
        // all 8-byte aligned.
        unsafe {
            srp_host_mont_mul(a.0.as_ptr(), b.0.as_ptr(), out.0.as_mut_ptr());
        }
        out
    }

    fn square(&self, a: &HostElem) -> HostElem {
        self.mul(a, a)
    }

    fn lookup(&self, table: &[HostElem], index: u64) -> HostElem {
        let mut out = HostElem::ZERO;
        for (k, entry) in (0u64..).zip(table) {
            // All ones or zero: the low half of the 64-bit mask.
            let m = eq_mask(k, index) as u32;
            for (o, &word) in out.0.iter_mut().zip(&entry.0) {
                *o |= word & m;
            }
        }
        out
    }
}

impl Domain for HostMont {
    /// `x·R²·R⁻¹ = x·R`: any `x < 2^3072 < 2N` is a valid operand.
    fn enter(&self, x: &Uint<48>) -> HostElem {
        let mut wide = widen(x);
        let out = self.mul(&wide, &self.r2);
        wide.zeroize();
        out
    }

    /// `x·R·R⁻¹`, which the product leaves at most `N` (`(x + m·N)/R < 1 + N`), then
    /// reduced below `N` in constant time.
    fn leave(&self, x: &HostElem) -> Uint<48> {
        let mut unit = HostElem::ZERO;
        unit.0[0] = 1;
        let mut value = self.mul(x, &unit);
        let mut reduced = HostElem::minus_if_not_below(&value, &self.n);
        let mut out = Uint::ZERO;
        for (limb, pair) in out.0.iter_mut().zip(reduced.0.chunks_exact(2)) {
            *limb = u64::from(pair[0]) | (u64::from(pair[1]) << 32);
        }
        value.zeroize();
        reduced.zeroize();
        out
    }

    /// `a + b`, below `2N` again.
    fn add(&self, a: &HostElem, b: &HostElem) -> HostElem {
        // a + b < 4N < 2^3074: no carry out of 3136 bits.
        let (sum, _) = a.add(b);
        HostElem::minus_if_not_below(&sum, &self.two_n)
    }

    /// `a − b + 2N`, below `2N` again.
    fn sub(&self, a: &HostElem, b: &HostElem) -> HostElem {
        let (diff, _) = a.sub(b);
        // diff + 2N mod 2^3136 = a − b + 2N ∈ (0, 4N): then below 2N.
        let (lifted, _) = diff.add(&self.two_n);
        HostElem::minus_if_not_below(&lifted, &self.two_n)
    }
}
