//! A differential test: an independent reference written the way AWS's JavaScript SDK is
//! (numbers as `BigUint`, `padHex` on hex *text*, hashes over hex-decoded strings), compared
//! with the crate on random inputs: any `a` length, `SRP_B` below and above `N`, salts with
//! odd lengths and leading zeros, any user, pool and password.

use hmac::{Hmac, KeyInit, Mac};
use num_bigint::BigUint;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use srp_cognito::{
    DevicePassword, DeviceVerifier, EphemeralSecret, Error, Password, PoolId, Session, Timestamp,
};

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

fn n() -> BigUint {
    BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap()
}

/// `padHex` as the JavaScript SDK writes it: on the hex text.
fn pad_hex(v: &BigUint) -> String {
    let mut hex = v.to_str_radix(16);
    if hex.len() % 2 == 1 {
        hex.insert(0, '0');
    } else if "89abcdef".contains(&hex[..1]) {
        hex.insert_str(0, "00");
    }
    hex
}

fn hex_hash(hex_text: &str) -> String {
    hex::encode(Sha256::digest(hex::decode(hex_text).unwrap()))
}

fn big(hex_text: &str) -> BigUint {
    BigUint::parse_bytes(hex_text.as_bytes(), 16).unwrap()
}

struct Reference {
    srp_a: String,
    u: String,
    s: String,
    key: String,
    signature: String,
}

/// What the reference computes from.
struct Inputs<'a> {
    realm: &'a str,
    user: &'a str,
    password: &'a str,
    a: &'a BigUint,
    srp_b: &'a str,
    salt: &'a str,
    secret_block: &'a [u8],
    timestamp: &'a str,
}

/// The whole PASSWORD_VERIFIER computation, JavaScript-SDK style.
fn reference(i: &Inputs<'_>) -> Reference {
    let Inputs {
        realm,
        user,
        password,
        a,
        srp_b,
        salt,
        secret_block,
        timestamp,
    } = *i;
    let (n, g) = (n(), BigUint::from(2u32));
    let k = big(&hex_hash(&format!("{}{}", pad_hex(&n), pad_hex(&g))));
    let big_a = g.modpow(a, &n);
    let b = big(srp_b);
    let u = big(&hex_hash(&format!("{}{}", pad_hex(&big_a), pad_hex(&b))));
    let inner = hex::encode(Sha256::digest(format!("{realm}{user}:{password}")));
    let x = big(&hex_hash(&format!("{}{inner}", pad_hex(&big(salt)))));
    let kgx = (&k * g.modpow(&x, &n)) % &n;
    // (B − k·g^x) mod N, taking care of a negative difference.
    let base = ((&b % &n) + &n - kgx) % &n;
    let s = base.modpow(&(a + &u * &x), &n);
    let hkdf = hkdf::Hkdf::<Sha256>::new(
        Some(&hex::decode(pad_hex(&u)).unwrap()),
        &hex::decode(pad_hex(&s)).unwrap(),
    );
    let mut key = [0u8; 16];
    hkdf.expand(b"Caldera Derived Key", &mut key).unwrap();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    mac.update(realm.as_bytes());
    mac.update(user.as_bytes());
    mac.update(secret_block);
    mac.update(timestamp.as_bytes());
    Reference {
        srp_a: big_a.to_str_radix(16),
        u: u.to_str_radix(16),
        s: s.to_str_radix(16),
        key: hex::encode(key),
        signature: base64(&mac.finalize().into_bytes()),
    }
}

fn base64(bytes: &[u8]) -> String {
    <base64ct::Base64 as base64ct::Encoding>::encode_string(bytes)
}

