//! `serve`: a local endpoint that speaks Cognito's JSON protocol for the sign-in surface
//! and verifies SRP as Cognito does (the library's `server` half), so that any client can
//! be tested against a server that says no to a wrong password.
//!
//! A test double, not an identity provider: state in memory, bound to loopback by default.

mod auth;
mod http;
mod jwt;
mod state;

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::api::Failure;
use http::{Request, Response};
use state::State;

/// Connections served at once; more wait in the listener's backlog.
const MAX_CONNECTIONS: usize = 64;
/// How long a connection may sit between requests, or take to send one.
const IDLE: Duration = Duration::from_secs(30);

/// A Cognito error: its `__type`, message and HTTP status.
pub(crate) struct Refusal {
    kind: &'static str,
    message: String,
    status: u16,
}

impl Refusal {
    pub(crate) fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            kind,
            message: message.into(),
            status: 400,
        }
    }

    fn response(&self) -> Response {
        let mut response = Response::json(
            self.status,
            &json!({"__type": self.kind, "message": self.message}),
        );
        response
            .headers
            .push(("x-amzn-ErrorType".into(), format!("{}:", self.kind)));
        response
    }
}

/// What an operation returns.
pub(crate) type Outcome = Result<Value, Refusal>;

/// Serves on `listen` until the process is stopped.
pub(crate) fn serve(listen: SocketAddr, allow_remote: bool) -> Result<(), Failure> {
    if !listen.ip().is_loopback() && !allow_remote {
        return Err(Failure::Usage(format!(
            "{listen} is not a loopback address: serve is a test double that holds passwords' \
             verifiers in memory; add --allow-remote to listen there anyway"
        )));
    }
    let listener = TcpListener::bind(listen)
        .map_err(|e| Failure::Usage(format!("cannot listen on {listen}: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let state = Arc::new(Mutex::new(
        State::new(&format!("http://{address}")).map_err(Failure::Refused)?,
    ));
    // The address on stdout (a test or script that asked for port 0 reads it there).
    println!("http://{address}");
    eprintln!("srp-cognito serve: listening on http://{address} (Ctrl-C to stop)");
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            drop(stream);
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let (state, open) = (Arc::clone(&state), Arc::clone(&open));
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(IDLE));
            let _ = stream.set_write_timeout(Some(IDLE));
            http::serve_connection(stream, |request| handle(&state, request));
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// One request: an operation (POST with X-Amz-Target), a JWKS (GET), a CORS preflight.
fn handle(state: &Mutex<State>, request: &Request) -> Response {
    let mut response = match (request.method.as_str(), request.target.as_deref()) {
        ("OPTIONS", _) => Response::empty(200),
        ("GET", _) => {
            let state = state
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match state.jwks(&request.path) {
                Some(jwks) => Response::json(200, &jwks),
                None => Refusal {
                    kind: "ResourceNotFoundException",
                    message: "no such JWKS".into(),
                    status: 404,
                }
                .response(),
            }
        }
        ("POST", Some(target)) => {
            let operation = target
                .strip_prefix("AWSCognitoIdentityProviderService.")
                .unwrap_or("");
            let outcome = match serde_json::from_slice::<Value>(&request.body) {
                Ok(Value::Object(body)) => {
                    let mut state = state
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    state.expire();
                    dispatch(&mut state, operation, &Value::Object(body))
                }
                _ => Err(Refusal::new(
                    "SerializationException",
                    "the body is not a JSON object",
                )),
            };
            match outcome {
                Ok(value) => Response::json(200, &value),
                Err(refusal) => refusal.response(),
            }
        }
        _ => Refusal::new("UnknownOperationException", "no X-Amz-Target").response(),
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

/// The operations `serve` implements.
fn dispatch(state: &mut State, operation: &str, body: &Value) -> Outcome {
    match operation {
        "CreateUserPool" => state.create_user_pool(body),
        "DescribeUserPool" => state.describe_user_pool(body),
        "ListUserPools" => state.list_user_pools(),
        "CreateUserPoolClient" => state.create_user_pool_client(body),
        "AdminCreateUser" => state.admin_create_user(body),
        "AdminSetUserPassword" => state.admin_set_user_password(body),
        "AdminGetUser" => state.admin_get_user(body),
        "InitiateAuth" => auth::initiate_auth(state, body),
        "RespondToAuthChallenge" => auth::respond_to_auth_challenge(state, body),
        "GetTokensFromRefreshToken" => auth::get_tokens_from_refresh_token(state, body),
        "ConfirmDevice" => auth::confirm_device(state, body),
        "UpdateDeviceStatus" => auth::update_device_status(state, body),
        "ForgetDevice" => auth::forget_device(state, body),
        "GetUser" => auth::get_user(state, body),
        _ => Err(Refusal::new(
            "UnknownOperationException",
            format!("serve does not implement {}", crate::api::escape(operation)),
        )),
    }
}
