//! An AVX-512 IFMA backend for 3072-bit moduli, chosen at run time where the CPU has it.
//!
//! Elements are 60 limbs of 52 bits (`R' = 2^3120`), held in eight 512-bit vectors.
//! Multiplication is almost-Montgomery (AMM, as in OpenSSL's `rsaz` AVX-512 code): for
//! each limb `b_i`, the low halves of `a·b_i` and `m·N` are added lane by lane
//! (`vpmadd52luq`), the vector is shifted down one lane (division by 2^52), then the high
//! halves are added (`vpmadd52huq`). With inputs below `2N` and `4N < R'`, the result
//! stays below `2N`; it is fully reduced only when leaving the domain. The loop does the
//! same work for every input: no branch or memory index depends on a value.
//!
//! `unsafe` is confined to this module: vector loads and stores within fixed-size arrays,
//! and calls into `#[target_feature]` functions, which are sound because an [`Ifma`] value
//! exists only after the CPU was found to support AVX-512F and AVX-512 IFMA.

#![expect(
    unsafe_code,
    reason = "AVX-512 intrinsics: each use has its SAFETY comment"
)]

use core::arch::x86_64::{
    __m512i, _mm_cvtsi128_si64, _mm512_alignr_epi64, _mm512_castsi512_si128, _mm512_loadu_si512,
    _mm512_madd52hi_epu64, _mm512_madd52lo_epu64, _mm512_mask_add_epi64, _mm512_set1_epi64,
    _mm512_setzero_si512, _mm512_storeu_si512,
};

use core::arch::x86_64::{_mm512_and_si512, _mm512_or_si512};
use zeroize::Zeroize;

use super::mont::mod_double;
use super::{Domain, Field, Uint, eq_mask};

/// Limbs of 52 bits: 60 · 52 = 3120 ≥ 3072 + 2, so `4N < R'`.
const LIMBS52: usize = 60;
/// Lanes: eight vectors of eight.
const LANES: usize = 64;
const VECTORS: usize = 8;
const MASK52: u64 = (1 << 52) - 1;

/// An element: 60 limbs of 52 bits, lanes 60..64 zero; its value is below `2N`.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
pub(crate) struct Elem([u64; LANES]);

impl Zeroize for Elem {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// Whether this CPU has what the backend needs.
pub(crate) fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512ifma")
}

/// The backend's constants for one odd 3072-bit modulus.
pub(crate) struct Ifma {
    n: Elem,
    n64: Uint<48>,
    /// `−N⁻¹ mod 2^52`.
    k0: u64,
    /// `R'² mod N`, to enter the domain.
    r2: Elem,
    /// `R' mod N`: one in the domain.
    one: Elem,
}

/// 64-bit limbs to 52-bit limbs (positions are public; values are not branched on).
fn to52(x: &Uint<48>) -> Elem {
    let mut out = [0u64; LANES];
    for (i, limb) in out.iter_mut().take(LIMBS52).enumerate() {
        let bit = 52 * i;
        let (word, shift) = (bit / 64, bit % 64);
        let mut v = x.0[word] >> shift;
        if shift > 12 && word + 1 < 48 {
            v |= x.0[word + 1] << (64 - shift);
        }
        *limb = v & MASK52;
    }
    Elem(out)
}

/// 52-bit limbs (normalized, value below 2^3072) to 64-bit limbs.
fn to64(x: &Elem) -> Uint<48> {
    let mut out = [0u64; 48];
    for (i, &limb) in x.0.iter().take(LIMBS52).enumerate() {
        let bit = 52 * i;
        let (word, shift) = (bit / 64, bit % 64);
        if word < 48 {
            out[word] |= limb << shift;
        }
        if shift > 12 && word + 1 < 48 {
            out[word + 1] |= limb >> (64 - shift);
        }
    }
    Uint(out)
}

impl Ifma {
    /// The backend for the odd 3072-bit modulus `n`, or `None` if this CPU lacks
    /// AVX-512 IFMA (or `n` is not odd with its top limb set).
    pub(crate) fn new(n: &Uint<48>) -> Option<Self> {
        if !available() || n.0[0] & 1 == 0 || n.0[47] == 0 {
            return None;
        }
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n.0[0].wrapping_mul(inv)));
        }
        // 2^3120 mod N and 2^6240 mod N by doubling (n is public).
        let mut r = Uint::<48>::ZERO;
        r.0[0] = 1;
        let mut one = Uint::ZERO;
        for step in 1..=2 * 52 * LIMBS52 {
            r = mod_double(&r, n);
            if step == 52 * LIMBS52 {
                one = r;
            }
        }
        Some(Ifma {
            n: to52(n),
            n64: *n,
            k0: inv.wrapping_neg() & MASK52,
            r2: to52(&r),
            one: to52(&one),
        })
    }

    fn amm(&self, a: &Elem, b: &Elem) -> Elem {
        // SAFETY: `self` exists only if `available()` returned true, so the CPU supports
        // the target features `amm52` is compiled for.
        unsafe { amm52(a, b, &self.n, self.k0) }
    }
}

/// Loads eight vectors from an element.
#[target_feature(enable = "avx512f")]
fn load(x: &Elem) -> [__m512i; VECTORS] {
    let mut out = [_mm512_setzero_si512(); VECTORS];
    for (v, vector) in out.iter_mut().enumerate() {
        // SAFETY: lanes 8v..8v+8 lie inside the 64-lane array; unaligned loads are allowed.
        *vector = unsafe { _mm512_loadu_si512(x.0[8 * v..].as_ptr().cast()) };
    }
    out
}

