//! What `serve` keeps in memory: pools, app clients, users (with their SRP verifiers, never
//! their passwords), devices, pending challenges and refresh tokens; and what keeps them
//! consistent (a deleted user's tokens and challenges go with them) and bounded. The
//! operations are in their own modules.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};
use srp_cognito::server::{ServerSessionKey, Verifier};
use srp_cognito::{PoolId, ServiceCode};

use super::ServiceError;
use super::jwt::SigningKey;
use super::random::{random, uuid};
use super::request::{field, limit, not_found, user_not_found};
use super::tracked::Tracked;

/// The region pools are created in.
pub(crate) const REGION: &str = "us-east-1";
/// How long a challenge's Session (and its SRP state) lives, as Cognito's default.
pub(crate) const SESSION_LIFETIME: Duration = Duration::from_secs(180);
/// Bounds on what a client can make `serve` keep, so that memory stays bounded however it
/// is driven: pools (Cognito's own quota is 1,000 per account), app clients and users per
/// pool, pending challenges and refresh tokens (the oldest-known make way), devices per user.
pub(crate) const MAX_POOLS: usize = 1000;
pub(crate) const MAX_CLIENTS: usize = 1000;
pub(crate) const MAX_USERS: usize = 10_000;
pub(crate) const MAX_PENDING: usize = 10_000;
pub(crate) const MAX_REFRESH: usize = 100_000;
pub(crate) const MAX_DEVICES: usize = 100;
/// Groups a pool keeps (Cognito's quota is 10,000).
pub(crate) const MAX_GROUPS: usize = 1000;
/// How confirmation codes (SignUp, ForgotPassword) reach the test: printed to serve's
/// standard error (as Cognito would send them by email or SMS), or one code fixed for every
/// user, so that a test needs no log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Codes {
    /// A fresh six-digit code each time, printed to standard error.
    Print,
    /// This code, every time, not printed.
    Fixed(String),
}

/// How long a confirmation code stays valid (Cognito's: 24 hours for sign-up, 1 hour for a
/// password reset; one hour here for both).
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(3600);

/// Cognito's ExplicitAuthFlows for a client created (or updated) without them.
pub(crate) const DEFAULT_FLOWS: [&str; 3] = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
];
/// How often expired refresh tokens and sign-ins are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(60);
/// A refresh token's life where the client says nothing (Cognito's default: 30 days).
pub(crate) const DEFAULT_REFRESH_VALIDITY: u64 = 30 * 24 * 3600;

/// A user's state, as AdminGetUser's `UserStatus` says it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Confirmed,
    ForceChangePassword,
    /// Signed up, not yet confirmed (ConfirmSignUp, AdminConfirmSignUp).
    Unconfirmed,
    /// AdminResetUserPassword: the password must be reset (ConfirmForgotPassword).
    ResetRequired,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "CONFIRMED",
            Status::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Status::Unconfirmed => "UNCONFIRMED",
            Status::ResetRequired => "RESET_REQUIRED",
        }
    }
}

/// A pool's `MfaConfiguration`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mfa {
    Off,
    /// Every user: one without MFA is asked to set up a TOTP (MFA_SETUP).
    On,
    /// Users who chose it.
    Optional,
}

impl Mfa {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Mfa::Off => "OFF",
            Mfa::On => "ON",
            Mfa::Optional => "OPTIONAL",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Mfa, ServiceError> {
        match text {
            "OFF" => Ok(Mfa::Off),
            "ON" => Ok(Mfa::On),
            "OPTIONAL" => Ok(Mfa::Optional),
            _ => Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                "MfaConfiguration must be OFF, ON or OPTIONAL",
            )),
        }
    }
}

/// A user's authenticator app (RFC 6238 TOTP): the secret AssociateSoftwareToken drew,
/// whether VerifySoftwareToken saw a right code from it, and whether it is the user's MFA.
pub(crate) struct Totp {
    /// The secret in force: what a sign-in's code is checked against.
    pub(crate) secret: zeroize::Zeroizing<Vec<u8>>,
    /// A secret associated after `secret` was verified: `secret` stays in force until this
    /// one is verified (then it replaces it).
    pub(crate) pending: Option<zeroize::Zeroizing<Vec<u8>>>,
    pub(crate) verified: bool,
    pub(crate) enabled: bool,
}

