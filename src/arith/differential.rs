//! Differential tests of the engine against num-bigint (`BigUint::modpow` and `%`):
//! Montgomery multiplication and squaring, the fixed window and the comb, on random odd
//! moduli of 1 to 16 limbs and on the Cognito group's 48-limb `N`, with the edge values
//! (0, 1, N − 1, N, bases ≥ N, empty exponents, leading zero limbs, all-ones exponents,
//! exponents of 1 to 8192 bits). Over 10,000 exponentiations are compared per run.

use num_bigint::BigUint;
use proptest::prelude::*;

use super::comb::Comb;
use super::mont::MontParams;
use super::pow::pow;
use super::{Domain, Field, Uint};
use crate::engine::{self, LIMBS};
use crate::group::N;

/// Big-endian bytes of `v`, left-padded to `len`.
fn padded(v: &BigUint, len: usize) -> Vec<u8> {
    let digits = v.to_bytes_be();
    let mut out = vec![0u8; len.max(digits.len())];
    let start = out.len() - digits.len();
    out[start..].copy_from_slice(&digits);
    out
}

fn uint<const L: usize>(v: &BigUint) -> Uint<L> {
    Uint::from_be_slice(&padded(v, 8 * L)).expect("fits")
}

fn big<const L: usize>(u: &Uint<L>) -> BigUint {
    let mut bytes = vec![0u8; 8 * L];
    u.write_be(&mut bytes);
    BigUint::from_bytes_be(&bytes)
}

/// An odd modulus of exactly `L` limbs from random bytes.
fn modulus<const L: usize>(bytes: &[u8]) -> (MontParams<L>, BigUint) {
    let mut bytes = padded(&BigUint::from_bytes_be(bytes), 8 * L);
    let len = bytes.len();
    bytes[len - 1] |= 1;
    bytes[len - 8 * L] |= 0x80 >> (bytes[0] % 8); // top limb non-zero, any top bit
    let bytes = &bytes[len - 8 * L..];
    let n = BigUint::from_bytes_be(bytes);
    (MontParams::new(uint::<L>(&n)).expect("odd, full length"), n)
}

/// The base values to try: the random one and the edges, all below `R`.
fn bases(random: &BigUint, n: &BigUint, limbs: usize) -> Vec<BigUint> {
    let r = BigUint::from(1u8) << (64 * limbs);
    let mut out = vec![
        random % &r,
        BigUint::ZERO,
        BigUint::from(1u8),
        n - 1u8,
        n.clone(),
        (n + 1u8) % &r,
        &r - 1u8,
    ];
    out.dedup();
    out
}

fn check_mont<const L: usize>(n_bytes: &[u8], a: &[u8], b: &[u8]) -> Result<(), TestCaseError> {
    let (p, n) = modulus::<L>(n_bytes);
    let r = BigUint::from(1u8) << (64 * L);
    for x in bases(&BigUint::from_bytes_be(a), &n, L) {
        let y = BigUint::from_bytes_be(b) % &r;
        let (mx, my) = (p.to_mont(&uint(&x)), p.to_mont(&uint(&y)));
        prop_assert_eq!(big(&p.retrieve(&p.mul(&mx, &my))), &x * &y % &n);
        prop_assert_eq!(big(&p.retrieve(&p.square(&mx))), &x * &x % &n);
        prop_assert_eq!(big(&p.reduce(&uint(&x))), &x % &n);
        // Montgomery values stay fully reduced.
        prop_assert!(big(p.mul(&mx, &my).representation()) < n);
        let y = &y % &n;
        let x = &x % &n;
        prop_assert_eq!(big(&p.retrieve(&p.add(&mx, &my))), (&x + &y) % &n);
        prop_assert_eq!(big(&p.retrieve(&p.sub(&mx, &my))), (&x + &n - &y) % &n);
    }
    Ok(())
}

