//! Cognito SRP written the way AWS's JavaScript SDK (amazon-cognito-identity-js) writes
//! it: numbers as `BigUint`, `padHex` on hex *text*, hashes over hex-decoded strings. It
//! shares no code with `srp-cognito`, so that comparing the two on random inputs means
//! something; and it is the straightforward baseline that `srp-cognito-tools speed` and the
//! benchmarks measure the constant-time engine against.
//!
//! NOTE: every function here is variable-time (num-bigint's `modpow` and division branch
//! on and index by their operands) and keeps secrets in memory it never wipes. Never use
//! it for a real sign-in.

use hmac::{Hmac, KeyInit, Mac};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};

/// RFC 3526's 3072-bit MODP prime, as the SDKs write it.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879",
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B",
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836",
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804",
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6",
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226",
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// `N`.
#[must_use]
pub fn n() -> BigUint {
    big(N_HEX)
}

/// `g = 2`.
fn g() -> BigUint {
    BigUint::from(2u32)
}

/// A number from hex text (the caller's text must be hex: this is test code).
///
/// # Panics
/// On text that is not hexadecimal.
#[must_use]
pub fn big(hex_text: &str) -> BigUint {
    BigUint::parse_bytes(hex_text.as_bytes(), 16).expect("hex text")
}

/// `padHex` as the JavaScript SDK writes it: on the hex text (a `0` for an odd length,
/// `00` before a leading digit of 8 to f).
#[must_use]
pub fn pad_hex(v: &BigUint) -> String {
    let mut hex = v.to_str_radix(16);
    if hex.len() % 2 == 1 {
        hex.insert(0, '0');
    } else if "89abcdef".contains(&hex[..1]) {
        hex.insert_str(0, "00");
    }
    hex
}

/// `hexHash`: SHA-256 of the bytes that hex text encodes, as hex.
///
/// # Panics
/// On text that is not an even count of hex digits.
#[must_use]
pub fn hex_hash(hex_text: &str) -> String {
    hex::encode(Sha256::digest(hex::decode(hex_text).expect("hex text")))
}

/// Standard padded base64.
#[must_use]
pub fn base64(bytes: &[u8]) -> String {
    <base64ct::Base64 as base64ct::Encoding>::encode_string(bytes)
}

/// `k = H(padHex(N) ‖ padHex(g))`.
#[must_use]
pub fn k() -> BigUint {
    big(&hex_hash(&format!("{}{}", pad_hex(&n()), pad_hex(&g()))))
}

/// `x = H(padHex(salt) ‖ H(realm ‖ user ‖ ":" ‖ password))`.
#[must_use]
pub fn x(salt: &BigUint, realm: &str, user: &str, password: &str) -> BigUint {
    let inner = hex::encode(Sha256::digest(format!("{realm}{user}:{password}")));
    big(&hex_hash(&format!("{}{inner}", pad_hex(salt))))
}

/// `Debug` for the reference's values that hold a secret: only their type's name.
macro_rules! redacted_debug {
    ($($name:ident $(<$l:lifetime>)?),*) => {$(
        impl $(<$l>)? core::fmt::Debug for $name $(<$l>)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name)).finish_non_exhaustive()
            }
        }
    )*};
}

redacted_debug!(Ephemeral, Challenge<'a>, Server);

/// The client's ephemeral pair: `a` and `A = g^a mod N`.
pub struct Ephemeral {
    /// `a`.
    pub a: BigUint,
    /// `A = g^a mod N`.
    pub big_a: BigUint,
}

impl Ephemeral {
    /// `A = g^a mod N` for big-endian `a`.
    #[must_use]
    pub fn new(a: &[u8]) -> Self {
        let a = BigUint::from_bytes_be(a);
        let big_a = g().modpow(&a, &n());
        Ephemeral { a, big_a }
    }

    /// `SRP_A`: `A` in lowercase hex, no leading zeros.
    #[must_use]
    pub fn srp_a(&self) -> String {
        self.big_a.to_str_radix(16)
    }
}

/// What PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) takes.
pub struct Challenge<'a> {
    /// The pool name (or the device group key).
    pub realm: &'a str,
    /// `USER_ID_FOR_SRP` (or the device key).
    pub user: &'a str,
    /// The password (or the device password).
    pub password: &'a str,
    /// `SALT`, hex.
    pub salt: &'a str,
    /// `SRP_B`, hex.
    pub srp_b: &'a str,
    /// `SECRET_BLOCK`, decoded.
    pub secret_block: &'a [u8],
    /// `TIMESTAMP`.
    pub timestamp: &'a str,
}

/// The claim and its intermediates, as hex (no leading zeros) and base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// `u = H(padHex(A) ‖ padHex(B))`.
    pub u: String,
    /// `x`.
    pub x: String,
    /// `S = (B − k·g^x)^(a + u·x) mod N`.
    pub s: String,
    /// The 16-byte HKDF key, hex.
    pub key: String,
    /// `PASSWORD_CLAIM_SIGNATURE`.
    pub signature: String,
}