/// What a one-time code confirms: a sign-up or a forgotten password.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    SignUp,
    ForgotPassword,
}

/// A confirmation code sent (printed to serve's log, or fixed by the embedder).
pub(crate) struct Code {
    pub(crate) purpose: Purpose,
    pub(crate) code: String,
    pub(crate) expires: Instant,
}

pub(crate) struct Device {
    pub(crate) group_key: String,
    /// ConfirmDevice's DeviceName.
    pub(crate) name: Option<String>,
    /// When it was first seen (Unix seconds).
    pub(crate) created: u64,
    /// Set by ConfirmDevice.
    pub(crate) verifier: Option<Verifier>,
    pub(crate) remembered: bool,
}

pub(crate) struct User {
    /// The internal username (a UUID where users sign in with an email).
    pub(crate) username: String,
    pub(crate) sub: String,
    pub(crate) attributes: BTreeMap<String, String>,
    pub(crate) verifier: Verifier,
    pub(crate) status: Status,
    /// AdminDisableUser clears it: the user cannot sign in or refresh.
    pub(crate) enabled: bool,
    pub(crate) totp: Option<Totp>,
    /// The code SignUp or ForgotPassword sent, until it is used or expires.
    pub(crate) code: Option<Code>,
    pub(crate) devices: BTreeMap<String, Device>,
    /// The groups it is in (names of its pool's groups).
    pub(crate) groups: BTreeSet<String>,
    /// When it was created and last changed (Unix seconds): `UserCreateDate` and
    /// `UserLastModifiedDate`.
    pub(crate) created: u64,
    pub(crate) modified: u64,
}

impl User {
    /// Records a change of its attributes, password, status or groups, at `now`.
    pub(crate) fn changed(&mut self) {
        self.modified = now_seconds();
    }
}

/// A pool's group (CreateGroup): what its tokens' `cognito:groups` (and
/// `cognito:roles`) are made of.
pub(crate) struct Group {
    pub(crate) description: Option<String>,
    pub(crate) role_arn: Option<String>,
    /// Lower first: the order of `cognito:groups`, and the preferred role.
    pub(crate) precedence: Option<u64>,
    pub(crate) created: u64,
    pub(crate) modified: u64,
}

pub(crate) struct Client {
    pub(crate) name: String,
    pub(crate) secret: Option<String>,
    pub(crate) flows: Vec<String>,
    /// `PreventUserExistenceErrors` = ENABLED (the API's default is LEGACY).
    pub(crate) prevent_existence_errors: bool,
    /// How long its refresh tokens live, in seconds (`RefreshTokenValidity` in
    /// `TokenValidityUnits.RefreshToken`; Cognito's default: 30 days).
    pub(crate) refresh_validity: u64,
}

pub(crate) struct Pool {
    pub(crate) id: PoolId,
    pub(crate) name: String,
    /// `UsernameAttributes`: users sign in with these instead of a username.
    pub(crate) username_attributes: Vec<String>,
    /// `AliasAttributes`: users may also sign in with these.
    pub(crate) alias_attributes: Vec<String>,
    /// `DeviceConfiguration` given: tokens carry NewDeviceMetadata.
    pub(crate) devices: bool,
    /// `DeviceOnlyRememberedOnUserPrompt`.
    pub(crate) remember_on_prompt: bool,
    pub(crate) mfa: Mfa,
    pub(crate) clients: BTreeMap<String, Client>,
    pub(crate) users: Tracked<User>,
    pub(crate) groups: BTreeMap<String, Group>,
    /// When it was created (Unix seconds).
    pub(crate) created: u64,
}