fn check_pow<const L: usize>(n_bytes: &[u8], base: &[u8], exp: &[u8]) -> Result<(), TestCaseError> {
    let (p, n) = modulus::<L>(n_bytes);
    for x in bases(&BigUint::from_bytes_be(base), &n, L) {
        let got = p.retrieve(&pow(&p, &p.to_mont(&uint(&x)), exp));
        prop_assert_eq!(big(&got), x.modpow(&BigUint::from_bytes_be(exp), &n));
    }
    Ok(())
}

/// Exponents: empty, short, long (up to 8192 bits), with leading zero limbs, all ones.
fn exponent(max_bytes: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => proptest::collection::vec(any::<u8>(), 0..=max_bytes.min(48)),
        2 => proptest::collection::vec(any::<u8>(), 0..=max_bytes),
        1 => (0..=max_bytes, 1..=max_bytes).prop_map(|(zeros, len)| {
            let mut e = vec![0u8; zeros.min(len)];
            e.resize(len, 0x5a);
            e
        }),
        1 => (1..=max_bytes).prop_map(|len| vec![0xff; len]),
    ]
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 1..=max)
}

macro_rules! differential {
    ($($name:ident: $limbs:literal, $cases:literal, $max_exp:literal;)*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases($cases))]

                #[test]
                fn mont_matches_biguint(n in bytes(8 * $limbs), a in bytes(8 * $limbs), b in bytes(8 * $limbs)) {
                    check_mont::<$limbs>(&n, &a, &b)?;
                }

                #[test]
                fn pow_matches_modpow(n in bytes(8 * $limbs), base in bytes(8 * $limbs), exp in exponent($max_exp)) {
                    check_pow::<$limbs>(&n, &base, &exp)?;
                }
            }
        }
    )*};
}

// Each pow case compares 7 bases (the random one and six edges): 7 × the cases below,
// over 10,000 exponentiations in all.
differential! {
    limbs_1: 1, 400, 1024;
    limbs_2: 2, 400, 1024;
    limbs_3: 3, 300, 512;
    limbs_4: 4, 300, 512;
    limbs_8: 8, 200, 256;
    limbs_16: 16, 120, 160;
}

