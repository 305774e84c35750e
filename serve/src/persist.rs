//! `--state FILE`: everything serve knows that outlives a sign-in — pools, app clients,
//! users with their SRP verifiers and TOTP secrets, devices with theirs, refresh tokens and
//! live sign-ins, the token-signing key and the decoy key — in an SQLite database. Each
//! operation's changes are one transaction, committed before it is answered (a failed
//! commit is answered `InternalErrorException` and the operation undone); only the rows an
//! operation changed are written, so its cost does not grow with what the file holds.
//! Pending challenges (three-minute sessions) and unused confirmation codes are not kept.
//!
//! The file is created readable by its owner only; one that is not a regular file, belongs
//! to someone else or is open to others is refused, and SQLite's lock (held while serve
//! runs) refuses a second serve on it. Commits survive a killed serve (SQLite's write-ahead
//! log, `synchronous = NORMAL`); a power cut may lose the last few, never the file.
//!
//! The file holds secrets (verifiers, TOTP secrets, refresh tokens, the signing key): it
//! is the state of a test double, to keep next to the test suite, never a real user's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};
use srp_cognito::PoolId;
use srp_cognito::server::Verifier;
use zeroize::Zeroizing;

use super::jwt::SigningKey;
use super::request::strings;
use super::state::{
    Client, DEFAULT_REFRESH_VALIDITY, Device, Grant, Group, Mfa, Origin, Pool, State, Status, Totp,
    User,
};
use super::tracked::Tracked;

/// The schema's version (SQLite's `user_version`).
const VERSION: i64 = 2;

