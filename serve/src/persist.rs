//! `--state FILE`: everything serve knows that outlives a sign-in — pools, app clients,
//! users with their SRP verifiers and TOTP secrets, devices with theirs, refresh tokens and
//! live sign-ins, the token-signing key and the decoy key — written to one JSON file after
//! each operation (atomically: a temporary file renamed over it, readable by its owner
//! only) and read back at start. Pending challenges (three-minute sessions) and unused
//! confirmation codes are not kept.
//!
//! The file holds secrets (verifiers, TOTP secrets, refresh tokens, the signing key): it
//! is the state of a test double, to keep next to the test suite, never a real user's.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use base64ct::{Base64, Encoding};
use serde_json::{Map, Value, json};
use srp_cognito::PoolId;
use srp_cognito::server::Verifier;
use zeroize::Zeroizing;

use super::jwt::SigningKey;
use super::state::{Client, Device, Grant, Mfa, Pool, State, Status, Totp, User, strings};

/// The file format's version.
const VERSION: u64 = 1;

fn b64(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

fn verifier_json(verifier: &Verifier) -> Value {
    json!({"salt": b64(verifier.salt_bytes()), "v": b64(verifier.expose_verifier())})
}

fn status_of(text: &str) -> Result<Status, String> {
    match text {
        "CONFIRMED" => Ok(Status::Confirmed),
        "FORCE_CHANGE_PASSWORD" => Ok(Status::ForceChangePassword),
        "UNCONFIRMED" => Ok(Status::Unconfirmed),
        "RESET_REQUIRED" => Ok(Status::ResetRequired),
        other => Err(format!("unknown user status {other:?}")),
    }
}

impl State {
    /// Everything `--state` keeps, as JSON (secrets included: see the module's docs).
    pub(crate) fn to_json(&self) -> Value {
        let pools: Vec<Value> = self.pools.values().map(pool_json).collect();
        let refresh: Vec<Value> = self
            .refresh
            .iter()
            .map(|(token, g)| {
                json!({"token": token, "pool": g.pool, "client": g.client,
                    "username": g.username, "device_key": g.device_key, "origin": g.origin})
            })
            .collect();
        let origins: Vec<Value> = self
            .origins
            .iter()
            .map(|(origin, (pool, username))| json!([origin, pool, username]))
            .collect();
        let (kid, e, primes) = self.key.parts();
        json!({
            "version": VERSION,
            "signing_key": {"kid": kid, "e": b64(&e),
                "primes": primes.iter().map(|p| b64(p)).collect::<Vec<_>>()},
            "decoy_key": self.decoy_key,
            "pools": pools,
            "refresh_tokens": refresh,
            "sign_ins": origins,
        })
    }

    /// The state `to_json` wrote, for a server at `base_url`.
    pub(crate) fn from_json(value: &Value, base_url: &str) -> Result<State, String> {
        let mut state = State::new(base_url)?;
        if value["version"].as_u64() != Some(VERSION) {
            return Err(format!("not a version {VERSION} state file"));
        }
        let key = &value["signing_key"];
        let primes = key["primes"]
            .as_array()
            .ok_or("signing_key.primes")?
            .iter()
            .map(|p| bytes(p, "a prime"))
            .collect::<Result<Vec<_>, _>>()?;
        state.key =
            SigningKey::from_parts(text(&key["kid"], "kid")?, &bytes(&key["e"], "e")?, &primes)?;
        state.decoy_key = text(&value["decoy_key"], "decoy_key")?;
        for pool in array(&value["pools"], "pools")? {
            let pool = pool_from(pool)?;
            for id in pool.clients.keys() {
                state
                    .client_pools
                    .insert(id.clone(), pool.id.as_str().to_owned());
            }
            state.pools.insert(pool.id.as_str().to_owned(), pool);
        }
        for grant in array(&value["refresh_tokens"], "refresh_tokens")? {
            state.refresh.insert(
                text(&grant["token"], "token")?,
                Grant {
                    pool: text(&grant["pool"], "pool")?,
                    client: text(&grant["client"], "client")?,
                    username: text(&grant["username"], "username")?,
                    device_key: grant["device_key"].as_str().map(str::to_owned),
                    origin: text(&grant["origin"], "origin")?,
                },
            );
        }
        for sign_in in array(&value["sign_ins"], "sign_ins")? {
            let [origin, pool, username] = [0, 1, 2].map(|i| text(&sign_in[i], "a sign-in"));
            state.origins.insert(origin?, (pool?, username?));
        }
        Ok(state)
    }
}

fn pool_json(pool: &Pool) -> Value {
    let clients: Map<String, Value> = pool
        .clients
        .iter()
        .map(|(id, c)| {
            (
                id.clone(),
                json!({"name": c.name, "secret": c.secret, "flows": c.flows,
                "prevent_existence_errors": c.prevent_existence_errors}),
            )
        })
        .collect();
    let users: Vec<Value> = pool.users.values().map(user_json).collect();
    json!({
        "id": pool.id.as_str(),
        "name": pool.name,
        "username_attributes": pool.username_attributes,
        "alias_attributes": pool.alias_attributes,
        "devices": pool.devices,
        "remember_on_prompt": pool.remember_on_prompt,
        "mfa": pool.mfa.as_str(),
        "created": pool.created,
        "clients": clients,
        "users": users,
    })
}

fn user_json(user: &User) -> Value {
    let devices: Map<String, Value> = user
        .devices
        .iter()
        .map(|(key, d)| {
            (
                key.clone(),
                json!({"group_key": d.group_key, "name": d.name, "created": d.created,
                "verifier": d.verifier.as_ref().map(verifier_json), "remembered": d.remembered}),
            )
        })
        .collect();
    json!({
        "username": user.username,
        "sub": user.sub,
        "attributes": user.attributes,
        "verifier": verifier_json(&user.verifier),
        "status": user.status.as_str(),
        "enabled": user.enabled,
        "totp": user.totp.as_ref().map(|t| json!({"secret": b64(&t.secret),
            "pending": t.pending.as_ref().map(|p| b64(p)),
            "verified": t.verified, "enabled": t.enabled})),
        "devices": devices,
    })
}

fn text(value: &Value, what: &str) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{what}: not a string"))
}