/// What a challenge's Session stands for.
pub(crate) enum Pending {
    /// PASSWORD_VERIFIER: the user's SRP session (also found by its secret block, for
    /// clients that send no Session), and the device named at InitiateAuth.
    PasswordClaim {
        session: ServerSessionKey,
        device_key: Option<String>,
    },
    /// PASSWORD_VERIFIER for a user that does not exist, where the client prevents user
    /// existence errors: every answer is refused as a wrong password would be.
    Decoy { session: ServerSessionKey },
    /// DEVICE_PASSWORD_VERIFIER: the remembered device's SRP session.
    DeviceClaim {
        session: ServerSessionKey,
        device_key: String,
    },
    /// NEW_PASSWORD_REQUIRED, after the password was verified.
    NewPassword { device_key: Option<String> },
    /// DEVICE_SRP_AUTH, after the password was verified.
    DeviceSrp { device_key: String },
    /// SOFTWARE_TOKEN_MFA, after the password was verified (a remembered device, which
    /// stands in for the second factor, never gets here).
    SoftwareTokenMfa,
    /// MFA_SETUP: the pool requires MFA and the user has none. AssociateSoftwareToken
    /// draws `secret` under this session, VerifySoftwareToken sets `verified`.
    MfaSetup {
        secret: Option<zeroize::Zeroizing<Vec<u8>>>,
        verified: bool,
    },
}

impl Challenge {
    /// A challenge for `username` of `pool` signing in through `client`, pending for
    /// [`SESSION_LIFETIME`] from now.
    pub(crate) fn new(
        pool: impl Into<String>,
        client: impl Into<String>,
        username: impl Into<String>,
        pending: Pending,
    ) -> Self {
        Challenge {
            pool: pool.into(),
            client: client.into(),
            username: username.into(),
            pending,
            expires: Instant::now() + SESSION_LIFETIME,
        }
    }
}

impl Pending {
    /// The SRP session a claim is verified against, if this is one.
    pub(crate) fn srp(&self) -> Option<&ServerSessionKey> {
        match self {
            Pending::PasswordClaim { session, .. }
            | Pending::Decoy { session }
            | Pending::DeviceClaim { session, .. } => Some(session),
            _ => None,
        }
    }
}

pub(crate) struct Challenge {
    pub(crate) pool: String,
    pub(crate) client: String,
    pub(crate) username: String,
    pub(crate) pending: Pending,
    pub(crate) expires: Instant,
}

/// A refresh token's grant.
#[derive(Clone)]
pub(crate) struct Grant {
    pub(crate) pool: String,
    pub(crate) client: String,
    pub(crate) username: String,
    pub(crate) device_key: Option<String>,
    /// The sign-in it came from (the tokens' `origin_jti`).
    pub(crate) origin: String,
    /// When it stops working (Unix seconds): the client's refresh token validity after
    /// the sign-in.
    pub(crate) expires: u64,
}

/// A sign-in whose tokens are valid: whose they are, and until when one of them may be
/// presented (its refresh token's end, or its last access token's).
#[derive(Clone)]
pub(crate) struct Origin {
    pub(crate) pool: String,
    pub(crate) username: String,
    pub(crate) expires: u64,
}

pub(crate) struct State {
    pub(crate) pools: Tracked<Pool>,
    /// App client id → pool id.
    pub(crate) client_pools: HashMap<String, String>,
    /// Session → challenge.
    pub(crate) challenges: HashMap<String, Challenge>,
    /// SECRET_BLOCK (base64) → Session, for PASSWORD_VERIFIER answered without a Session.
    pub(crate) blocks: HashMap<String, String>,
    pub(crate) refresh: Tracked<Grant>,
    /// The sign-ins whose tokens are valid, by `origin_jti`. A global sign-out or a
    /// revoked refresh token removes them, and their access tokens stop working, as
    /// Cognito's do; they are pruned once every token of theirs has expired.
    pub(crate) origins: Tracked<Origin>,
    /// When expired refresh tokens and sign-ins were last pruned.
    pub(crate) pruned: Instant,
    pub(crate) key: SigningKey,
    /// The key of the decoys for users that do not exist: the same salt and internal id
    /// for the same name in the same pool, as Cognito keeps them.
    pub(crate) decoy_key: String,
    /// What confirmation codes are: printed to stderr, or one fixed code.
    pub(crate) codes: Codes,
    /// `--state FILE`: where each operation's changes are committed.
    pub(crate) store: Option<super::persist::Store>,
    /// A failed commit could not be undone: nothing is served until serve restarts.
    pub(crate) unusable: bool,
    /// This server's URL: tokens' `iss` is it and the pool id, as Cognito's is its
    /// endpoint's (`https://cognito-idp.<region>.amazonaws.com/<pool id>`), so that
    /// clients which check `iss` against their endpoint accept them.
    pub(crate) base_url: String,
}