const SCHEMA: &str = "
    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE pools (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE users (pool TEXT NOT NULL, username TEXT NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (pool, username)) WITHOUT ROWID;
    CREATE TABLE refresh_tokens (token TEXT PRIMARY KEY, pool TEXT NOT NULL,
        client TEXT NOT NULL, username TEXT NOT NULL, device_key TEXT, origin TEXT NOT NULL,
        expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE sign_ins (origin TEXT PRIMARY KEY, pool TEXT NOT NULL,
        username TEXT NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
";

/// An open state file, locked for this serve.
pub(crate) struct Store {
    connection: Connection,
    path: PathBuf,
}

impl core::fmt::Debug for Store {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The rows one operation changed: `None` where the row is gone.
#[derive(Default)]
struct Changes {
    pools: Vec<(String, Option<Zeroizing<String>>)>,
    users: Vec<(String, String, Option<Zeroizing<String>>)>,
    refresh: Vec<(String, Option<Grant>)>,
    origins: Vec<(String, Option<Origin>)>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.pools.is_empty()
            && self.users.is_empty()
            && self.refresh.is_empty()
            && self.origins.is_empty()
    }
}

/// Takes what the last operation changed out of `state`: as rows to write where `write`,
/// else only forgotten (serve without `--state`).
fn take_changes(state: &mut State, write: bool) -> Changes {
    let mut changes = Changes::default();
    if !write {
        for id in state.pools.take_touched() {
            if let Some(pool) = state.pools.get_mut_untracked(&id) {
                pool.users.take_touched();
            }
        }
        state.refresh.take_touched();
        state.origins.take_touched();
        return changes;
    }
    for id in state.pools.take_touched() {
        let Some(pool) = state.pools.get_mut_untracked(&id) else {
            changes.pools.push((id, None));
            continue;
        };
        for username in pool.users.take_touched() {
            let doc = pool
                .users
                .get(&username)
                .map(|u| Zeroizing::new(user_json(u).to_string()));
            changes.users.push((id.clone(), username, doc));
        }
        changes
            .pools
            .push((id, Some(Zeroizing::new(pool_json(pool).to_string()))));
    }
    for token in state.refresh.take_touched() {
        let row = state.refresh.get(&token).cloned();
        changes.refresh.push((token, row));
    }
    for origin in state.origins.take_touched() {
        let row = state.origins.get(&origin).cloned();
        changes.origins.push((origin, row));
    }
    changes
}

/// After an operation: its changes committed to the state file (one transaction), or,
/// without one, forgotten.
///
/// # Errors
/// The commit failed: the state is then read back from the file, as it was before the
/// operation, and the message says why.
pub(crate) fn commit(state: &mut State) -> Result<(), String> {
    let Some(mut store) = state.store.take() else {
        take_changes(state, false);
        return Ok(());
    };
    let changes = take_changes(state, true);
    let written = if changes.is_empty() {
        Ok(())
    } else {
        store.write(&changes)
    };
    let outcome = match written {
        Ok(()) => Ok(()),
        Err(e) => {
            let why = format!("{}: {e}", store.path.display());
            // Undone: the state as the file has it (the last committed one).
            match store.load(&state.base_url) {
                Ok(Some(committed)) => {
                    state.pools = committed.pools;
                    state.client_pools = committed.client_pools;
                    state.refresh = committed.refresh;
                    state.origins = committed.origins;
                    Err(format!("{why} (the operation was undone)"))
                }
                Ok(None) | Err(_) => {
                    state.unusable = true;
                    Err(format!("{why} (and it cannot be read back: restart serve)"))
                }
            }
        }
    };
    state.store = Some(store);
    outcome
}

/// What a state file must be before serve opens it: a regular file (not a link, a device
/// or a FIFO) of this user, neither readable nor writable by anyone else.
fn check_file(path: &Path) -> Result<bool, String> {
    let shown = path.display();
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(format!("{shown}: {e}")),
    };
    if !metadata.file_type().is_file() {
        return Err(format!(
            "{shown}: not a regular file (a link, a folder, a device or a FIFO is not \
             taken as a state file)"
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.uid() != rustix::process::geteuid().as_raw() {
            return Err(format!("{shown}: belongs to another user"));
        }
        if metadata.mode() & 0o077 != 0 {
            return Err(format!(
                "{shown}: others may read or write it, and it holds secrets (chmod 600 it)"
            ));
        }
    }
    Ok(true)
}

impl Store {
    /// Opens the state file at `path` (created, owner-only, where there is none) and
    /// locks it for this serve.
    ///
    /// # Errors
    /// The file (or its SQLite journal beside it) is refused by [`check_file`], is not a
    /// state file, or another serve holds it.
    pub(crate) fn open(path: &Path) -> Result<Store, String> {
        let shown = path.display();
        let exists = check_file(path)?;
        for suffix in ["-wal", "-journal", "-shm"] {
            let mut beside = path.as_os_str().to_owned();
            beside.push(suffix);
            check_file(Path::new(&beside))?;
        }
        if !exists {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            options.open(path).map_err(|e| format!("{shown}: {e}"))?;
        }
        let connection = Connection::open(path).map_err(|e| format!("{shown}: {e}"))?;
        let busy = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                format!("{shown}: another serve holds this state file")
            }
            Some(rusqlite::ErrorCode::NotADatabase) => {
                format!("{shown}: not a state file (an SQLite database serve wrote)")
            }
            _ => format!("{shown}: {e}"),
        };
        // Another serve's lock is an answer at once, not a wait (rusqlite waits 5 s).
        connection
            .busy_timeout(std::time::Duration::ZERO)
            .map_err(|e| format!("{shown}: {e}"))?;
        // The lock is taken at the first write below and held until serve ends.
        connection
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(busy)?;
        connection
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(busy)?;
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(busy)?;
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(busy)?;
        match version {
            0 => {
                let tables: i64 = connection
                    .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
                    .map_err(busy)?;
                if tables != 0 {
                    return Err(format!("{shown}: an SQLite database serve did not write"));
                }
                connection
                    .execute_batch(&format!(
                        "BEGIN EXCLUSIVE; {SCHEMA} PRAGMA user_version = {VERSION}; COMMIT;"
                    ))
                    .map_err(busy)?;
            }
            VERSION => {
                // Takes the lock now (a write), so that a second serve is refused at start.
                connection
                    .execute_batch("BEGIN EXCLUSIVE; COMMIT;")
                    .map_err(busy)?;
            }
            other => {
                return Err(format!(
                    "{shown}: a state file of version {other} (this serve reads version {VERSION})"
                ));
            }
        }
        Ok(Store {
            connection,
            path: path.to_owned(),
        })
    }

    /// The state the file holds, for a server at `base_url`; `None` if it holds none yet.
    pub(crate) fn load(&self, base_url: &str) -> Result<Option<State>, String> {
        self.read(base_url)
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    fn read(&self, base_url: &str) -> Result<Option<State>, String> {
        let meta = |name: &str| -> Result<Option<Zeroizing<String>>, String> {
            self.connection
                .query_row("SELECT value FROM meta WHERE name = ?1", [name], |row| {
                    row.get(0)
                })
                .optional()
                .map(|v| v.map(Zeroizing::new))
                .map_err(|e| e.to_string())
        };
        let Some(key) = meta("signing_key")? else {
            return Ok(None);
        };
        let key: Value = serde_json::from_str(&key).map_err(|e| format!("signing_key: {e}"))?;
        let mut state = State::new(base_url)?;
        let primes = key["primes"]
            .as_array()
            .ok_or("signing_key.primes")?
            .iter()
            .map(|p| bytes(p, "a prime"))
            .collect::<Result<Vec<_>, _>>()?;
        state.key =
            SigningKey::from_parts(text(&key["kid"], "kid")?, &bytes(&key["e"], "e")?, &primes)?;
        state.decoy_key = meta("decoy_key")?.ok_or("no decoy_key")?.to_string();
        let sql = |e: rusqlite::Error| e.to_string();
        let mut users: BTreeMap<String, Vec<(String, User)>> = BTreeMap::new();
        let mut statement = self
            .connection
            .prepare("SELECT pool, doc FROM users")
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let doc: Zeroizing<String> = Zeroizing::new(row.get(1).map_err(sql)?);
            let user = user_from(&serde_json::from_str(&doc).map_err(|e| e.to_string())?)?;
            users
                .entry(row.get(0).map_err(sql)?)
                .or_default()
                .push((user.username.clone(), user));
        }
        let mut pools = Vec::new();
        let mut statement = self
            .connection
            .prepare("SELECT doc FROM pools")
            .map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let doc: Zeroizing<String> = Zeroizing::new(row.get(0).map_err(sql)?);
            let mut pool = pool_from(&serde_json::from_str(&doc).map_err(|e| e.to_string())?)?;
            pool.users = users
                .remove(pool.id.as_str())
                .unwrap_or_default()
                .into_iter()
                .collect();
            for id in pool.clients.keys() {
                state
                    .client_pools
                    .insert(id.clone(), pool.id.as_str().to_owned());
            }
            pools.push((pool.id.as_str().to_owned(), pool));
        }
        state.pools = pools.into_iter().collect();
        let mut statement = self
            .connection
            .prepare("SELECT token, pool, client, username, device_key, origin, expires FROM refresh_tokens")
            .map_err(sql)?;
        state.refresh = statement
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    Grant {
                        pool: row.get(1)?,
                        client: row.get(2)?,
                        username: row.get(3)?,
                        device_key: row.get(4)?,
                        origin: row.get(5)?,
                        expires: seconds(row.get(6)?),
                    },
                ))
            })
            .map_err(sql)?
            .collect::<Result<Tracked<Grant>, _>>()
            .map_err(sql)?;
        let mut statement = self
            .connection
            .prepare("SELECT origin, pool, username, expires FROM sign_ins")
            .map_err(sql)?;
        state.origins = statement
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    Origin {
                        pool: row.get(1)?,
                        username: row.get(2)?,
                        expires: seconds(row.get(3)?),
                    },
                ))
            })
            .map_err(sql)?
            .collect::<Result<Tracked<Origin>, _>>()
            .map_err(sql)?;
        Ok(Some(state))
    }

    /// Writes what a fresh state is made of (its keys) and everything it holds.
    pub(crate) fn save_new(&mut self, state: &mut State) -> Result<(), String> {
        let (kid, e, primes) = state.key.parts();
        let key = Zeroizing::new(
            json!({"kid": kid, "e": b64(&e), "primes": primes.iter().map(|p| b64(p)).collect::<Vec<_>>()})
                .to_string(),
        );
        let mut changes = take_changes(state, true);
        // Every entry, not only those recorded as changed.
        changes.pools = state
            .pools
            .values()
            .map(|p| {
                (
                    p.id.as_str().to_owned(),
                    Some(Zeroizing::new(pool_json(p).to_string())),
                )
            })
            .collect();
        changes.users = state
            .pools
            .values()
            .flat_map(|p| {
                p.users.values().map(|u| {
                    (
                        p.id.as_str().to_owned(),
                        u.username.clone(),
                        Some(Zeroizing::new(user_json(u).to_string())),
                    )
                })
            })
            .collect();
        let transaction = self.connection.transaction().map_err(|e| e.to_string())?;
        transaction
            .execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('signing_key', ?1), ('decoy_key', ?2)",
                params![key.as_str(), state.decoy_key],
            )
            .map_err(|e| e.to_string())?;
        apply(&transaction, &changes).map_err(|e| e.to_string())?;
        transaction.commit().map_err(|e| e.to_string())
    }

    fn write(&mut self, changes: &Changes) -> rusqlite::Result<()> {
        let transaction = self.connection.transaction()?;
        apply(&transaction, changes)?;
        transaction.commit()
    }

    /// For tests: at most `pages` pages in the file, so that a commit can be made to fail.
    pub(crate) fn limit_pages(&self, pages: u32) -> Result<(), String> {
        self.connection
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .map_err(|e| e.to_string())
    }
}

