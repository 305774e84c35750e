//! A local endpoint that speaks Amazon Cognito's JSON protocol for the sign-in surface and
//! verifies SRP as Cognito does (srp-cognito's `server` half), so that any client — AWS's
//! SDKs, pycognito, the aws CLI, your own — can be tested against a server that says no to
//! a wrong password. `srp-cognito serve` runs it; tests can run it in-process:
//!
//! ```no_run
//! let server = srp_cognito_serve::Server::bind("127.0.0.1:0".parse().expect("an address"))?;
//! let url = server.url().to_owned(); // http://127.0.0.1:PORT, for `--endpoint-url`
//! std::thread::spawn(move || server.run());
//! # let _ = url;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! A test double, not an identity provider: state in memory (or in an SQLite file,
//! [`Server::state_file`]), no rate limits.

// The README's example compiles as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
// The book's chapter on serve, too (a doctest build only).
#[cfg(doctest)]
#[doc = include_str!("../../book/src/serve.md")]
struct BookDoctests;

mod challenges;
mod devices;
mod groups;
mod http;
mod jwt;
mod mfa;
mod password;
mod persist;
mod pools;
mod provision;
mod random;
mod request;
mod sign_in;
mod state;
mod tokens;
mod tracked;
mod users;

pub use state::Codes;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use srp_cognito::ServiceCode;

use http::{Request, Response};
use state::State;

/// A Cognito error: its `__type` (one of the core's [`ServiceCode`]s, so that serve
/// answers exactly the names clients match), message and HTTP status.
#[derive(Debug)]
pub(crate) struct ServiceError {
    pub(crate) kind: ServiceCode,
    message: String,
    status: u16,
}

impl ServiceError {
    pub(crate) fn new(kind: ServiceCode, message: impl Into<String>) -> Self {
        ServiceError {
            kind,
            message: message.into(),
            status: 400,
        }
    }

    /// `InternalErrorException` (HTTP 500): the server failed, not the request.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        ServiceError {
            kind: ServiceCode::InternalError,
            message: message.into(),
            status: 500,
        }
    }

    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The exception's name, as `__type` and `x-amzn-ErrorType` carry it.
    pub(crate) fn name(&self) -> &'static str {
        self.kind.name().unwrap_or("InternalErrorException")
    }

    fn response(&self) -> Response {
        let mut response = Response::json(
            self.status,
            &json!({"__type": self.name(), "message": self.message}),
        );
        response
            .headers
            .push(("x-amzn-ErrorType".into(), format!("{}:", self.name())));
        response
    }
}

/// What an operation returns.
pub(crate) type Outcome = Result<Value, ServiceError>;

/// A bound endpoint, ready to serve. `Debug` shows its URL (not its users' verifiers).
pub struct Server {
    listener: TcpListener,
    url: String,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Binds `listen` (port 0: any free port) and draws the token-signing key.
    ///
    /// # Errors
    /// The address cannot be bound; the operating system gives no randomness.
    pub fn bind(listen: SocketAddr) -> std::io::Result<Server> {
        let listener = TcpListener::bind(listen)?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = State::new(&url).map_err(std::io::Error::other)?;
        Ok(Server {
            listener,
            url,
            state: Arc::new(Mutex::new(state)),
        })
    }

    /// Keeps the state in `path` (`--state`), an SQLite database: read now if the file
    /// exists (pools, clients, users, devices, refresh tokens and the signing key come
    /// back); each operation's changes are committed before it is answered. The file holds
    /// the test users' verifiers and TOTP secrets and the signing key: it is created
    /// readable by its owner only, and serve holds it locked while it runs.
    ///
    /// # Errors
    /// The file is not a regular file of this user closed to others, is not a state file
    /// serve wrote, is held by another serve, or cannot be read or written.
    pub fn state_file(self, path: impl Into<std::path::PathBuf>) -> Result<Self, String> {
        let path = path.into();
        {
            let mut state = self.state.lock().map_err(|_| "the state is poisoned")?;
            let mut store = persist::Store::open(&path)?;
            if let Some(loaded) = store.load(&self.url)? {
                let codes = state.codes.clone();
                *state = loaded;
                state.codes = codes;
            } else {
                store.save_new(&mut state)?;
            }
            state.store = Some(store);
        }
        Ok(self)
    }

