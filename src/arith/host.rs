//! Montgomery arithmetic whose 3072-bit products are the JavaScript host's `BigInt`: the
//! backend of the npm package's build for engines without WebAssembly (Hermes), where
//! this crate runs as JavaScript (binaryen's `wasm2js`) and an interpreter would spend
//! seconds on the portable backends' limb loops.
//!
//! Only the product leaves Rust: `srp_host.mont_mul(a, b, out)` reads two elements from
//! linear memory and writes `a·b·R⁻¹ mod N` back; the exponentiation schedule, the table
//! lookups, additions and the final reduction stay in this crate's constant-time code, and
//! every element lives in memory this crate wipes. The host computes with `R = 2^3136`
//! (49 limbs) so that `R > 4N`: elements are kept below `2N`, never fully reduced, and the
//! product needs no final conditional subtraction (Walter's bound: for `a, b < 2N`,
//! `(a·b + m·N)/R < 2N`), the one comparison a Montgomery product would otherwise make on
//! its values. See `js/engine/host.js` for what the host's `BigInt` does and does not
//! promise about time.

use subtle::Choice;
use zeroize::Zeroize;

use super::{Domain, Field, Uint};

/// Limbs of an element: 3136 bits, room for values below `2N` and for `R = 2^3136 > 4N`.
const HL: usize = 49;

// The host's functions (js/engine/host.js): the one way out of Rust this backend has.
#[allow(unsafe_code)]
#[link(wasm_import_module = "srp_host")]
unsafe extern "C" {
    /// 1 where the host can multiply (it has `BigInt` and `BigUint64Array`), else 0.
    fn srp_host_bigint() -> u32;
    /// Gives the host `N` (48 limbs) and takes `R mod N` and `R² mod N` (49 limbs each).
    fn srp_host_modulus(n: *const u64, one: *mut u64, r2: *mut u64);
    /// `out = a·b·R⁻¹ mod 2N`-ish: a value below `2N` congruent to `a·b·R⁻¹`, for
    /// `a, b < 2N` (49 limbs each; `out` may not alias `a` or `b`).
    fn srp_host_mont_mul(a: *const u64, b: *const u64, out: *mut u64);
}

/// Whether the host can run this backend.
pub(crate) fn available() -> bool {
    // SAFETY: an import without arguments.
    #[allow(unsafe_code)]
    unsafe {
        srp_host_bigint() == 1
    }
}

/// An element `x·R mod N` (plus 0 or `N`): below `2N`, as 49 little-endian 64-bit limbs.
#[derive(Clone, Copy)]
pub(crate) struct HostElem(Uint<HL>);

impl Zeroize for HostElem {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// The domain of `N` with the host's product.
pub(crate) struct HostMont {
    n: Uint<HL>,
    two_n: Uint<HL>,
    one: HostElem,
    r2: HostElem,
}

impl HostMont {
    /// The domain for the 48-limb `n` (public), or `None` where the host cannot multiply.
    pub(crate) fn new(n: &Uint<48>) -> Option<Self> {
        if !available() {
            return None;
        }
        let n = widen(n);
        let (two_n, _) = n.add_carry(&n);
        let (mut one, mut r2) = (Uint::ZERO, Uint::ZERO);
        // SAFETY: `n` is 48 readable limbs (the host reads 48); `one` and `r2` are 49
        // writable limbs each, distinct.
        #[allow(unsafe_code)]
        unsafe {
            srp_host_modulus(n.0.as_ptr(), one.0.as_mut_ptr(), r2.0.as_mut_ptr());
        }
        Some(HostMont {
            n,
            two_n,
            one: HostElem(one),
            r2: HostElem(r2),
        })
    }

    /// `x − 2N` if that is not negative, else `x` (for `x < 4N`), in constant time.
    fn below_two_n(&self, x: Uint<HL>) -> Uint<HL> {
        let (diff, borrow) = x.sub_borrow(&self.two_n);
        Uint::select(Choice::from(borrow as u8), &x, &diff)
    }
}

fn widen(x: &Uint<48>) -> Uint<HL> {
    let mut out = Uint::ZERO;
    out.0[..48].copy_from_slice(&x.0);
    out
}

impl Field for HostMont {
    type Elem = HostElem;

    fn one(&self) -> HostElem {
        self.one
    }

    /// `a·b·R⁻¹`, by the host.
    fn mul(&self, a: &HostElem, b: &HostElem) -> HostElem {
        let mut out = Uint::ZERO;
        // SAFETY: `a` and `b` are 49 readable limbs, `out` 49 writable limbs of its own.
        #[allow(unsafe_code)]
        unsafe {
            srp_host_mont_mul(a.0.0.as_ptr(), b.0.0.as_ptr(), out.0.as_mut_ptr());
        }
        HostElem(out)
    }

    fn square(&self, a: &HostElem) -> HostElem {
        self.mul(a, a)
    }

    fn lookup(&self, table: &[HostElem], index: u64) -> HostElem {
        let mut out = [0u64; HL];
        for (k, entry) in (0u64..).zip(table) {
            let mask = super::eq_mask(k, index);
            for (o, &limb) in out.iter_mut().zip(&entry.0.0) {
                *o |= limb & mask;
            }
        }
        HostElem(Uint(out))
    }
}

impl Domain for HostMont {
    /// `x·R² ·R⁻¹ = x·R`: any `x < 2^3072 < 2N` is a valid operand.
    fn enter(&self, x: &Uint<48>) -> HostElem {
        let mut wide = HostElem(widen(x));
        let out = self.mul(&wide, &self.r2);
        wide.zeroize();
        out
    }

    /// `x·R·R⁻¹`, which the product leaves at most `N` (`(x + m·N)/R < 1 + N`), then
    /// reduced below `N` in constant time.
    fn leave(&self, x: &HostElem) -> Uint<48> {
        let mut unit = HostElem(Uint::ZERO);
        unit.0.0[0] = 1;
        let mut value = self.mul(x, &unit).0;
        let (diff, borrow) = value.sub_borrow(&self.n);
        let mut reduced = Uint::select(Choice::from(borrow as u8), &value, &diff);
        let mut out = Uint::ZERO;
        out.0.copy_from_slice(&reduced.0[..48]);
        value.zeroize();
        reduced.zeroize();
        out
    }

    /// `a + b`, below `2N` again.
    fn add(&self, a: &HostElem, b: &HostElem) -> HostElem {
        // a + b < 4N < 2^3074: no carry out of 49 limbs.
        let (sum, _) = a.0.add_carry(&b.0);
        HostElem(self.below_two_n(sum))
    }

    /// `a − b + 2N`, below `2N` again.
    fn sub(&self, a: &HostElem, b: &HostElem) -> HostElem {
        let (diff, _) = a.0.sub_borrow(&b.0);
        // diff + 2N mod 2^3136 = a − b + 2N ∈ (0, 4N): then below 2N.
        let (lifted, _) = diff.add_carry(&self.two_n);
        HostElem(self.below_two_n(lifted))
    }
}