fn cognito() -> (MontParams<LIMBS>, BigUint) {
    let n = BigUint::from_bytes_be(&N);
    (MontParams::new(uint::<LIMBS>(&n)).expect("N"), n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn cognito_pow_matches_modpow(base in bytes(8 * LIMBS), exp in exponent(160)) {
        let (p, n) = cognito();
        for x in bases(&BigUint::from_bytes_be(&base), &n, LIMBS) {
            let got = p.retrieve(&pow(&p, &p.to_mont(&uint(&x)), &exp));
            prop_assert_eq!(big(&got), x.modpow(&BigUint::from_bytes_be(&exp), &n));
        }
    }

    #[test]
    fn cognito_pow_g_matches_modpow(exp in exponent(160)) {
        // Through the engine: comb tables (≤ 32 and ≤ 128 bytes) or the window (longer).
        let n = BigUint::from_bytes_be(&N);
        let want = BigUint::from(2u8).modpow(&BigUint::from_bytes_be(&exp), &n);
        prop_assert_eq!(BigUint::from_bytes_be(&engine::pow_g(&exp)), want);
    }

    #[test]
    fn cognito_reduce_matches(b in bytes(1200)) {
        // Through the engine: Horner's rule over 384-byte chunks, in the backend's domain.
        let n = BigUint::from_bytes_be(&N);
        let want = BigUint::from_bytes_be(&b) % &n;
        let got = engine::reduce(&b);
        prop_assert_eq!(got.is_zero(), want == BigUint::ZERO);
        prop_assert_eq!(BigUint::from_bytes_be(&got.to_be_bytes()), want);
    }
}

/// `MontParams` with other table sizes (as the host-bigint backend chooses its own): the
/// window and the comb for every size a field may pick.
struct Sized<const W: usize, const T: usize, const L: usize>(MontParams<L>);

impl<const W: usize, const T: usize, const L: usize> Field for Sized<W, T, L> {
    type Elem = <MontParams<L> as Field>::Elem;
    const WINDOW: usize = W;
    const COMB_TEETH: usize = T;

    fn one(&self) -> Self::Elem {
        self.0.one()
    }
    fn mul(&self, a: &Self::Elem, b: &Self::Elem) -> Self::Elem {
        Field::mul(&self.0, a, b)
    }
    fn square(&self, a: &Self::Elem) -> Self::Elem {
        Field::square(&self.0, a)
    }
    fn lookup(&self, table: &[Self::Elem], index: u64) -> Self::Elem {
        self.0.lookup(table, index)
    }
}

/// `base^exp` by the window and by the comb of a `Sized<W, T>` field, against `modpow`.
fn check_sizes<const W: usize, const T: usize>(n: &[u8], base: &[u8], bits: usize, exp: &[u8]) {
    let (p, n) = modulus::<4>(n);
    let base = BigUint::from_bytes_be(base) % &n;
    let want = base.modpow(&BigUint::from_bytes_be(exp), &n);
    let entered = p.to_mont(&uint(&base));
    let sized = Sized::<W, T, 4>(p);
    let got = sized.0.retrieve(&pow(&sized, &entered, exp));
    assert_eq!(big(&got), want, "window {W}");
    let comb = Comb::new(&sized, &entered, bits);
    match comb.pow(&sized, exp) {
        Some(got) => assert_eq!(big(&sized.0.retrieve(&got)), want, "comb {T}"),
        None => assert!(8 * exp.len() > comb.max_bits()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn window_and_comb_sizes_match_modpow(n in bytes(32), base in bytes(32), bits in 1usize..200, exp in exponent(25)) {
        check_sizes::<1, 1>(&n, &base, bits, &exp);
        check_sizes::<2, 2>(&n, &base, bits, &exp);
        check_sizes::<3, 4>(&n, &base, bits, &exp);
        check_sizes::<4, 3>(&n, &base, bits, &exp);
        check_sizes::<5, 8>(&n, &base, bits, &exp);
    }

    #[test]
    fn comb_matches_modpow(n in bytes(32), base in bytes(32), bits in 1usize..200, exp in exponent(25)) {
        let (p, n) = modulus::<4>(&n);
        let base = BigUint::from_bytes_be(&base) % &n;
        let comb = Comb::new(&p, &p.to_mont(&uint(&base)), bits);
        match comb.pow(&p, &exp) {
            Some(got) => {
                prop_assert!(8 * exp.len() <= comb.max_bits());
                prop_assert_eq!(big(&p.retrieve(&got)), base.modpow(&BigUint::from_bytes_be(&exp), &n));
            }
            None => prop_assert!(8 * exp.len() > comb.max_bits()),
        }
    }
}

#[test]
fn cognito_edges() {
    let (p, n) = cognito();
    let one = p.one();
    let n_minus_1 = p.to_mont(&uint(&(&n - 1u8)));
    // (N − 1)² ≡ 1, and (N − 1)^(all ones) ≡ N − 1 (odd exponent).
    assert_eq!(big(&p.retrieve(&p.square(&n_minus_1))), BigUint::from(1u8));
    assert_eq!(
        big(&p.retrieve(&pow(&p, &n_minus_1, &[0xff; 1024]))),
        &n - 1u8
    );
    assert_eq!(
        big(&p.retrieve(&pow(&p, &one, &[0xff; 1024]))),
        BigUint::from(1u8)
    );
    // A 8192-bit exponent through pow_g (the window path).
    let exp = [0xa7u8; 1024];
    let want = BigUint::from(2u8).modpow(&BigUint::from_bytes_be(&exp), &n);
    assert_eq!(BigUint::from_bytes_be(&engine::pow_g(&exp)), want);
    // Comb table memory stays within the documented budget.
    assert!(engine::comb_table_bytes() <= 256 * 1024);
}

/// A backend's domain for `N` against num-bigint: the edge bases with long and empty
/// exponents, and the 1024-bit comb for `g`.
fn n_with_edges_and_comb<F: Domain>(f: &F) {
    let n = BigUint::from_bytes_be(&N);
    for x in [
        BigUint::ZERO,
        BigUint::from(1u8),
        &n - 1u8,
        &n - 2u8,
        BigUint::from(2u8),
    ] {
        let ex = f.enter(&uint(&x));
        assert_eq!(big(&f.leave(&ex)), x);
        for exp in [
            vec![],
            vec![0],
            vec![0xff; 129],
            vec![0x80; 1024],
            vec![0, 0, 0, 1],
        ] {
            let want = x.modpow(&BigUint::from_bytes_be(&exp), &n);
            assert_eq!(big(&f.leave(&pow(f, &ex, &exp))), want);
        }
    }
    let g = f.enter(&uint(&BigUint::from(2u8)));
    let comb = Comb::new(f, &g, 1024);
    for seed in 0u8..20 {
        let exp: Vec<u8> = (0..128u8)
            .map(|i| i.wrapping_mul(37).wrapping_add(seed))
            .collect();
        let want = BigUint::from(2u8).modpow(&BigUint::from_bytes_be(&exp), &n);
        assert_eq!(big(&f.leave(&comb.pow(f, &exp).expect("fits"))), want);
    }
}

/// The AVX-512 IFMA backend against num-bigint, on random odd 3072-bit moduli and on N
/// (skipped, with a note, on CPUs without IFMA).
#[cfg(target_arch = "x86_64")]
mod ifma {
    use super::*;
    use crate::arith::ifma::{Ifma, available};

    fn field(n_bytes: &[u8]) -> Option<(Ifma, BigUint)> {
        let (_, n) = modulus::<LIMBS>(n_bytes);
        Ifma::new(&uint::<LIMBS>(&n)).map(|f| (f, n))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        #[test]
        fn ifma_matches_biguint(n in bytes(8 * LIMBS), a in bytes(8 * LIMBS), b in bytes(8 * LIMBS), exp in exponent(40)) {
            if !available() {
                return Ok(()); // nothing to test on this CPU
            }
            let (f, n) = field(&n).expect("the IFMA backend takes any odd 3072-bit modulus");
            for x in bases(&BigUint::from_bytes_be(&a), &n, LIMBS) {
                let x = x % &n;
                let y = BigUint::from_bytes_be(&b) % &n;
                let (ex, ey) = (f.enter(&uint(&x)), f.enter(&uint(&y)));
                prop_assert_eq!(big(&f.leave(&ex)), x.clone());
                prop_assert_eq!(big(&f.leave(&f.mul(&ex, &ey))), &x * &y % &n);
                prop_assert_eq!(big(&f.leave(&f.square(&ex))), &x * &x % &n);
                prop_assert_eq!(big(&f.leave(&f.add(&ex, &ey))), (&x + &y) % &n);
                prop_assert_eq!(big(&f.leave(&f.sub(&ex, &ey))), (&x + &n - &y) % &n);
                prop_assert_eq!(big(&f.leave(&pow(&f, &ex, &exp))), x.modpow(&BigUint::from_bytes_be(&exp), &n));
            }
        }
    }

    #[test]
    fn ifma_on_n_with_edges_and_comb() {
        let n = BigUint::from_bytes_be(&N);
        let Some(f) = Ifma::new(&uint::<LIMBS>(&n)) else {
            eprintln!("note: this CPU has no AVX-512 IFMA; the IFMA backend is not tested here");
            return;
        };
        n_with_edges_and_comb(&f);
    }
}

/// The 31-bit-limb backend (portable32, wasm32's) against num-bigint: random odd moduli of
/// 1 to 100 limbs with the edge values, and `N` with the comb. Natively here; in Node for
/// the wasm32 builds (js/test/engine.test.mjs).
mod portable32 {
    use super::*;
    use crate::arith::mont32::{LIMBS31, Mont32Params, join, split};

    const MASK: u32 = (1 << 31) - 1;

    fn limbs<const L: usize>(v: &BigUint) -> [u32; L] {
        let mut out = [0u32; L];
        for (i, o) in out.iter_mut().enumerate() {
            let digit = (v >> (31 * i)) % (1u64 << 31);
            *o = digit.to_u32_digits().first().copied().unwrap_or(0);
        }
        out
    }

    fn value<const L: usize>(x: &[u32; L]) -> BigUint {
        x.iter().enumerate().fold(BigUint::ZERO, |acc, (i, &l)| {
            acc + (BigUint::from(l) << (31 * i))
        })
    }

    /// An odd modulus of exactly `L` limbs of 31 bits from random bytes.
    fn modulus32<const L: usize>(bytes: &[u8]) -> (Mont32Params<L>, BigUint) {
        let mut n = limbs::<L>(&BigUint::from_bytes_be(bytes));
        n[0] |= 1;
        n[L - 1] |= (0x4000_0000 >> (bytes[0] % 31)) & MASK; // top limb non-zero
        (Mont32Params::new(n).expect("odd, full length"), value(&n))
    }

    fn check<const L: usize>(
        n: &[u8],
        a: &[u8],
        b: &[u8],
        exp: &[u8],
    ) -> Result<(), TestCaseError> {
        let (p, n) = modulus32::<L>(n);
        let r = BigUint::from(1u8) << (31 * L);
        let y = BigUint::from_bytes_be(b) % &r;
        let e = BigUint::from_bytes_be(exp);
        let mut xs = vec![
            BigUint::from_bytes_be(a) % &r,
            BigUint::ZERO,
            BigUint::from(1u8),
        ];
        xs.extend([&n - 1u8, n.clone(), (&n + 1u8) % &r, &r - 1u8]);
        for x in xs {
            let (mx, my) = (p.to_mont(&limbs(&x)), p.to_mont(&limbs(&y)));
            prop_assert_eq!(value(&p.retrieve(&mx)), &x % &n);
            prop_assert_eq!(value(&p.retrieve(&p.mul(&mx, &my))), &x * &y % &n);
            prop_assert_eq!(value(&p.retrieve(&p.square(&mx))), &x * &x % &n);
            let (xr, yr) = (&x % &n, &y % &n);
            prop_assert_eq!(value(&p.retrieve(&p.add(&mx, &my))), (&xr + &yr) % &n);
            prop_assert_eq!(value(&p.retrieve(&p.sub(&mx, &my))), (&xr + &n - &yr) % &n);
            prop_assert_eq!(value(&p.retrieve(&pow(&p, &mx, exp))), x.modpow(&e, &n));
        }
        Ok(())
    }

    macro_rules! sizes {
        ($($name:ident: $limbs:literal, $cases:literal, $max_exp:literal;)*) => {$(
            proptest! {
                #![proptest_config(ProptestConfig::with_cases($cases))]

                #[test]
                fn $name(n in bytes(4 * $limbs), a in bytes(4 * $limbs), b in bytes(4 * $limbs), exp in exponent($max_exp)) {
                    check::<$limbs>(&n, &a, &b, &exp)?;
                }
            }
        )*};
    }

    // Odd and even limb counts, and lengths around the SIMD build's steps of four.
    sizes! {
        limbs32_1: 1, 300, 512;
        limbs32_2: 2, 300, 512;
        limbs32_3: 3, 200, 256;
        limbs32_5: 5, 200, 256;
        limbs32_8: 8, 150, 160;
        limbs32_9: 9, 150, 160;
        limbs32_33: 33, 60, 96;
        limbs32_100: 100, 20, 48;
    }

    #[test]
    fn on_n_with_edges_and_comb() {
        let n64 = uint::<LIMBS>(&BigUint::from_bytes_be(&N));
        assert!(join::<LIMBS, LIMBS31>(&split::<LIMBS, LIMBS31>(&n64)) == n64);
        n_with_edges_and_comb(&Mont32Params::new(split::<LIMBS, LIMBS31>(&n64)).expect("N"));
    }
}
