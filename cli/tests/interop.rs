//! Clients that no one here wrote sign in to `srp-cognito serve`, each with the right
//! password (tokens) and a wrong one (NotAuthorizedException): pycognito with boto3
//! (interop/python, pinned in requirements.txt), AWS's amazon-cognito-identity-js and
//! Amplify JS v6 (interop/js, pinned by package-lock.json), including the device flow
//! amazon-cognito-identity-js runs by itself (ConfirmDevice, the remembered status where
//! the pool asks, DEVICE_SRP_AUTH, a changed device password refused).
//!
//! Ignored unless asked for (`--include-ignored`): they need Node.js with `npm ci` run in
//! interop/js and `pip install -r interop/python/requirements.txt` (`.ci/run` does both);
//! then anything missing fails them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

mod common;
mod endpoint;
mod moto_server;

use endpoint::{Endpoint, PASSWORD};

fn interop(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../interop")
        .join(folder)
}

/// A pool (devices remembered, on the user's prompt or always, when `devices` says so),
/// an app client and a confirmed user `name` with `PASSWORD`.
fn provision(
    serve: &Endpoint,
    name: &str,
    secret: bool,
    devices: Option<bool>,
) -> (String, String, Option<String>) {
    let mut body = json!({"PoolName": "interop"});
    if let Some(on_prompt) = devices {
        body["DeviceConfiguration"] = json!({"ChallengeRequiredOnNewDevice": false,
            "DeviceOnlyRememberedOnUserPrompt": on_prompt});
    }
    let pool = serve.call("CreateUserPool", &body)["UserPool"]["Id"]
        .as_str()
        .expect("pool id")
        .to_owned();
    let (client, client_secret) = serve.client(&pool, secret);
    serve.user(&pool, name, true);
    (pool, client, client_secret)
}