/// `a·b·R'⁻¹ mod N`, below `2N` for `a, b < 2N`: almost-Montgomery multiplication.
#[target_feature(enable = "avx512f,avx512ifma")]
fn amm52(a: &Elem, b: &Elem, n: &Elem, k0: u64) -> Elem {
    let zero = _mm512_setzero_si512();
    let (av, nv) = (load(a), load(n));
    let mut r = [zero; VECTORS];
    for &bi in b.0.iter().take(LIMBS52) {
        let bv = _mm512_set1_epi64(bi as i64);
        for (rv, &x) in r.iter_mut().zip(&av) {
            *rv = _mm512_madd52lo_epu64(*rv, x, bv);
        }
        // m makes lane 0 divisible by 2^52.
        let r0 = _mm_cvtsi128_si64(_mm512_castsi512_si128(r[0])) as u64;
        let m = r0.wrapping_mul(k0) & MASK52;
        let mv = _mm512_set1_epi64(m as i64);
        for (rv, &x) in r.iter_mut().zip(&nv) {
            *rv = _mm512_madd52lo_epu64(*rv, x, mv);
        }
        // Wrapping arithmetic: an overflow check would be a branch on secret data (the
        // sum stays below 2^64: r0 < 2^62, the low half below 2^52).
        let carry = r0.wrapping_add((u128::from(m) * u128::from(n.0[0])) as u64 & MASK52) >> 52;
        // Divide by 2^52: every lane moves down one place; lane 0's carry joins the new lane 0.
        for v in 0..VECTORS - 1 {
            r[v] = _mm512_alignr_epi64::<1>(r[v + 1], r[v]);
        }
        r[VECTORS - 1] = _mm512_alignr_epi64::<1>(zero, r[VECTORS - 1]);
        r[0] = _mm512_mask_add_epi64(r[0], 1, r[0], _mm512_set1_epi64(carry as i64));
        // The high halves belong one lane up: after the shift, at the same lane.
        for ((rv, &x), &y) in r.iter_mut().zip(&av).zip(&nv) {
            *rv = _mm512_madd52hi_epu64(*rv, x, bv);
            *rv = _mm512_madd52hi_epu64(*rv, y, mv);
        }
    }
    let mut lanes = [0u64; LANES];
    for (v, vector) in r.iter().enumerate() {
        // SAFETY: lanes 8v..8v+8 lie inside the 64-lane array; unaligned stores are allowed.
        unsafe { _mm512_storeu_si512(lanes[8 * v..].as_mut_ptr().cast(), *vector) };
    }
    // Normalize to 52-bit limbs (the value is below 2N < 2^3120: no carry out).
    let mut out = Elem([0; LANES]);
    let mut carry = 0u64;
    for (o, &lane) in out.0.iter_mut().zip(&lanes).take(LIMBS52) {
        let v = lane.wrapping_add(carry);
        *o = v & MASK52;
        carry = v >> 52;
    }
    lanes.zeroize();
    out
}

/// `table[index]`, reading every entry: each entry is and-ed with an all-ones or all-zeros
/// mask (from a constant-time comparison) and or-ed in, eight lanes at a time.
#[target_feature(enable = "avx512f")]
fn lookup512(table: &[Elem], index: u64) -> Elem {
    let mut acc = [_mm512_setzero_si512(); VECTORS];
    for (k, entry) in (0u64..).zip(table) {
        let mask = _mm512_set1_epi64(eq_mask(k, index) as i64);
        for (a, v) in acc.iter_mut().zip(load(entry)) {
            *a = _mm512_or_si512(*a, _mm512_and_si512(v, mask));
        }
    }
    let mut out = Elem([0; LANES]);
    for (v, vector) in acc.iter().enumerate() {
        // SAFETY: lanes 8v..8v+8 lie inside the 64-lane array; unaligned stores are allowed.
        unsafe { _mm512_storeu_si512(out.0[8 * v..].as_mut_ptr().cast(), *vector) };
    }
    out
}

impl Field for Ifma {
    type Elem = Elem;

    fn one(&self) -> Elem {
        self.one
    }

    fn mul(&self, a: &Elem, b: &Elem) -> Elem {
        self.amm(a, b)
    }

    fn square(&self, a: &Elem) -> Elem {
        self.amm(a, a)
    }

    fn lookup(&self, table: &[Elem], index: u64) -> Elem {
        // SAFETY: `self` exists only if `available()` returned true (AVX-512F).
        unsafe { lookup512(table, index) }
    }
}

impl Domain for Ifma {
    fn enter(&self, x: &Uint<48>) -> Elem {
        self.amm(&to52(x), &self.r2)
    }

    fn leave(&self, x: &Elem) -> Uint<48> {
        let mut one = Elem([0; LANES]);
        one.0[0] = 1;
        // AMM(x, 1) = (x + m·N)/R' ≤ N: one conditional subtraction reduces it fully.
        let value = to64(&self.amm(x, &one));
        let (diff, borrow) = value.sub_borrow(&self.n64);
        Uint::select(subtle::Choice::from(borrow as u8), &value, &diff)
    }

    /// Through the plain values (two AMMs out, one in): called a few times per sign-in,
    /// against the thousands of AMMs of its exponentiations.
    fn add(&self, a: &Elem, b: &Elem) -> Elem {
        let (mut x, mut y) = (self.leave(a), self.leave(b));
        let out = self.enter(&x.add_mod(&y, &self.n64));
        x.zeroize();
        y.zeroize();
        out
    }

    fn sub(&self, a: &Elem, b: &Elem) -> Elem {
        let (mut x, mut y) = (self.leave(a), self.leave(b));
        let out = self.enter(&x.sub_mod(&y, &self.n64));
        x.zeroize();
        y.zeroize();
        out
    }
}
