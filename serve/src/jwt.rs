//! Tokens as Cognito issues them: JWTs signed RS256 with the pool's key, which is
//! published as a JWKS at `/<pool id>/.well-known/jwks.json`.

use base64ct::{Base64UrlUnpadded, Encoding};
use rsa::sha2::Sha256;
use rsa::traits::PrivateKeyParts;
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PrivateKey};
use serde_json::{Value, json};

/// A pool's signing key and its key id.
pub(crate) struct SigningKey {
    key: PrivateKey,
    kid: String,
}

impl SigningKey {
    /// A fresh 2048-bit key (what Cognito's JWKS publishes), from the operating system.
    pub(crate) fn generate(kid: String) -> Result<Self, String> {
        let key = PrivateKey::new(&mut getrandom::SysRng, 2048)
            .map_err(|e| format!("cannot generate the signing key: {e}"))?;
        Ok(SigningKey { key, kid })
    }

    /// What `--state` keeps of the key: its id, public exponent and primes (big-endian).
    pub(crate) fn parts(&self) -> (String, Vec<u8>, Vec<Vec<u8>>) {
        let primes = self
            .key
            .primes()
            .iter()
            .map(|p| p.as_ref().to_be_bytes().to_vec())
            .collect();
        (self.kid.clone(), self.key.e_bytes().to_vec(), primes)
    }

    /// The key `parts` gave, rebuilt.
    pub(crate) fn from_parts(kid: String, e: &[u8], primes: &[Vec<u8>]) -> Result<Self, String> {
        let [p, q] = primes else {
            return Err("the signing key needs two primes".into());
        };
        let number = |bytes: &[u8]| BoxedUint::from_be_slice_vartime(bytes);
        let key = PrivateKey::from_p_q(number(p), number(q), number(e))
            .map_err(|e| format!("the signing key: {e}"))?;
        Ok(SigningKey { key, kid })
    }

    /// The JWT of `claims`: `base64url(header).base64url(claims).base64url(RS256 signature)`.
    pub(crate) fn sign(&self, claims: &Value) -> Result<String, String> {
        let header = json!({"kid": self.kid, "alg": "RS256"});
        let input = format!(
            "{}.{}",
            Base64UrlUnpadded::encode_string(header.to_string().as_bytes()),
            Base64UrlUnpadded::encode_string(claims.to_string().as_bytes())
        );
        let signature = self
            .key
            .pkcs1v15_sign::<Sha256>(input.as_bytes())
            .map_err(|e| format!("cannot sign a token: {e}"))?;
        Ok(format!(
            "{input}.{}",
            Base64UrlUnpadded::encode_string(&signature)
        ))
    }

    /// The public key as one JWK of a JWKS.
    pub(crate) fn jwk(&self) -> Value {
        let public = self.key.to_public_key();
        json!({
            "alg": "RS256",
            "e": Base64UrlUnpadded::encode_string(&public.e_bytes()),
            "kid": self.kid,
            "kty": "RSA",
            "n": Base64UrlUnpadded::encode_string(&public.n_bytes()),
            "use": "sig",
        })
    }
}

/// The claims of a JWT, read without checking its signature (this server checks its own
/// tokens by signature: see [`SigningKey::verify`]).
pub(crate) fn claims_unverified(token: &str) -> Option<Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).ok()?).ok()
}

impl SigningKey {
    /// The claims of `token` if this key signed it.
    pub(crate) fn verify(&self, token: &str) -> Option<Value> {
        let (input, signature) = token.rsplit_once('.')?;
        let signature = Base64UrlUnpadded::decode_vec(signature).ok()?;
        self.key
            .to_public_key()
            .pkcs1v15_verify::<Sha256>(input.as_bytes(), &signature)
            .ok()?;
        claims_unverified(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_verifies_and_publishes() {
        let key = SigningKey::generate("kid-1".into()).unwrap();
        let token = key
            .sign(&json!({"sub": "u", "token_use": "access"}))
            .unwrap();
        assert_eq!(key.verify(&token).unwrap()["sub"], "u");
        let mut forged = token.clone();
        forged.replace_range(forged.len() - 4.., "AAAA");
        assert!(key.verify(&forged).is_none());
        let jwk = key.jwk();
        assert_eq!(jwk["e"], "AQAB");
        assert_eq!(
            Base64UrlUnpadded::decode_vec(jwk["n"].as_str().unwrap())
                .unwrap()
                .len(),
            256
        );
    }
}