/// The whole PASSWORD_VERIFIER computation.
///
/// # Panics
/// On `SALT` or `SRP_B` that is not hex (this is test code).
#[must_use]
pub fn password_claim(e: &Ephemeral, c: &Challenge<'_>) -> Claim {
    let (n, g) = (n(), g());
    let b = big(c.srp_b);
    let u = big(&hex_hash(&format!("{}{}", pad_hex(&e.big_a), pad_hex(&b))));
    let x = x(&big(c.salt), c.realm, c.user, c.password);
    let k_g_x = (k() * g.modpow(&x, &n)) % &n;
    // (B − k·g^x) mod N, taking care of a negative difference.
    let base = ((&b % &n) + &n - k_g_x) % &n;
    let s = base.modpow(&(&e.a + &u * &x), &n);
    let key = session_key(&s, &u);
    Claim {
        u: u.to_str_radix(16),
        x: x.to_str_radix(16),
        s: s.to_str_radix(16),
        key: hex::encode(key),
        signature: signature(&key, c.realm, c.user, c.secret_block, c.timestamp),
    }
}

/// The 16-byte key: HKDF-SHA256(ikm = padHex(S), salt = padHex(u), "Caldera Derived Key").
fn session_key(s: &BigUint, u: &BigUint) -> [u8; 16] {
    let hkdf = hkdf::Hkdf::<Sha256>::new(
        Some(&hex::decode(pad_hex(u)).expect("hex")),
        &hex::decode(pad_hex(s)).expect("hex"),
    );
    let mut key = [0u8; 16];
    hkdf.expand(b"Caldera Derived Key", &mut key)
        .expect("16 bytes of HKDF-SHA256");
    key
}

/// `base64(HMAC-SHA256(key, realm ‖ user ‖ secret block ‖ timestamp))`.
fn signature(key: &[u8; 16], realm: &str, user: &str, block: &[u8], timestamp: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(realm.as_bytes());
    mac.update(user.as_bytes());
    mac.update(block);
    mac.update(timestamp.as_bytes());
    base64(&mac.finalize().into_bytes())
}

/// ConfirmDevice's `DeviceSecretVerifierConfig`: (`PasswordVerifier`, `Salt`), both base64
/// of `padHex`.
#[must_use]
pub fn device_verifier(
    group_key: &str,
    device_key: &str,
    password: &str,
    salt: &[u8],
) -> (String, String) {
    let salt = BigUint::from_bytes_be(salt);
    let x = x(&salt, group_key, device_key, password);
    let verifier = pad_hex(&g().modpow(&x, &n()));
    (
        base64(&hex::decode(verifier).expect("hex")),
        base64(&hex::decode(pad_hex(&salt)).expect("hex")),
    )
}

/// The server's side of one exchange, as Cognito runs it: the stored verifier
/// `v = g^x`, the ephemeral `B = (k·v + g^b) mod N`, and the signature it expects,
/// from `S = (A·v^u)^b`.
pub struct Server {
    realm: String,
    user: String,
    v: BigUint,
    b: BigUint,
    big_b: BigUint,
}

impl Server {
    /// A server that knows `password` for `user` in `realm` (pool name, or device group
    /// key), with `salt` (hex) and the ephemeral secret `b` (big-endian).
    ///
    /// # Panics
    /// On a salt that is not hex (this is test code).
    #[must_use]
    pub fn new(realm: &str, user: &str, password: &str, salt: &str, b: &[u8]) -> Self {
        let (n, g) = (n(), g());
        let v = g.modpow(&x(&big(salt), realm, user, password), &n);
        Self::with_verifier(realm, user, v, b)
    }

    /// A server that stores the verifier `v` (as ConfirmDevice sends it for a device).
    #[must_use]
    pub fn with_verifier(realm: &str, user: &str, v: BigUint, b: &[u8]) -> Self {
        let (n, g) = (n(), g());
        let b = BigUint::from_bytes_be(b);
        let big_b = (k() * &v + g.modpow(&b, &n)) % &n;
        Server {
            realm: realm.to_owned(),
            user: user.to_owned(),
            v,
            b,
            big_b,
        }
    }

    /// `SRP_B`, lowercase hex as Cognito sends it.
    #[must_use]
    pub fn srp_b(&self) -> String {
        self.big_b.to_str_radix(16)
    }

    /// The `PASSWORD_CLAIM_SIGNATURE` this server accepts for the client's `SRP_A`.
    ///
    /// # Panics
    /// On an `SRP_A` that is not hex (this is test code).
    #[must_use]
    pub fn expected_signature(&self, srp_a: &str, secret_block: &[u8], timestamp: &str) -> String {
        let n = n();
        let a = big(srp_a);
        let u = big(&hex_hash(&format!(
            "{}{}",
            pad_hex(&a),
            pad_hex(&self.big_b)
        )));
        let s = (a * self.v.modpow(&u, &n) % &n).modpow(&self.b, &n);
        let key = session_key(&s, &u);
        signature(&key, &self.realm, &self.user, secret_block, timestamp)
    }
}