/// Writes `changes` in `transaction`.
fn apply(transaction: &rusqlite::Transaction<'_>, changes: &Changes) -> rusqlite::Result<()> {
    for (id, doc) in &changes.pools {
        match doc {
            Some(doc) => {
                transaction.execute(
                    "INSERT OR REPLACE INTO pools (id, doc) VALUES (?1, ?2)",
                    params![id, doc.as_str()],
                )?;
            }
            None => {
                transaction.execute("DELETE FROM pools WHERE id = ?1", [id])?;
                transaction.execute("DELETE FROM users WHERE pool = ?1", [id])?;
            }
        }
    }
    for (pool, username, doc) in &changes.users {
        match doc {
            Some(doc) => transaction.execute(
                "INSERT OR REPLACE INTO users (pool, username, doc) VALUES (?1, ?2, ?3)",
                params![pool, username, doc.as_str()],
            )?,
            None => transaction.execute(
                "DELETE FROM users WHERE pool = ?1 AND username = ?2",
                params![pool, username],
            )?,
        };
    }
    for (token, row) in &changes.refresh {
        match row {
            Some(grant) => transaction.execute(
                "INSERT OR REPLACE INTO refresh_tokens \
                 (token, pool, client, username, device_key, origin, expires) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    token,
                    grant.pool,
                    grant.client,
                    grant.username,
                    grant.device_key,
                    grant.origin,
                    sql_seconds(grant.expires)
                ],
            )?,
            None => transaction.execute("DELETE FROM refresh_tokens WHERE token = ?1", [token])?,
        };
    }
    for (origin, row) in &changes.origins {
        match row {
            Some(row) => transaction.execute(
                "INSERT OR REPLACE INTO sign_ins (origin, pool, username, expires) \
                 VALUES (?1, ?2, ?3, ?4)",
                params![origin, row.pool, row.username, sql_seconds(row.expires)],
            )?,
            None => transaction.execute("DELETE FROM sign_ins WHERE origin = ?1", [origin])?,
        };
    }
    Ok(())
}

