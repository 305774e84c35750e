//! Engine internals for the benchmarks (feature `bench-internals`). Not part of the API:
//! no stability promise. Values in a Montgomery domain stay opaque here too.

use crate::arith::Uint;
use crate::arith::comb::Comb;
use crate::arith::mont::{Mont, MontParams};
use crate::engine::{LIMBS, N_LIMBS};

/// `Debug` for the opaque engine values: their limbs are not printed.
macro_rules! opaque_debug {
    ($($(#[$cfg:meta])* $name:ident,)*) => {$(
        $(#[$cfg])*
        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }
    )*};
}

opaque_debug! {
    Elem,
    Field,
    FixedBase,
    #[cfg(target_arch = "x86_64")]
    IfmaField,
    #[cfg(target_arch = "x86_64")]
    IfmaElem,
}

/// Big-endian `x` as limbs.
///
/// # Panics
/// For more than 384 bytes (not zero-padded).
fn limbs(x: &[u8]) -> Uint<LIMBS> {
    Uint::from_be_slice(x).expect("at most 384 bytes (a 3072-bit number)")
}

/// An element of the portable Montgomery domain modulo the Cognito group's `N`.
#[derive(Clone, Copy)]
pub struct Elem(Mont<LIMBS>);

/// Montgomery arithmetic modulo the Cognito group's `N` (the portable backend).
pub struct Field(MontParams<LIMBS>);

impl Default for Field {
    fn default() -> Self {
        Self::new()
    }
}

impl Field {
    /// The field of the Cognito group.
    #[must_use]
    pub fn new() -> Self {
        Field(MontParams::new(N_LIMBS).expect("N is odd and 3072 bits long"))
    }

    /// `x·R mod N` for big-endian `x` (at most 384 bytes).
    ///
    /// # Panics
    /// For an `x` of more than 384 bytes (not zero-padded): a benchmark's mistake.
    #[must_use]
    pub fn to_mont(&self, x: &[u8]) -> Elem {
        Elem(self.0.to_mont(&limbs(x)))
    }

    /// Montgomery multiplication.
    #[must_use]
    pub fn mul(&self, a: &Elem, b: &Elem) -> Elem {
        Elem(self.0.mul(&a.0, &b.0))
    }

    /// Montgomery squaring.
    #[must_use]
    pub fn square(&self, a: &Elem) -> Elem {
        Elem(self.0.square(&a.0))
    }

    /// `base^exp` by the constant-time fixed window.
    #[must_use]
    pub fn pow(&self, base: &Elem, exp: &[u8]) -> Elem {
        Elem(crate::arith::pow::pow(&self.0, &base.0, exp))
    }

    /// A comb table for `base` and exponents of `max_bits`.
    #[must_use]
    pub fn comb(&self, base: &Elem, max_bits: usize) -> FixedBase {
        FixedBase(Comb::new(&self.0, &base.0, max_bits))
    }

    /// `base^exp` by a comb table (`None` past its size).
    #[must_use]
    pub fn comb_pow(&self, table: &FixedBase, exp: &[u8]) -> Option<Elem> {
        table.0.pow(&self.0, exp).map(Elem)
    }
}

/// A comb table.
pub struct FixedBase(Comb<MontParams<LIMBS>>);

/// The AVX-512 IFMA kernel modulo `N`, where the CPU has it.
#[cfg(target_arch = "x86_64")]
pub struct IfmaField(crate::arith::ifma::Ifma);

/// An element of the IFMA domain.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
pub struct IfmaElem(crate::arith::ifma::Elem);

#[cfg(target_arch = "x86_64")]
impl IfmaField {
    /// The kernel, or `None` on a CPU without AVX-512 IFMA.
    #[must_use]
    pub fn new() -> Option<Self> {
        crate::arith::ifma::Ifma::new(&N_LIMBS).map(IfmaField)
    }

    /// Big-endian `x` (below N) into the domain.
    ///
    /// # Panics
    /// For an `x` of more than 384 bytes (not zero-padded): a benchmark's mistake.
    #[must_use]
    pub fn enter(&self, x: &[u8]) -> IfmaElem {
        use crate::arith::Domain;
        IfmaElem(self.0.enter(&limbs(x)))
    }

    /// Almost-Montgomery multiplication.
    #[must_use]
    pub fn mul(&self, a: &IfmaElem, b: &IfmaElem) -> IfmaElem {
        use crate::arith::Field as _;
        IfmaElem(self.0.mul(&a.0, &b.0))
    }

    /// Squaring (the same multiplication).
    #[must_use]
    pub fn square(&self, a: &IfmaElem) -> IfmaElem {
        use crate::arith::Field as _;
        IfmaElem(self.0.square(&a.0))
    }

    /// `base^exp` by the constant-time fixed window.
    #[must_use]
    pub fn pow(&self, base: &IfmaElem, exp: &[u8]) -> IfmaElem {
        IfmaElem(crate::arith::pow::pow(&self.0, &base.0, exp))
    }
}

/// `g^e mod N` through the crate's engine (comb tables shared with the protocol).
#[must_use]
pub fn pow_g(e: &[u8]) -> Vec<u8> {
    crate::engine::pow_g(e).to_vec()
}

/// The memory of the engine's two comb tables, in bytes.
#[must_use]
pub fn comb_table_bytes() -> usize {
    crate::engine::comb_table_bytes()
}
