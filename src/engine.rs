//! The group arithmetic of the protocol, on the crate's constant-time Montgomery engine.
//!
//! One function per protocol need: `g^e` ([`pow_g`]), `B mod N` ([`reduce`]) and the
//! premaster secret `S = (B − k·g^x)^(a + u·x)` ([`premaster_secret`]). Each runs wholly in
//! one backend's Montgomery domain: `k` and `g` are entered once, the comb tables for `g`
//! are built on first use, and no value moves between backends inside a computation.
//!
//! The backend is the fastest this CPU has (AVX-512 IFMA, else the portable engine; on
//! wasm32 the JavaScript host's `BigInt` products where the module was built with the
//! hidden `host-bigint` feature and the host provides them, else the 31-bit-limb engine)
//! unless the program chose one with [`select_backend`]; the library reads no
//! environment.
//!
//! NOTE: what is public: the lengths of the inputs (so the bit length `8·len` of each
//! exponent), and `B`.

use core::fmt;
use core::str::FromStr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use zeroize::{Zeroize, Zeroizing};

use crate::Error;
use crate::arith::comb::Comb;
use crate::arith::mont::MontParams;
use crate::arith::mont32::{LIMBS31, Mont32Params};
use crate::arith::pow::pow;
use crate::arith::{Domain, Uint};
use crate::group::{G, N};

/// Limbs of the 3072-bit group.
pub(crate) const LIMBS: usize = 48;

/// Exponent sizes the two comb tables cover, in bits.
const COMB_A_BITS: usize = 1024;
const COMB_X_BITS: usize = 256;

/// The group in one backend's domain: `g` and `k` entered once, `2^3072 mod N` for
/// reducing long inputs, and the comb tables for `g`, each built on first use.
struct Group<F: Domain> {
    field: F,
    g: F::Elem,
    k: F::Elem,
    /// `2^3072 mod N`, in the domain: the weight of one 384-byte chunk in [`Group::enter_be`].
    chunk_weight: F::Elem,
    /// `g^e` for exponents of up to 1024 bits (a 128-byte `a`).
    comb_a: OnceLock<Comb<F>>,
    /// `g^e` for exponents of up to 256 bits (`x`).
    comb_x: OnceLock<Comb<F>>,
}