    /// For tests of a failed commit: the state file may grow to at most `pages` pages of
    /// SQLite's (4 KiB each), so that the commit that would pass it fails. Not a stable
    /// API.
    #[doc(hidden)]
    #[must_use]
    pub fn limit_state_pages(self, pages: u32) -> Self {
        if let Ok(state) = self.state.lock()
            && let Some(store) = &state.store
            && let Err(e) = store.limit_pages(pages)
        {
            eprintln!("srp-cognito serve: {e}");
        }
        self
    }

    /// Creates the pools, app clients and users of a provisioning document (`--provision`;
    /// its shape is in the book's chapter on serve), with the ids and secrets it fixes. What exists already
    /// (from [`Server::state_file`]) is left as it is.
    ///
    /// # Errors
    /// The document is not of that shape, or an operation refused one of its entries.
    pub fn provision(self, document: &Value) -> Result<Self, String> {
        {
            let mut state = self.state.lock().map_err(|_| "the state is poisoned")?;
            let provisioned = provision::provision(&mut state, document);
            // What was created before a refusal is kept, as each operation's would be.
            persist::commit(&mut state)?;
            provisioned?;
        }
        Ok(self)
    }

    /// How confirmation codes (SignUp, ForgotPassword) reach the test: printed to
    /// standard error (the default, as Cognito would email them), or one fixed code.
    #[must_use]
    pub fn codes(self, codes: Codes) -> Self {
        if let Ok(mut state) = self.state.lock() {
            state.codes = codes;
        }
        self
    }

    /// `http://ADDRESS:PORT`: the endpoint URL for clients, and tokens' `iss` prefix.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Serves until the process ends (HTTP/1.1 on hyper, at most 1,024 connections at
    /// once: one more is answered 503 and closed). A slow or idle connection holds up no
    /// one: the state is locked only while an operation runs.
    pub fn run(self) {
        let state = Arc::clone(&self.state);
        http::run(
            self.listener,
            Arc::new(move |request: &Request| handle(&state, request)),
        );
    }

    /// Runs the server on a thread of its own; returns its URL.
    #[must_use]
    pub fn spawn(self) -> String {
        let url = self.url.clone();
        std::thread::spawn(move || self.run());
        url
    }
}

/// The fuzz target's pool and client ids.
const FUZZ_POOL: &str = "us-east-1_FuzzPool1";
const FUZZ_CLIENT: &str = "fuzzclient0000000000000001";

/// For fuzzing: one raw request through the HTTP reader and the operations, against a
/// fresh state each time a `Fuzz` is made. Not a stable API.
#[doc(hidden)]
pub struct Fuzz {
    state: Arc<Mutex<State>>,
}

#[doc(hidden)]
impl Fuzz {
    /// A state with no pools (and its signing key drawn).
    ///
    /// # Panics
    /// If the operating system gives no randomness.
    #[must_use]
    pub fn new() -> Self {
        Fuzz {
            state: Arc::new(Mutex::new(
                State::new("http://127.0.0.1:1").expect("randomness"),
            )),
        }
    }

    /// Serves `bytes` as what a client sent on one connection; returns the statuses.
    pub fn requests(&self, bytes: &[u8]) -> Vec<u16> {
        let state = Arc::clone(&self.state);
        http::statuses(
            bytes,
            Arc::new(move |request: &Request| handle(&state, request)),
        )
    }

    /// A pool (email alias, devices remembered), an app client without a secret and a
    /// confirmed user `fuzz` with password `Fuzz-Password-1!`: their pool id and client id,
    /// fixed, so that [`Fuzz::restore`] can bring them back after an input deleted them.
    ///
    /// # Panics
    /// If provisioning fails (a bug this target would report anyway).
    #[must_use]
    pub fn provision(&self) -> (String, String) {
        self.restore();
        (FUZZ_POOL.to_owned(), FUZZ_CLIENT.to_owned())
    }

    /// Puts the provisioned pool, client and user back as [`Fuzz::provision`] made them
    /// (re-created where an input deleted them, the user enabled, MFA off), so that every
    /// input finds them.
    ///
    /// # Panics
    /// If provisioning fails (a bug this target would report anyway).
    pub fn restore(&self) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let document = json!({"UserPools": [{"Id": FUZZ_POOL, "PoolName": "fuzz",
            "AliasAttributes": ["email"],
            "DeviceConfiguration": {"DeviceOnlyRememberedOnUserPrompt": false},
            "Clients": [{"ClientId": FUZZ_CLIENT, "ClientName": "fuzz"}],
            "Users": [{"Username": "fuzz", "Password": "Fuzz-Password-1!",
                "UserAttributes": [{"Name": "email", "Value": "fuzz@example.com"}]}]}]});
        provision::provision(&mut state, &document).unwrap_or_else(|e| panic!("{e}"));
        if let Some(pool) = state.pools.get_mut(FUZZ_POOL) {
            pool.mfa = state::Mfa::Off;
        }
        if let Ok(user) = state.user_mut(FUZZ_POOL, "fuzz") {
            user.enabled = true;
        }
    }

    /// One operation's JSON body, without HTTP: the status.
    pub fn operation(&self, operation: &str, body: &[u8]) -> u16 {
        let request = Request {
            method: "POST".into(),
            path: "/".into(),
            target: Some(format!("AWSCognitoIdentityProviderService.{operation}")),
            region: None,
            body: body.to_vec(),
        };
        handle(&self.state, &request).status
    }
}