/// `SRP_B` candidates: below `N`, at or above it (up to 2N, unreduced), short, with zeros.
fn srp_b() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..384).prop_map(hex::encode),
        proptest::collection::vec(any::<u8>(), 384).prop_map(|r| {
            // N + r, r < N: as sent, above N.
            (n() + BigUint::from_bytes_be(&r) % n()).to_str_radix(16)
        }),
        "0{1,6}[1-9a-f][0-9a-f]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn user_session_matches_the_reference(
        a in proptest::collection::vec(any::<u8>(), 1..160),
        srp_b in srp_b(),
        salt in "0{0,4}[0-9a-fA-F]{1,40}",
        user in "[a-z0-9@._\\-]{1,24}|\\PC{1,8}",
        password in "\\PC{0,24}",
        pool_name in "[0-9a-zA-Z]{1,12}",
        secret_block in proptest::collection::vec(any::<u8>(), 1..64),
        secs in 0i64..253_402_300_799,
    ) {
        let a_big = BigUint::from_bytes_be(&a);
        prop_assume!(a_big != BigUint::ZERO);
        let pool = PoolId::parse(&format!("us-east-1_{pool_name}")).unwrap();
        let ts = Timestamp::from_unix_seconds(secs).unwrap();
        let want = reference(&Inputs {
            realm: &pool_name, user: &user, password: &password, a: &a_big, srp_b: &srp_b,
            salt: &salt, secret_block: &secret_block, timestamp: ts.as_str(),
        });
        let eph = EphemeralSecret::from_bytes(&a).unwrap();
        prop_assert_eq!(eph.srp_a().as_str(), want.srp_a.as_str());
        let session = match Session::user(eph, &pool, &user, &Password::new(password.clone()), &salt, &srp_b) {
            Ok(session) => session,
            Err(e) => {
                // Only a B that is a multiple of N may be refused (and is, by the reference's maths).
                prop_assert_eq!(e, Error::BModNZero);
                prop_assert_eq!(big(&srp_b) % n(), BigUint::ZERO);
                return Ok(());
            }
        };
        prop_assert_eq!(session.u_hex(), want.u);
        prop_assert_eq!(&**session.expose_s_hex(), want.s.as_str());
        prop_assert_eq!(&**session.expose_key_hex(), want.key.as_str());
        let claim = session.claim(&base64(&secret_block), &ts).unwrap();
        prop_assert_eq!(claim.signature(), want.signature.as_str());
    }

    #[test]
    fn device_verifier_matches_the_reference(
        group_key in "-[A-Za-z0-9]{9}",
        device_key in "[a-z]{2}-[a-z]{4}-[0-9]_[0-9a-f\\-]{36}",
        password in proptest::collection::vec(any::<u8>(), 40).prop_map(|b| base64(&b)),
        salt in proptest::collection::vec(any::<u8>(), 16),
    ) {
        let (n, g) = (n(), BigUint::from(2u32));
        let salt_big = BigUint::from_bytes_be(&salt);
        let inner = hex::encode(Sha256::digest(format!("{group_key}{device_key}:{password}")));
        let x = big(&hex_hash(&format!("{}{inner}", pad_hex(&salt_big))));
        let verifier = pad_hex(&g.modpow(&x, &n));
        let got = DeviceVerifier::from_parts(&group_key, &device_key, DevicePassword::new(password.clone()), &salt).unwrap();
        prop_assert_eq!(got.password_verifier(), base64(&hex::decode(verifier).unwrap()));
        prop_assert_eq!(got.salt(), base64(&hex::decode(pad_hex(&salt_big)).unwrap()));
    }
}

/// The reference itself agrees with a shared vector, so the comparison above means something.
#[test]
fn the_reference_reproduces_a_shared_vector() {
    let path = format!(
        "{}/test-vectors/password_verifier.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vector = &file["vectors"][3];
    let (input, expected) = (&vector["input"], &vector["expected"]);
    let s = |k: &str| input[k].as_str().unwrap();
    let pool = PoolId::parse(s("pool_id")).unwrap();
    let block = <base64ct::Base64 as base64ct::Encoding>::decode_vec(s("secret_block")).unwrap();
    let want = reference(&Inputs {
        realm: pool.name(),
        user: s("user_id_for_srp"),
        password: s("password"),
        a: &big(s("a")),
        srp_b: s("srp_b"),
        salt: s("salt"),
        secret_block: &block,
        timestamp: s("timestamp"),
    });
    assert_eq!(want.srp_a, expected["srp_a"].as_str().unwrap());
    assert_eq!(
        want.signature,
        expected["password_claim_signature"].as_str().unwrap()
    );
}