impl<F: Domain> Group<F> {
    fn new(field: F) -> Self {
        Group {
            g: field.enter(&G_LIMBS),
            k: field.enter(&K_LIMBS),
            chunk_weight: field.enter(&CHUNK_WEIGHT),
            field,
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

    /// Big-endian `x` of any length, reduced mod `N`, into the domain (Horner's rule over
    /// 384-byte chunks). Constant-time in the value; the loop follows `x`'s length.
    fn enter_be(&self, x: &[u8]) -> F::Elem {
        let f = &self.field;
        let top = x.len() % N.len();
        let chunks = (top > 0)
            .then(|| &x[..top])
            .into_iter()
            .chain(x[top..].chunks(N.len()));
        let mut acc: Option<F::Elem> = None;
        for chunk in chunks {
            let mut value = Uint::from_be_slice(chunk)
                .expect("a chunk is at most 384 bytes long: it fits in 48 limbs");
            let part = f.enter(&value);
            value.zeroize();
            acc = Some(match acc {
                None => part,
                Some(acc) => f.add(&f.mul(&acc, &self.chunk_weight), &part),
            });
        }
        // No chunk: an empty `x`, whose value is 0.
        acc.unwrap_or_else(|| f.enter(&Uint::ZERO))
    }

    /// `g^e`: by comb when `e`'s length fits a table, else by window.
    fn pow_g(&self, e: &[u8]) -> F::Elem {
        let f = &self.field;
        let by_comb = if 8 * e.len() <= COMB_X_BITS {
            self.comb_x().pow(f, e)
        } else if 8 * e.len() <= COMB_A_BITS {
            self.comb_a().pow(f, e)
        } else {
            None
        };
        by_comb.unwrap_or_else(|| pow(f, &self.g, e))
    }

    /// `S = (B − k·g^x)^(a + u·x) mod N`.
    fn premaster_secret(&self, b: &Uint<LIMBS>, x: &[u8], a: &[u8], u: &[u8]) -> Uint<LIMBS> {
        let f = &self.field;
        let mut b = f.enter(b);
        let mut g_x = self.pow_g(x);
        let mut k_g_x = f.mul(&self.k, &g_x);
        let mut base = f.sub(&b, &k_g_x);
        let mut s = pow(f, &base, &mul_add(a, u, x));
        let out = f.leave(&s);
        for value in [&mut b, &mut g_x, &mut k_g_x, &mut base, &mut s] {
            value.zeroize();
        }
        out
    }

    /// `B = (k·v + g^b) mod N`, `v` of any length reduced mod `N`.
    #[cfg(feature = "server")]
    fn server_b(&self, v: &[u8], b: &[u8]) -> Uint<LIMBS> {
        let f = &self.field;
        let mut v = self.enter_be(v);
        let mut k_v = f.mul(&self.k, &v);
        let mut g_b = self.pow_g(b);
        let mut sum = f.add(&k_v, &g_b);
        let out = f.leave(&sum);
        for value in [&mut v, &mut k_v, &mut g_b, &mut sum] {
            value.zeroize();
        }
        out
    }

    /// `S = (A·v^u)^b mod N`.
    #[cfg(feature = "server")]
    fn server_premaster_secret(
        &self,
        a: &Uint<LIMBS>,
        v: &[u8],
        u: &[u8],
        b: &[u8],
    ) -> Uint<LIMBS> {
        let f = &self.field;
        let a = f.enter(a);
        let mut v = self.enter_be(v);
        let mut v_u = pow(f, &v, u);
        let mut base = f.mul(&a, &v_u);
        let mut s = pow(f, &base, b);
        let out = f.leave(&s);
        for value in [&mut v, &mut v_u, &mut base, &mut s] {
            value.zeroize();
        }
        out
    }

    /// The memory of both comb tables, in bytes (building them).
    #[cfg(any(test, feature = "bench-internals"))]
    fn table_bytes(&self) -> usize {
        self.comb_a().table_bytes() + self.comb_x().table_bytes()
    }
}

/// An arithmetic backend. All are constant-time and give identical results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// 64-bit limbs in portable Rust: every target.
    Portable,
    /// AVX-512 IFMA (52-bit limbs, eight lanes): x86-64 CPUs with `avx512ifma`.
    Avx512Ifma,
    /// 31-bit limbs in 32-bit words with 64-bit products in portable Rust, the default on
    /// wasm32 (whose 128-bit products are library calls); built with `simd128`, four
    /// products a step.
    Portable32,
    /// The JavaScript host's `BigInt` for the 3072-bit products, the rest in this crate:
    /// the npm package's build for engines without WebAssembly (Hermes). Available only
    /// in a wasm32 build with the hidden `host-bigint` feature, on a host that has
    /// `BigInt`. Not constant-time in the sense of the others: a `BigInt` product's time
    /// may depend on its operands' values, which the host's engine does not promise
    /// otherwise; it is chosen only where the alternative is interpreted limb code.
    HostBigInt,
}

impl Backend {
    /// Every backend, portable first.
    pub const ALL: [Backend; 4] = [
        Backend::Portable,
        Backend::Avx512Ifma,
        Backend::Portable32,
        Backend::HostBigInt,
    ];