impl Default for Fuzz {
    fn default() -> Self {
        Self::new()
    }
}

/// One request: an operation (POST with X-Amz-Target), a GET (health, JWKS, OpenID
/// configuration), a CORS preflight.
fn handle(state: &Mutex<State>, request: &Request) -> Response {
    let mut response = match (request.method.as_str(), request.target.as_deref()) {
        ("OPTIONS", _) => Response::empty(200),
        ("GET", _) if request.path == "/health" => Response::json(200, &json!({"status": "ok"})),
        ("GET", _) => match with_state(state, |state| Ok(state.document(&request.path))) {
            Ok(Some(document)) => Response::json(200, &document),
            Ok(None) => ServiceError {
                kind: ServiceCode::ResourceNotFound,
                message: "no such document".into(),
                status: 404,
            }
            .response(),
            Err(error) => error.response(),
        },
        ("POST", Some(target)) => {
            let operation = target
                .strip_prefix("AWSCognitoIdentityProviderService.")
                .unwrap_or("");
            let outcome = match serde_json::from_slice::<Value>(&request.body) {
                Ok(Value::Object(body)) => with_state(state, |state| {
                    state.expire();
                    let outcome = dispatch(
                        state,
                        operation,
                        &Value::Object(body),
                        request.region.as_deref(),
                    );
                    // A refused operation may have changed something on its way (an
                    // expired token pruned): committed too, and never answered before.
                    if let Err(e) = persist::commit(state) {
                        eprintln!("srp-cognito serve: cannot write the state: {e}");
                        return Err(ServiceError::internal(format!(
                            "serve could not write its state file: {e}"
                        )));
                    }
                    outcome
                }),
                _ => Err(ServiceError::new(
                    ServiceCode::Serialization,
                    "the body is not a JSON object",
                )),
            };
            match outcome {
                Ok(value) => Response::json(200, &value),
                Err(error) => error.response(),
            }
        }
        _ => ServiceError::new(ServiceCode::UnknownOperation, "no X-Amz-Target").response(),
    };
    // Browsers (a page served elsewhere on this machine) may call it.
    response.headers.extend([
        ("Access-Control-Allow-Origin".into(), "*".into()),
        (
            "Access-Control-Allow-Headers".into(),
            "content-type, x-amz-target, x-amz-user-agent, amz-sdk-invocation-id, \
             amz-sdk-request, authorization, cache-control"
                .into(),
        ),
        (
            "Access-Control-Allow-Methods".into(),
            "POST, GET, OPTIONS".into(),
        ),
    ]);
    response
}

/// Runs `operation` on the locked state. A panic (a bug: no input should cause one) is
/// answered `InternalErrorException` and poisons the state, and a poisoned state is never
/// served again: an operation it interrupted may have left it half updated, so every
/// later request is refused (500) until serve is restarted.
fn with_state<T>(
    state: &Mutex<State>,
    operation: impl FnOnce(&mut State) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    let poisoned = || {
        ServiceError::internal(
            "serve's state may be inconsistent after an internal error: restart serve",
        )
    };
    // A panic unwinds through the guard, which poisons the mutex.
    let run = std::panic::AssertUnwindSafe(|| {
        let mut guard = state.lock().map_err(|_| poisoned())?;
        if guard.unusable {
            return Err(poisoned());
        }
        operation(&mut guard)
    });
    std::panic::catch_unwind(run).unwrap_or_else(|_| Err(poisoned()))
}

/// At most 64 characters of a name the client sent, for a message.
pub(crate) fn shown(name: &str) -> String {
    name.chars().take(64).collect()
}