fn bytes(value: &Value, what: &str) -> Result<Vec<u8>, String> {
    Base64::decode_vec(value.as_str().unwrap_or("")).map_err(|_| format!("{what}: not base64"))
}

fn array<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("{what}: not an array"))
}

fn flag(value: &Value, what: &str) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| format!("{what}: not true or false"))
}

fn verifier_from(value: &Value) -> Result<Verifier, String> {
    Verifier::from_parts(&bytes(&value["salt"], "salt")?, &bytes(&value["v"], "v")?)
        .map_err(|e| format!("a verifier: {e}"))
}

fn pool_from(value: &Value) -> Result<Pool, String> {
    let id = PoolId::parse(&text(&value["id"], "pool id")?).map_err(|e| e.to_string())?;
    let mut clients = BTreeMap::new();
    for (cid, c) in value["clients"].as_object().ok_or("clients")? {
        clients.insert(
            cid.clone(),
            Client {
                name: text(&c["name"], "client name")?,
                secret: c["secret"].as_str().map(str::to_owned),
                flows: strings(c, "flows"),
                prevent_existence_errors: flag(&c["prevent_existence_errors"], "prevent")?,
            },
        );
    }
    let mut users = BTreeMap::new();
    for u in array(&value["users"], "users")? {
        let user = user_from(u)?;
        users.insert(user.username.clone(), user);
    }
    Ok(Pool {
        id,
        name: text(&value["name"], "pool name")?,
        username_attributes: strings(value, "username_attributes"),
        alias_attributes: strings(value, "alias_attributes"),
        devices: flag(&value["devices"], "devices")?,
        remember_on_prompt: flag(&value["remember_on_prompt"], "remember_on_prompt")?,
        mfa: Mfa::parse(value["mfa"].as_str().unwrap_or("")).map_err(|e| e.message().to_owned())?,
        created: value["created"].as_u64().unwrap_or(0),
        clients,
        users,
    })
}

fn user_from(value: &Value) -> Result<User, String> {
    let attributes: BTreeMap<String, String> = value["attributes"]
        .as_object()
        .ok_or("attributes")?
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
        .collect();
    let mut devices = BTreeMap::new();
    for (key, d) in value["devices"].as_object().ok_or("devices")? {
        let verifier = match &d["verifier"] {
            Value::Null => None,
            v => Some(verifier_from(v)?),
        };
        devices.insert(
            key.clone(),
            Device {
                group_key: text(&d["group_key"], "group key")?,
                name: d["name"].as_str().map(str::to_owned),
                created: d["created"].as_u64().unwrap_or(0),
                verifier,
                remembered: flag(&d["remembered"], "remembered")?,
            },
        );
    }
    let totp = match &value["totp"] {
        Value::Null => None,
        t => Some(Totp {
            secret: Zeroizing::new(bytes(&t["secret"], "TOTP secret")?),
            pending: match &t["pending"] {
                Value::Null => None,
                p => Some(Zeroizing::new(bytes(p, "pending TOTP secret")?)),
            },
            verified: flag(&t["verified"], "verified")?,
            enabled: flag(&t["enabled"], "enabled")?,
        }),
    };
    Ok(User {
        username: text(&value["username"], "username")?,
        sub: text(&value["sub"], "sub")?,
        attributes,
        verifier: verifier_from(&value["verifier"])?,
        status: status_of(value["status"].as_str().unwrap_or(""))?,
        enabled: flag(&value["enabled"], "enabled")?,
        totp,
        code: None,
        devices,
    })
}

/// Writes `state` to `path`: a temporary file beside it (owner-only), renamed over it.
pub(crate) fn save(state: &State, path: &Path) -> std::io::Result<()> {
    let text = Zeroizing::new(state.to_json().to_string());
    let temporary = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}

/// The state in `path`, or `None` where there is no such file yet.
pub(crate) fn load(path: &Path, base_url: &str) -> Result<Option<State>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    State::from_json(&value, base_url)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}