    /// The backend's name: `portable`, `avx512ifma`, `portable32` or `host-bigint`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Backend::Portable => "portable",
            Backend::Avx512Ifma => "avx512ifma",
            Backend::Portable32 => "portable32",
            Backend::HostBigInt => "host-bigint",
        }
    }

    /// Whether this CPU can run the backend.
    #[must_use]
    pub fn is_available(self) -> bool {
        match self {
            Backend::Portable | Backend::Portable32 => true,
            #[cfg(target_arch = "x86_64")]
            Backend::Avx512Ifma => crate::arith::ifma::available(),
            #[cfg(not(target_arch = "x86_64"))]
            Backend::Avx512Ifma => false,
            #[cfg(all(target_arch = "wasm32", feature = "host-bigint"))]
            Backend::HostBigInt => host().is_some(),
            #[cfg(not(all(target_arch = "wasm32", feature = "host-bigint")))]
            Backend::HostBigInt => false,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = Error;

    /// `portable`, `avx512ifma`, `portable32` or `host-bigint`.
    fn from_str(name: &str) -> Result<Self, Error> {
        Backend::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or(Error::BackendUnavailable)
    }
}

/// What [`select_backend`] chose: 0 for none (the fastest available), else a backend.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

#[cfg(feature = "hazmat")]
fn code(backend: Backend) -> u8 {
    match backend {
        Backend::Portable => 1,
        Backend::Avx512Ifma => 2,
        Backend::Portable32 => 3,
        Backend::HostBigInt => 4,
    }
}

/// Makes `backend` the one this process's computations use from now on (feature `hazmat`:
/// for tests and benchmarks; a sign-in has no reason to choose).
///
/// By default the crate uses the fastest backend the CPU has; a program chooses one
/// explicitly to measure or test it. A computation already running finishes on the
/// backend it started with.
///
/// # Errors
/// [`Error::BackendUnavailable`] if this CPU cannot run `backend` (the choice is then
/// left as it was).
#[cfg(feature = "hazmat")]
pub fn select_backend(backend: Backend) -> Result<(), Error> {
    if !backend.is_available() {
        return Err(Error::BackendUnavailable);
    }
    CHOSEN.store(code(backend), Ordering::SeqCst);
    Ok(())
}

/// The backend this process's computations use now.
#[must_use]
pub fn backend() -> Backend {
    match CHOSEN.load(Ordering::SeqCst) {
        1 => Backend::Portable,
        2 => Backend::Avx512Ifma,
        3 => Backend::Portable32,
        4 => Backend::HostBigInt,
        _ if Backend::Avx512Ifma.is_available() => Backend::Avx512Ifma,
        _ if Backend::HostBigInt.is_available() => Backend::HostBigInt,
        _ if cfg!(target_arch = "wasm32") => Backend::Portable32,
        _ => Backend::Portable,
    }
}

/// A 3072-bit number: 48 limbs of 64 bits.
pub(crate) type U3072 = Uint<LIMBS>;

/// `N`, as limbs (built at compile time).
pub(crate) const N_LIMBS: U3072 = Uint::from_be_array(&N);

/// `g = 2`, as limbs.
const G_LIMBS: U3072 = Uint::from_be_array(&G);

/// `k`, as limbs.
const K_LIMBS: U3072 = Uint::from_be_array(&crate::group::K);

/// `2^3072 mod N`: `N < 2^3072 < 2N`, so it is `2^3072 − N`, the wrapped `0 − N`. The
/// weight of one 384-byte chunk in [`Group::enter_be`].
const CHUNK_WEIGHT: U3072 = N_LIMBS.wrapping_neg();

fn portable() -> &'static Group<MontParams<LIMBS>> {
    static PORTABLE: OnceLock<Group<MontParams<LIMBS>>> = OnceLock::new();
    PORTABLE.get_or_init(|| {
        // N is a constant odd 3072-bit prime.
        let params = MontParams::new(N_LIMBS);
        Group::new(params.unwrap_or_else(|| unreachable!("N is odd and 3072 bits long")))
    })
}

fn portable32() -> &'static Group<Mont32Params<LIMBS31>> {
    static PORTABLE32: OnceLock<Group<Mont32Params<LIMBS31>>> = OnceLock::new();
    PORTABLE32.get_or_init(|| {
        let params = Mont32Params::new(crate::arith::mont32::split::<LIMBS, LIMBS31>(&N_LIMBS));
        Group::new(params.unwrap_or_else(|| unreachable!("N is odd and 3072 bits long")))
    })
}

#[cfg(target_arch = "x86_64")]
fn ifma() -> Option<&'static Group<crate::arith::ifma::Ifma>> {
    static IFMA: OnceLock<Option<Group<crate::arith::ifma::Ifma>>> = OnceLock::new();
    IFMA.get_or_init(|| crate::arith::ifma::Ifma::new(&N_LIMBS).map(Group::new))
        .as_ref()
}

