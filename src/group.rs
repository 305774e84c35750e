//! The Cognito SRP group: RFC 3526's 3072-bit MODP prime `N`, `g = 2`, and `k`.

/// `N`, the 3072-bit MODP prime of RFC 3526 §4 (also RFC 5054's 3072-bit group),
/// `2^3072 − 2^3008 − 1 + 2^64·(⌊2^2942·π⌋ + 1690314)`, big-endian.
pub(crate) const N: [u8; 384] = hex_array(concat!(
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
    "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
    "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
    "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
    "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
    "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
    "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
    "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
    "08e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
));

/// The generator `g = 2`.
pub(crate) const G: [u8; 1] = [2];

/// Decodes a hex literal at compile time (a bad literal fails the build).
const fn hex_array<const LEN: usize>(hex: &str) -> [u8; LEN] {
    let digits = hex.as_bytes();
    assert!(digits.len() == 2 * LEN, "hex literal of the wrong length");
    let mut out = [0u8; LEN];
    let mut i = 0;
    while i < digits.len() {
        let c = digits[i];
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a lowercase hex digit"),
        };
        out[i / 2] |= v << (4 * (1 - i % 2));
        i += 1;
    }
    out
}

/// `k = H(padHex(N) ‖ padHex(g))`, as AWS's SDKs compute it (`hexHash(padHex(N) +
/// padHex(g))`); a test recomputes it.
pub(crate) const K: [u8; 32] =
    hex_array("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    use crate::encoding::pad_vartime;

    #[test]
    fn k_is_the_hash_of_n_and_g() {
        let mut h = Sha256::new();
        h.update(&*pad_vartime(&N));
        h.update(&*pad_vartime(&G));
        assert_eq!(<[u8; 32]>::from(h.finalize()), K);
    }
}