/// The operations `serve` implements.
fn dispatch(state: &mut State, operation: &str, body: &Value, region: Option<&str>) -> Outcome {
    match operation {
        "CreateUserPool" => pools::create_user_pool(state, body, region),
        "DescribeUserPool" => pools::describe_user_pool(state, body),
        "ListUserPools" => pools::list_user_pools(state, body),
        "CreateUserPoolClient" => pools::create_user_pool_client(state, body),
        "AdminCreateUser" => users::admin_create_user(state, body),
        "AdminSetUserPassword" => users::admin_set_user_password(state, body),
        "AdminGetUser" => users::admin_get_user(state, body),
        "InitiateAuth" => sign_in::initiate_auth(state, body),
        "RespondToAuthChallenge" => challenges::respond_to_auth_challenge(state, body),
        "AdminInitiateAuth" => sign_in::admin_initiate_auth(state, body),
        "AdminRespondToAuthChallenge" => challenges::admin_respond_to_auth_challenge(state, body),
        "SignUp" => password::sign_up(state, body),
        "ConfirmSignUp" => password::confirm_sign_up(state, body),
        "AdminConfirmSignUp" => password::admin_confirm_sign_up(state, body),
        "ForgotPassword" => password::forgot_password(state, body),
        "ResendConfirmationCode" => password::resend_confirmation_code(state, body),
        "AdminResetUserPassword" => password::admin_reset_user_password(state, body),
        "ConfirmForgotPassword" => password::confirm_forgot_password(state, body),
        "ChangePassword" => password::change_password(state, body),
        "AssociateSoftwareToken" => mfa::associate_software_token(state, body),
        "VerifySoftwareToken" => mfa::verify_software_token(state, body),
        "SetUserMFAPreference" => mfa::set_user_mfa_preference(state, body),
        "AdminSetUserMFAPreference" => mfa::admin_set_user_mfa_preference(state, body),
        "SetUserPoolMfaConfig" => mfa::set_user_pool_mfa_config(state, body),
        "GetUserPoolMfaConfig" => mfa::get_user_pool_mfa_config(state, body),
        "GetTokensFromRefreshToken" => tokens::get_tokens_from_refresh_token(state, body),
        "ConfirmDevice" => devices::confirm_device(state, body),
        "UpdateDeviceStatus" => devices::update_device_status(state, body),
        "ForgetDevice" => devices::forget_device(state, body),
        "GetUser" => users::get_user(state, body),
        "ListUserPoolClients" => pools::list_user_pool_clients(state, body),
        "DescribeUserPoolClient" => pools::describe_user_pool_client(state, body),
        "UpdateUserPoolClient" => pools::update_user_pool_client(state, body),
        "DeleteUserPoolClient" => pools::delete_user_pool_client(state, body),
        "DeleteUserPool" => pools::delete_user_pool(state, body),
        "ListUsers" => users::list_users(state, body),
        "AdminDeleteUser" => users::admin_delete_user(state, body),
        "AdminDisableUser" => users::admin_set_enabled(state, body, false),
        "AdminEnableUser" => users::admin_set_enabled(state, body, true),
        "AdminUpdateUserAttributes" => users::admin_update_user_attributes(state, body),
        "UpdateUserAttributes" => users::update_user_attributes(state, body),
        "AdminDeleteUserAttributes" => users::admin_delete_user_attributes(state, body),
        "DeleteUserAttributes" => users::delete_user_attributes(state, body),
        "DeleteUser" => users::delete_user(state, body),
        "AdminUserGlobalSignOut" => tokens::admin_user_global_sign_out(state, body),
        "GlobalSignOut" => tokens::global_sign_out(state, body),
        "RevokeToken" => tokens::revoke_token(state, body),
        "AdminListDevices" => devices::admin_list_devices(state, body),
        "ListDevices" => devices::list_devices(state, body),
        "AdminGetDevice" => devices::admin_get_device(state, body),
        "CreateGroup" => groups::create_group(state, body),
        "GetGroup" => groups::get_group(state, body),
        "ListGroups" => groups::list_groups(state, body),
        "UpdateGroup" => groups::update_group(state, body),
        "DeleteGroup" => groups::delete_group(state, body),
        "AdminAddUserToGroup" => groups::admin_set_membership(state, body, true),
        "AdminRemoveUserFromGroup" => groups::admin_set_membership(state, body, false),
        "AdminListGroupsForUser" => groups::admin_list_groups_for_user(state, body),
        "ListUsersInGroup" => groups::list_users_in_group(state, body),
        _ => Err(ServiceError::new(
            ServiceCode::UnknownOperation,
            format!("serve does not implement {}", shown(operation)),
        )),
    }
}

impl core::fmt::Debug for Server {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Server")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl core::fmt::Debug for Fuzz {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Fuzz").finish_non_exhaustive()
    }
}