#[cfg(all(target_arch = "wasm32", feature = "host-bigint"))]
fn host() -> Option<&'static Group<crate::arith::host::HostMont>> {
    static HOST: OnceLock<Option<Group<crate::arith::host::HostMont>>> = OnceLock::new();
    HOST.get_or_init(|| crate::arith::host::HostMont::new(&N_LIMBS).map(Group::new))
        .as_ref()
}

/// Runs `$body` with `$group` bound to the chosen backend's [`Group`].
macro_rules! with_group {
    ($group:ident => $body:expr) => {{
        let chosen = backend();
        #[cfg(all(target_arch = "wasm32", feature = "host-bigint"))]
        let host = match chosen {
            Backend::HostBigInt => host(),
            _ => None,
        };
        #[cfg(not(all(target_arch = "wasm32", feature = "host-bigint")))]
        let host: Option<&Group<MontParams<LIMBS>>> = None;
        if let Some($group) = host {
            $body
        } else if chosen == Backend::Portable32 {
            let $group = portable32();
            $body
        } else {
            #[cfg(target_arch = "x86_64")]
            let ifma = match chosen {
                Backend::Avx512Ifma => ifma(),
                _ => None,
            };
            #[cfg(not(target_arch = "x86_64"))]
            let ifma: Option<&Group<MontParams<LIMBS>>> = None;
            match ifma {
                Some($group) => $body,
                None => {
                    let $group = portable();
                    $body
                }
            }
        }
    }};
}

/// `g^e mod N`, as 384 big-endian bytes.
pub(crate) fn pow_g(e: &[u8]) -> Zeroizing<Vec<u8>> {
    to_bytes(with_group!(group => {
        let mut r = group.pow_g(e);
        let out = group.field.leave(&r);
        r.zeroize();
        out
    }))
}

/// `B mod N`, for a public `B` of any length: what the protocol checks and computes with.
#[derive(Clone, Copy)]
pub(crate) struct Reduced(Uint<LIMBS>);

impl Reduced {
    /// Whether `B ≡ 0 (mod N)`.
    pub(crate) fn is_zero(&self) -> bool {
        bool::from(self.0.ct_is_zero())
    }

    /// The value, as 384 big-endian bytes.
    #[cfg(any(test, feature = "server"))]
    pub(crate) fn to_be_bytes(self) -> Zeroizing<Vec<u8>> {
        to_bytes(self.0)
    }
}

/// `b mod N` (constant-time in the value; the work follows `b`'s length).
pub(crate) fn reduce(b: &[u8]) -> Reduced {
    Reduced(with_group!(group => {
        let mut r = group.enter_be(b);
        let out = group.field.leave(&r);
        r.zeroize();
        out
    }))
}

/// `S = (B − k·g^x)^(a + u·x) mod N` (the base reduced mod `N`), as 384 big-endian bytes.
pub(crate) fn premaster_secret(b: &Reduced, x: &[u8], a: &[u8], u: &[u8]) -> Zeroizing<Vec<u8>> {
    to_bytes(with_group!(group => group.premaster_secret(&b.0, x, a, u)))
}

/// `B = (k·v + g^b) mod N`, as 384 big-endian bytes: the server's public ephemeral value.
#[cfg(feature = "server")]
pub(crate) fn server_b(v: &[u8], b: &[u8]) -> Zeroizing<Vec<u8>> {
    to_bytes(with_group!(group => group.server_b(v, b)))
}

/// `S = (A·v^u)^b mod N` (`A` reduced mod `N`), as 384 big-endian bytes: the server's
/// premaster secret.
#[cfg(feature = "server")]
pub(crate) fn server_premaster_secret(
    a: &Reduced,
    v: &[u8],
    u: &[u8],
    b: &[u8],
) -> Zeroizing<Vec<u8>> {
    to_bytes(with_group!(group => group.server_premaster_secret(&a.0, v, u, b)))
}

/// The memory of the chosen backend's comb tables, in bytes (both built).
#[cfg(any(test, feature = "bench-internals"))]
pub(crate) fn comb_table_bytes() -> usize {
    with_group!(group => group.table_bytes())
}