/// Unix seconds as SQLite's integers (signed 64 bits) hold them.
fn sql_seconds(seconds: u64) -> i64 {
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

/// An SQLite integer back as Unix seconds (a negative one is long past).
fn seconds(stored: i64) -> u64 {
    u64::try_from(stored).unwrap_or(0)
}

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

fn pool_json(pool: &Pool) -> Value {
    let clients: Map<String, Value> = pool
        .clients
        .iter()
        .map(|(id, c)| {
            (
                id.clone(),
                json!({"name": c.name, "secret": c.secret, "flows": c.flows,
                "prevent_existence_errors": c.prevent_existence_errors,
                "refresh_validity": c.refresh_validity}),
            )
        })
        .collect();
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
        "groups": pool.groups.iter().map(|(name, g)| (name.clone(), json!({
            "description": g.description, "role_arn": g.role_arn, "precedence": g.precedence,
            "created": g.created, "modified": g.modified})))
            .collect::<Map<String, Value>>(),
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
        "groups": user.groups,
        "created": user.created,
        "modified": user.modified,
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
                refresh_validity: c["refresh_validity"]
                    .as_u64()
                    .unwrap_or(DEFAULT_REFRESH_VALIDITY),
            },
        );
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
        users: Tracked::new(),
        groups: value["groups"]
            .as_object()
            .map(|groups| {
                groups
                    .iter()
                    .map(|(name, g)| {
                        (
                            name.clone(),
                            Group {
                                description: g["description"].as_str().map(str::to_owned),
                                role_arn: g["role_arn"].as_str().map(str::to_owned),
                                precedence: g["precedence"].as_u64(),
                                created: g["created"].as_u64().unwrap_or(0),
                                modified: g["modified"].as_u64().unwrap_or(0),
                            },
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
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
        groups: strings(value, "groups").into_iter().collect(),
        created: value["created"].as_u64().unwrap_or(0),
        modified: value["modified"].as_u64().unwrap_or(0),
    })
}
