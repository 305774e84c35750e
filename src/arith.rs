//! The protocol's modular arithmetic in the Cognito group, behind one narrow interface.
//!
//! [`GroupArith`] is everything the protocol asks of big numbers: `g^e`, whether
//! `B ≡ 0 (mod N)`, and the premaster secret `S`. [`ConstantTime`] implements it on the
//! crate's fixed-size Montgomery engine ([`crate::uint`]); the num-bigint implementation in
//! [`crate::reference`] is kept as the reference for differential tests and benchmarks.

use std::sync::OnceLock;

use zeroize::{Zeroize, Zeroizing};

use crate::group::{G, N};
use crate::uint::comb::Comb;
use crate::uint::mont::MontParams;
use crate::uint::pow::pow;
use crate::uint::{Domain, Uint};

/// Limbs of the 3072-bit group.
pub(crate) const LIMBS: usize = 48;

/// What the protocol needs of modular arithmetic modulo the Cognito group's `N`.
/// Inputs and outputs are big-endian bytes; outputs are `N`-sized (384 bytes).
pub(crate) trait GroupArith {
    /// `g^e mod N`.
    fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>>;

    /// Whether `b ≡ 0 (mod N)`. `b` is public; its length is at most 512 bytes.
    fn is_zero_mod_n(b: &[u8]) -> bool;

    /// `S = (B − k·g^x)^(a + u·x) mod N`, the base reduced mod `N`.
    fn premaster_secret(b: &[u8], k: &[u8], x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>>;
}

/// The constant-time engine: Montgomery arithmetic on the fastest backend this CPU has,
/// comb tables for `g`.
///
/// NOTE: what is public: the lengths of the inputs (so the bit length `8·len` of each
/// exponent), and `B`.
pub(crate) struct ConstantTime;

/// Exponent sizes the two comb tables cover, in bits.
const COMB_A_BITS: usize = 1024;
const COMB_X_BITS: usize = 256;

/// One backend's exponentiation state: its domain, `g` in it, and the comb tables for
/// `g`, each built on first use.
struct EngineOf<F: Domain> {
    field: F,
    g: F::Elem,
    /// `g^e` for exponents of up to 1024 bits (a 128-byte `a`).
    comb_a: OnceLock<Comb<F>>,
    /// `g^e` for exponents of up to 256 bits (`x`).
    comb_x: OnceLock<Comb<F>>,
}

impl<F: Domain> EngineOf<F> {
    fn new(field: F) -> Self {
        let mut g = Uint::ZERO;
        g.0[0] = u64::from(G[0]);
        let g = field.enter(&g);
        EngineOf {
            field,
            g,
            comb_a: OnceLock::new(),
            comb_x: OnceLock::new(),
        }
    }

    fn comb_a(&self) -> &Comb<F> {
        self.comb_a
            .get_or_init(|| Comb::new(&self.field, &self.g, COMB_A_BITS))
    }

    fn comb_x(&self) -> &Comb<F> {
        self.comb_x
            .get_or_init(|| Comb::new(&self.field, &self.g, COMB_X_BITS))
    }

    /// `g^e mod N`: by comb when `e`'s length fits a table, else by window.
    fn pow_g(&self, e: &[u8]) -> Uint<LIMBS> {
        let f = &self.field;
        let by_comb = if 8 * e.len() <= COMB_X_BITS {
            self.comb_x().pow(f, e)
        } else if 8 * e.len() <= COMB_A_BITS {
            self.comb_a().pow(f, e)
        } else {
            None
        };
        let mut r = by_comb.unwrap_or_else(|| pow(f, &self.g, e));
        let out = f.leave(&r);
        r.zeroize();
        out
    }

    /// `base^e mod N` for `base < N`, by window.
    fn pow(&self, base: &Uint<LIMBS>, e: &[u8]) -> Uint<LIMBS> {
        let f = &self.field;
        let mut base = f.enter(base);
        let mut r = pow(f, &base, e);
        let out = f.leave(&r);
        base.zeroize();
        r.zeroize();
        out
    }