/// 384 big-endian bytes of `x`, wiping `x`.
fn to_bytes(mut x: Uint<LIMBS>) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(vec![0u8; 8 * LIMBS]);
    x.write_be(&mut out);
    x.zeroize();
    out
}

/// `a + u·x` in constant time, as big-endian bytes of the public length
/// `max(len(a), len(u) + len(x)) + 1`.
pub(crate) fn mul_add(a: &[u8], u: &[u8], x: &[u8]) -> Zeroizing<Vec<u8>> {
    let len = a.len().max(u.len() + x.len()) + 1;
    // Little-endian base-2^8 digits, accumulated in u64 columns (255² per product: any
    // length the crate accepts stays far below 2^64).
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
        out[len - 1 - i] = value.to_le_bytes()[0];
        carry = value >> 8;
    }
    out
}

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;

    use super::*;

    #[test]
    fn mul_add_small() {
        assert_eq!(&*mul_add(&[1], &[0x10], &[0x10]), &[0, 1, 1]);
        assert_eq!(&*mul_add(&[0xff, 0xff], &[0xff], &[0xff]), &[1, 0xfe, 0]);
        assert_eq!(&*mul_add(&[], &[], &[]), &[0]);
    }

    /// The premaster secret and the reduction of `B`, on each backend this CPU has,
    /// against num-bigint.
    #[test]
    fn every_backend_matches_num_bigint() {
        let n = BigUint::from_bytes_be(&N);
        let k = BigUint::from_bytes_be(&crate::group::K);
        let (x, a, u) = ([0x5au8; 32], [0xa7u8; 128], [0x3cu8; 32]);
        // B: below N, above N (512 bytes), and a multiple of N plus one.
        let bs = [
            vec![0x7f; 384],
            vec![0xc3; 512],
            (&n * 3u8 + 1u8).to_bytes_be(),
        ];
        let g_x = BigUint::from(2u8).modpow(&BigUint::from_bytes_be(&x), &n);
        let exponent =
            BigUint::from_bytes_be(&a) + BigUint::from_bytes_be(&u) * BigUint::from_bytes_be(&x);
        let check = |b_bytes: &[u8],
                     reduce: &dyn Fn(&[u8]) -> Uint<LIMBS>,
                     premaster: &dyn Fn(&Uint<LIMBS>) -> Uint<LIMBS>| {
            let b = BigUint::from_bytes_be(b_bytes) % &n;
            let reduced = reduce(b_bytes);
            assert_eq!(BigUint::from_bytes_be(&to_bytes(reduced)), b);
            let base = (&b + &n - (&k * &g_x) % &n) % &n;
            let want = base.modpow(&exponent, &n);
            assert_eq!(BigUint::from_bytes_be(&to_bytes(premaster(&reduced))), want);
        };
        let group = portable();
        for b in &bs {
            check(b, &|b| group.field.leave(&group.enter_be(b)), &|b| {
                group.premaster_secret(b, &x, &a, &u)
            });
        }
        let group = portable32();
        for b in &bs {
            check(b, &|b| group.field.leave(&group.enter_be(b)), &|b| {
                group.premaster_secret(b, &x, &a, &u)
            });
        }
        #[cfg(target_arch = "x86_64")]
        if let Some(group) = ifma() {
            for b in &bs {
                check(b, &|b| group.field.leave(&group.enter_be(b)), &|b| {
                    group.premaster_secret(b, &x, &a, &u)
                });
            }
        }
        assert!(reduce(&(&n * 2u8).to_bytes_be()).is_zero());
        assert!(reduce(&[]).is_zero());
    }

    #[test]
    fn backend_names_and_selection() {
        for b in Backend::ALL {
            assert_eq!(b.name().parse::<Backend>(), Ok(b));
        }
        assert_eq!("ifma".parse::<Backend>(), Err(Error::BackendUnavailable));
        assert!(Backend::Portable.is_available());
        if !Backend::Avx512Ifma.is_available() {
            assert_eq!(
                select_backend(Backend::Avx512Ifma),
                Err(Error::BackendUnavailable)
            );
        }
    }
}