/// Runs a client script with the sign-in's environment; its exit code and JSON line.
fn run(
    mut command: Command,
    serve: &Endpoint,
    ids: &(String, String, Option<String>),
    user: &str,
    password: &str,
) -> (Option<i32>, Value) {
    command
        .env("SERVE_URL", &serve.url)
        .env("POOL_ID", &ids.0)
        .env("CLIENT_ID", &ids.1)
        .env("COGNITO_USERNAME", user)
        .env("COGNITO_PASSWORD", password)
        .env_remove("CLIENT_SECRET");
    if let Some(secret) = &ids.2 {
        command.env("CLIENT_SECRET", secret);
    }
    let output = command.output().expect("the client runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or("");
    let value = serde_json::from_str(line).unwrap_or_else(|_| {
        panic!(
            "no JSON from the client: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), value)
}

/// Tokens for `user` with `PASSWORD`, NotAuthorizedException with a wrong password.
fn right_and_wrong(
    client: impl Fn() -> Command,
    serve: &Endpoint,
    ids: &(String, String, Option<String>),
    user: &str,
) {
    let (code, out) = run(client(), serve, ids, user, PASSWORD);
    assert_eq!((code, &out["username"]), (Some(0), &json!(user)), "{out}");
    let (code, out) = run(client(), serve, ids, user, "Wrong-Horse-7!");
    assert_eq!(
        (code, &out["error"]),
        (Some(1), &json!("NotAuthorizedException")),
        "{out}"
    );
}

fn node(script: &str, args: &[&str]) -> Command {
    let folder = interop("js");
    assert!(
        folder
            .join("node_modules/amazon-cognito-identity-js")
            .is_dir(),
        "run `npm ci` in {} (.ci/run does)",
        folder.display()
    );
    let mut command = Command::new("node");
    command.current_dir(&folder).arg(script).args(args);
    command
}

fn python() -> Command {
    let ok = Command::new("python3")
        .args(["-c", "import pycognito"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "pip install -r interop/python/requirements.txt (.ci/run does)"
    );
    let mut command = Command::new("python3");
    command.arg(interop("python").join("sign_in.py"));
    command
}

#[test]
#[ignore = "end to end: needs pycognito from pip; run with --include-ignored"]
fn pycognito_signs_in_and_verifies_the_tokens() {
    let serve = Endpoint::serve();
    for secret in [false, true] {
        let ids = provision(&serve, "alice", secret, None);
        let (code, out) = run(python(), &serve, &ids, "alice", PASSWORD);
        assert_eq!(
            (code, &out["username"]),
            (Some(0), &json!("alice")),
            "{out}"
        );
        let (code, out) = run(python(), &serve, &ids, "alice", "Wrong-Horse-7!");
        assert_eq!(
            (code, &out["error"]),
            (Some(1), &json!("NotAuthorizedException")),
            "{out}"
        );
    }
}

#[test]
#[ignore = "end to end: needs Node.js and `npm ci` in interop/js; run with --include-ignored"]
fn amazon_cognito_identity_js_signs_in() {
    let serve = Endpoint::serve();
    let ids = provision(&serve, "bob", false, None);
    right_and_wrong(|| node("identity.mjs", &["password"]), &serve, &ids, "bob");
}

/// The SDK confirms the device itself (and marks it remembered where the pool asks the
/// user), signs in again through DEVICE_SRP_AUTH (the access token names the device), and
/// a changed device password is refused.
#[test]
#[ignore = "end to end: needs Node.js and `npm ci` in interop/js; run with --include-ignored"]
fn amazon_cognito_identity_js_remembers_and_uses_the_device() {
    let serve = Endpoint::serve();
    for on_prompt in [false, true] {
        let ids = provision(&serve, "carol", false, Some(on_prompt));
        let (code, out) = run(
            node("identity.mjs", &["device"]),
            &serve,
            &ids,
            "carol",
            PASSWORD,
        );
        assert_eq!(code, Some(0), "{out}");
        assert!(out["device_key"].is_string(), "{out}");
        assert_eq!(out["second_device_key"], out["device_key"], "{out}");
        assert_eq!(out["wrong_device"], "NotAuthorizedException", "{out}");
    }
}

/// TOTP through amazon-cognito-identity-js's own flow: a pool whose MFA is ON asks the new
/// user for MFA_SETUP (the SDK associates and verifies the authenticator and answers it),
/// then every sign-in for SOFTWARE_TOKEN_MFA: a wrong code refused, the right one accepted.
#[test]
#[ignore = "end to end: needs Node.js and `npm ci` in interop/js; run with --include-ignored"]
fn amazon_cognito_identity_js_sets_up_and_answers_totp() {
    let serve = Endpoint::serve();
    let pool = serve.call(
        "CreateUserPool",
        &json!({"PoolName": "totp", "MfaConfiguration": "ON"}),
    )["UserPool"]["Id"]
        .as_str()
        .expect("pool id")
        .to_owned();
    let (client, secret) = serve.client(&pool, false);
    serve.user(&pool, "tess", true);
    let (code, out) = run(
        node("identity.mjs", &["totp"]),
        &serve,
        &(pool, client, secret),
        "tess",
        PASSWORD,
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out["setup"], "tess", "{out}");
    assert_eq!(out["wrong_code"], "CodeMismatchException", "{out}");
    assert_eq!(out["username"], "tess", "{out}");
}

#[test]
#[ignore = "end to end: needs Node.js and `npm ci` in interop/js; run with --include-ignored"]
fn amplify_v6_signs_in() {
    let serve = Endpoint::serve();
    let ids = provision(&serve, "dave", false, None);
    right_and_wrong(|| node("amplify.mjs", &[]), &serve, &ids, "dave");
}

/// serve's sign-up, password, MFA and user-existence paths through pycognito's own methods
/// and boto3 (interop/python/test_serve.py, pytest), with the confirmation code fixed.
#[test]
#[ignore = "end to end: needs pycognito and pytest from pip; run with --include-ignored"]
fn pycognito_and_boto3_drive_sign_up_passwords_and_totp() {
    let serve = Endpoint::serve_with(&["--code", "246810"]);
    let _ = python();
    let status = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "test_serve.py",
        ])
        .current_dir(interop("python"))
        .env("SERVE_URL", &serve.url)
        .status()
        .expect("pytest runs");
    assert!(status.success(), "pytest: {status}");
}