    /// The memory of both comb tables, in bytes.
    #[cfg(any(test, feature = "bench-internals"))]
    fn table_bytes(&self) -> usize {
        self.comb_a().table_bytes() + self.comb_x().table_bytes()
    }
}

/// The backends: the portable engine, and AVX-512 IFMA where the CPU has it.
enum Backend {
    Portable(Box<EngineOf<MontParams<LIMBS>>>),
    #[cfg(target_arch = "x86_64")]
    Ifma(Box<EngineOf<crate::uint::ifma::Ifma>>),
}

/// Runs `$body` with `$e` bound to the backend's engine, whichever it is.
macro_rules! with_backend {
    ($backend:expr, $e:ident => $body:expr) => {
        match $backend {
            Backend::Portable($e) => $body,
            #[cfg(target_arch = "x86_64")]
            Backend::Ifma($e) => $body,
        }
    };
}

/// The engine for the Cognito group: the plain-value arithmetic (reductions, `k·g^x`,
/// the subtraction) on the portable Montgomery parameters, the exponentiations on the
/// backend.
struct Engine {
    plain: MontParams<LIMBS>,
    backend: Backend,
}

fn n_params() -> MontParams<LIMBS> {
    let n = Uint::from_be_slice(&N).and_then(MontParams::new);
    // N is a constant odd 3072-bit prime: both steps succeed.
    n.unwrap_or_else(|| unreachable!("N is odd and 3072 bits long"))
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        // SRP_COGNITO_BACKEND=portable forces the portable backend (to test both).
        let forced_portable = std::env::var("SRP_COGNITO_BACKEND").is_ok_and(|b| b == "portable");
        #[cfg(target_arch = "x86_64")]
        if !forced_portable && crate::uint::ifma::available() {
            let n = Uint::from_be_slice(&N).unwrap_or(Uint::ZERO);
            if let Some(field) = crate::uint::ifma::Ifma::new(&n) {
                return Engine {
                    plain: n_params(),
                    backend: Backend::Ifma(Box::new(EngineOf::new(field))),
                };
            }
        }
        let _ = forced_portable;
        Engine {
            plain: n_params(),
            backend: Backend::Portable(Box::new(EngineOf::new(n_params()))),
        }
    })
}

/// The name of the backend in use: `portable` or `avx512ifma`.
pub(crate) fn backend_name() -> &'static str {
    match engine().backend {
        Backend::Portable(_) => "portable",
        #[cfg(target_arch = "x86_64")]
        Backend::Ifma(_) => "avx512ifma",
    }
}

/// The table memory of the engine's comb tables, in bytes (both built).
#[cfg(any(test, feature = "bench-internals"))]
pub(crate) fn comb_table_bytes() -> usize {
    with_backend!(&engine().backend, e => e.table_bytes())
}

/// 384 big-endian bytes of `x`, wiping `x`.
fn to_bytes(mut x: Uint<LIMBS>) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(vec![0u8; 8 * LIMBS]);
    x.write_be(&mut out);
    x.zeroize();
    out
}

impl GroupArith for ConstantTime {
    fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>> {
        to_bytes(with_backend!(&engine().backend, b => b.pow_g(e)))
    }

    fn is_zero_mod_n(b: &[u8]) -> bool {
        bool::from(engine().plain.reduce_be(b).ct_is_zero())
    }

    fn premaster_secret(b: &[u8], k: &[u8], x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>> {
        let engine = engine();
        let p = &engine.plain;
        let b = p.reduce_be(b);
        let k = p.to_mont(&p.reduce_be(k));
        let mut gx = with_backend!(&engine.backend, e => e.pow_g(x));
        // k·g^x mod N, then (B − k·g^x) mod N.
        let mut kgx = p.retrieve(&p.mul(&k, &p.to_mont(&gx)));
        let mut base = p.sub(&b, &kgx);
        let exponent = mul_add(a, u, x);
        let s = with_backend!(&engine.backend, e => e.pow(&base, &exponent));
        for value in [&mut gx, &mut kgx, &mut base] {
            value.zeroize();
        }
        to_bytes(s)
    }
}

/// `a + u·x` in constant time, as big-endian bytes of the public length
/// `max(len(a), len(u) + len(x)) + 1`.
pub(crate) fn mul_add(a: &[u8], u: &[u8], x: &[u8]) -> Zeroizing<Vec<u8>> {
    let len = a.len().max(u.len() + x.len()) + 1;
    // Little-endian base-2^8 digits, accumulated in u32 columns (255² · 32 < 2^32 per
    // column for the 32-byte u and x of the protocol; u64 keeps any length safe).
    let mut columns = Zeroizing::new(vec![0u64; len]);
    // Wrapping arithmetic throughout: an overflow check is a branch on secret data, and
    // the bounds above make overflow impossible.
    for (i, &ui) in u.iter().rev().enumerate() {
        for (j, &xj) in x.iter().rev().enumerate() {
            columns[i + j] = columns[i + j].wrapping_add(u64::from(ui) * u64::from(xj));
        }
    }
    for (i, &ai) in a.iter().rev().enumerate() {
        columns[i] = columns[i].wrapping_add(u64::from(ai));
    }
    let mut out = Zeroizing::new(vec![0u8; len]);
    let mut carry = 0u64;
    for (i, column) in columns.iter().enumerate() {
        let value = column.wrapping_add(carry);
        out[len - 1 - i] = value as u8;
        carry = value >> 8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul_add_small() {
        assert_eq!(&*mul_add(&[1], &[0x10], &[0x10]), &[0, 1, 1]);
        assert_eq!(&*mul_add(&[0xff, 0xff], &[0xff], &[0xff]), &[1, 0xfe, 0]);
        assert_eq!(&*mul_add(&[], &[], &[]), &[0]);
    }
}