pub(crate) fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl State {
    pub(crate) fn new(base_url: &str) -> Result<Self, String> {
        Ok(State {
            pools: Tracked::new(),
            client_pools: HashMap::new(),
            challenges: HashMap::new(),
            blocks: HashMap::new(),
            refresh: Tracked::new(),
            origins: Tracked::new(),
            pruned: Instant::now(),
            decoy_key: Base64::encode_string(&random::<32>().map_err(|e| e.message().to_owned())?),
            codes: Codes::Print,
            store: None,
            unusable: false,
            key: SigningKey::generate(uuid().map_err(|e| e.message().to_owned())?)?,
            base_url: base_url.to_owned(),
        })
    }

    /// Drops the challenges whose Session has expired; once a minute, the refresh tokens
    /// and sign-ins that have expired too (so that what is kept, and what `--state`
    /// holds, stays as large as what is still valid).
    pub(crate) fn expire(&mut self) {
        let now = Instant::now();
        self.challenges.retain(|_, c| c.expires > now);
        let challenges = &self.challenges;
        self.blocks
            .retain(|_, session| challenges.contains_key(session));
        if now.duration_since(self.pruned) >= PRUNE_EVERY {
            self.pruned = now;
            let seconds = now_seconds();
            self.refresh.retain(|_, grant| grant.expires > seconds);
            self.origins.retain(|_, origin| origin.expires > seconds);
        }
    }

    /// The JWKS of a pool, at `/<pool id>/.well-known/jwks.json`.
    /// A pool's published documents, as Cognito serves them under its issuer URL:
    /// `/<pool>/.well-known/jwks.json` (the token-signing key) and
    /// `/<pool>/.well-known/openid-configuration` (the issuer and where its keys are; serve
    /// has no hosted UI, so no authorization, token or user-info endpoint is named).
    pub(crate) fn document(&self, path: &str) -> Option<Value> {
        let (pool, document) = path.strip_prefix('/')?.split_once("/.well-known/")?;
        if !self.pools.contains_key(pool) {
            return None;
        }
        let issuer = format!("{}/{pool}", self.base_url);
        match document {
            "jwks.json" => Some(json!({"keys": [self.key.jwk()]})),
            "openid-configuration" => Some(json!({
                "issuer": issuer,
                "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "response_types_supported": ["code", "token"],
                "scopes_supported": ["openid", "email", "phone", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            })),
            _ => None,
        }
    }

    pub(crate) fn pool(&self, body: &Value) -> Result<&Pool, ServiceError> {
        let id = field(body, "UserPoolId")?;
        self.pools.get(id).ok_or_else(|| not_found("User pool"))
    }

    pub(crate) fn pool_mut(&mut self, body: &Value) -> Result<&mut Pool, ServiceError> {
        let id = field(body, "UserPoolId")?;
        self.pools.get_mut(id).ok_or_else(|| not_found("User pool"))
    }

    /// The pool id and internal username of `Username` in `UserPoolId`.
    pub(crate) fn named_user(&self, body: &Value) -> Result<(String, String), ServiceError> {
        let pool = self.pool(body)?;
        let username = pool
            .find(field(body, "Username")?)
            .ok_or_else(user_not_found)?;
        Ok((pool.id.as_str().to_owned(), username))
    }

    /// The user `username` of pool `pool`, to change.
    pub(crate) fn user_mut(
        &mut self,
        pool: &str,
        username: &str,
    ) -> Result<&mut User, ServiceError> {
        self.pools
            .get_mut(pool)
            .and_then(|p| p.users.get_mut(username))
            .ok_or_else(user_not_found)
    }

    /// A sign-in's tokens are valid until `until` at least (bounded: where too many are
    /// kept, one makes way).
    pub(crate) fn remember_origin(&mut self, origin: &str, pool: &str, username: &str, until: u64) {
        if let Some(known) = self.origins.get_mut(origin) {
            known.expires = known.expires.max(until);
            return;
        }
        if self.origins.len() >= MAX_REFRESH
            && let Some(old) = self.origins.keys().next().cloned()
        {
            self.origins.remove(&old);
        }
        self.origins.insert(
            origin.to_owned(),
            Origin {
                pool: pool.to_owned(),
                username: username.to_owned(),
                expires: until,
            },
        );
    }

    /// A global sign-out: the user's refresh tokens and the tokens of every sign-in stop
    /// working.
    pub(crate) fn sign_out(&mut self, pool: &str, username: &str) {
        let of_user = |p: &str, u: &str| p == pool && u == username;
        self.refresh.retain(|_, g| !of_user(&g.pool, &g.username));
        self.origins.retain(|_, o| !of_user(&o.pool, &o.username));
    }

    /// Forgets the challenges `gone` says are gone, and the secret blocks that led to them.
    fn drop_challenges(&mut self, gone: impl Fn(&Challenge) -> bool) {
        self.challenges.retain(|_, c| !gone(c));
        let challenges = &self.challenges;
        self.blocks
            .retain(|_, session| challenges.contains_key(session));
    }

    /// Deletes a user, with everything that refers to them: tokens, pending challenges.
    pub(crate) fn remove_user(&mut self, pool: &str, username: &str) -> Option<User> {
        let user = self.pools.get_mut(pool)?.users.remove(username)?;
        self.sign_out(pool, username);
        self.drop_challenges(|c| c.pool == pool && c.username == username);
        Some(user)
    }

    /// Deletes an app client, with its refresh tokens and pending challenges.
    pub(crate) fn remove_client(&mut self, pool: &str, client: &str) -> Option<Client> {
        let removed = self.pools.get_mut(pool)?.clients.remove(client)?;
        self.client_pools.remove(client);
        self.refresh.retain(|_, g| g.client != client);
        self.drop_challenges(|c| c.client == client);
        Some(removed)
    }

    /// Deletes a pool, with its clients, users, tokens and pending challenges.
    pub(crate) fn remove_pool(&mut self, pool: &str) -> Option<Pool> {
        let removed = self.pools.remove(pool)?;
        self.client_pools.retain(|_, p| p != pool);
        self.refresh.retain(|_, g| g.pool != pool);
        self.origins.retain(|_, o| o.pool != pool);
        self.drop_challenges(|c| c.pool == pool);
        Some(removed)
    }

    /// A fresh Session for `challenge`.
    pub(crate) fn open(&mut self, challenge: Challenge) -> Result<String, ServiceError> {
        // The session first: a failure to draw it leaves the state as it was.
        let session = Base64::encode_string(&random::<96>()?);
        // Full: the oldest pending challenge makes way (its client gets "Invalid session");
        // every challenge lives as long, so the oldest is the one that expires first.
        if self.challenges.len() >= MAX_PENDING
            && let Some(old) = self
                .challenges
                .iter()
                .min_by_key(|(_, c)| c.expires)
                .map(|(session, _)| session.clone())
        {
            // As an answered challenge: its secret block no longer finds it.
            if let Some(evicted) = self.challenges.remove(&old)
                && let Some(srp) = evicted.pending.srp()
            {
                self.blocks.remove(srp.secret_block());
            }
        }
        self.challenges.insert(session.clone(), challenge);
        Ok(session)
    }
}

impl Pool {
    /// Refuses `attributes` for the user `username` where one that users sign in with (an
    /// alias or a username attribute: an email, a phone number) has a value another user
    /// of the pool has: `AliasExistsException`, as Cognito, so that a name typed at
    /// sign-in finds one user.
    pub(crate) fn check_aliases<'a>(
        &self,
        username: &str,
        attributes: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Result<(), ServiceError> {
        for (name, value) in attributes {
            let signs_in = self
                .alias_attributes
                .iter()
                .chain(&self.username_attributes)
                .any(|a| a == name);
            if !signs_in || value.is_empty() {
                continue;
            }
            let taken = self.users.values().any(|other| {
                other.username != username && other.attributes.get(name) == Some(value)
            });
            if taken {
                return Err(ServiceError::new(
                    ServiceCode::AliasExists,
                    format!("An account with the given {name} already exists."),
                ));
            }
        }
        Ok(())
    }

    /// Adds a user (bounded: at most MAX_USERS a pool).
    pub(crate) fn add_user(&mut self, user: User) -> Result<(), ServiceError> {
        if self.users.len() >= MAX_USERS {
            return Err(limit("users"));
        }
        self.users.insert(user.username.clone(), user);
        Ok(())
    }

    /// The internal username of the user `typed` names: the username itself, or an
    /// attribute users sign in with (UsernameAttributes, AliasAttributes).
    pub(crate) fn find(&self, typed: &str) -> Option<String> {
        if self.users.contains_key(typed) {
            return Some(typed.to_owned());
        }
        let attributes: Vec<&String> = self
            .username_attributes
            .iter()
            .chain(&self.alias_attributes)
            .collect();
        self.users
            .values()
            .find(|u| {
                attributes
                    .iter()
                    .any(|a| u.attributes.get(a.as_str()).is_some_and(|v| v == typed))
            })
            .map(|u| u.username.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full table makes way for a new challenge by dropping the oldest, never a newer one
    /// (a user answering right now).
    #[test]
    fn a_full_challenge_table_drops_the_oldest() {
        let mut state = State::new("http://127.0.0.1:1").unwrap();
        let challenge = |age: u64| Challenge {
            pool: String::new(),
            client: String::new(),
            username: String::new(),
            pending: Pending::NewPassword { device_key: None },
            expires: Instant::now() + SESSION_LIFETIME - Duration::from_secs(age),
        };
        let oldest = state.open(challenge(60)).unwrap();
        let newer: Vec<String> = (1..MAX_PENDING)
            .map(|_| state.open(challenge(0)).unwrap())
            .collect();
        let last = state.open(challenge(0)).unwrap();
        assert_eq!(state.challenges.len(), MAX_PENDING);
        assert!(!state.challenges.contains_key(&oldest));
        assert!(newer.iter().all(|s| state.challenges.contains_key(s)));
        assert!(state.challenges.contains_key(&last));
    }

    /// What a client can make serve keep is bounded.
    #[test]
    fn pools_pages_and_pending_challenges_are_bounded() {
        let mut state = State::new("http://127.0.0.1:1").unwrap();
        for _ in 0..MAX_POOLS {
            crate::pools::create_user_pool(&mut state, &json!({"PoolName": "p"}), None).unwrap();
        }
        let refused = crate::pools::create_user_pool(&mut state, &json!({"PoolName": "p"}), None)
            .unwrap_err();
        assert_eq!(refused.kind, ServiceCode::LimitExceeded);
        let page = crate::pools::list_user_pools(&mut state, &json!({"MaxResults": 1000})).unwrap();
        assert_eq!(
            page["UserPools"].as_array().unwrap().len(),
            crate::request::MAX_LIST
        );
        let page = crate::pools::list_user_pools(&mut state, &json!({"MaxResults": 2})).unwrap();
        assert_eq!(page["UserPools"].as_array().unwrap().len(), 2);
        for _ in 0..MAX_PENDING + 5 {
            state
                .open(Challenge {
                    pool: String::new(),
                    client: String::new(),
                    username: String::new(),
                    pending: Pending::NewPassword { device_key: None },
                    expires: Instant::now() + SESSION_LIFETIME,
                })
                .unwrap();
        }
        assert_eq!(state.challenges.len(), MAX_PENDING);
    }
}
