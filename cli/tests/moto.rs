//! End to end against moto's Cognito (PyPI `moto[server]`, started here on 127.0.0.1 on a
//! free port, one server per test, stopped afterwards) and the real aws CLI: pools, app
//! clients with and without a secret and users are created through the API, then
//! `sign-in`, the `initiate` → `aws cognito-idp initiate-auth` → `respond` →
//! `aws cognito-idp respond-to-auth-challenge` pipeline, a FORCE_CHANGE_PASSWORD user
//! answered by a script, an email-as-username user, and Cognito's refusals.
//!
//! moto checks SECRET_HASH (at InitiateAuth), sessions and user states, but accepts any
//! SRP signature (the signature is proven by the vectors and by tests/signin.rs's mock,
//! which verifies it), and sends its session id as SECRET_BLOCK, which is not base64:
//! hence `--lenient-secret-block` here (and the test that strict mode refuses it).
//!
//! Ignored unless asked for (`cargo test -- --include-ignored`, the README's test command
//! and CI's); then a missing moto or aws CLI fails them (.ci/run installs both).

use std::process::{Command, Output, Stdio};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_srp-cognito");
const PASSWORD: &str = "Correct-Horse-7!";
/// The password an administrator gives a new user (FORCE_CHANGE_PASSWORD).
const TEMPORARY: &str = "Temp-0rary!";

mod common;
mod moto_server;

/// A moto server of our own (stopped when dropped), and an HTTP client for its API.
struct Moto {
    server: moto_server::MotoServer,
    agent: ureq::Agent,
}

impl Moto {
    fn start() -> Moto {
        common::tool("aws", "awscli", "--version", "awscli");
        let server = moto_server::start();
        Moto {
            server,
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
        }
    }

    /// One Cognito API call (admin calls as well: moto checks no signature).
    fn call(&self, operation: &str, body: &Value) -> Value {
        let mut response = self
            .agent
            .post(&self.server.url)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header(
                "X-Amz-Target",
                format!("AWSCognitoIdentityProviderService.{operation}"),
            )
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261122/us-east-1/cognito-idp/aws4_request, \
                 SignedHeaders=host, Signature=0",
            )
            .send(body.to_string())
            .expect("moto answers");
        let status = response.status();
        let text = response.body_mut().read_to_string().expect("a body");
        assert!(status.is_success(), "{operation}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// A pool; with `email_username`, users sign in with their email (UsernameAttributes).
    fn pool(&self, email_username: bool) -> String {
        let mut body = json!({"PoolName": "srp-cognito-e2e"});
        if email_username {
            body["UsernameAttributes"] = json!(["email"]);
        }
        let pool = self.call("CreateUserPool", &body);
        pool["UserPool"]["Id"].as_str().expect("pool id").to_owned()
    }

    /// An app client for SRP; its id and, with `secret`, its client secret.
    fn client(&self, pool: &str, secret: bool) -> (String, Option<String>) {
        let client = self.call(
            "CreateUserPoolClient",
            &json!({"UserPoolId": pool, "ClientName": "cli", "GenerateSecret": secret,
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
        );
        let client = &client["UserPoolClient"];
        (
            client["ClientId"].as_str().expect("client id").to_owned(),
            client["ClientSecret"].as_str().map(str::to_owned),
        )
    }

    /// A user created by an administrator; `CONFIRMED` with `PASSWORD` when `permanent`,
    /// else `FORCE_CHANGE_PASSWORD` with a temporary password.
    fn user(&self, pool: &str, username: &str, permanent: bool) {
        self.call(
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": username, "TemporaryPassword": TEMPORARY,
                "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": format!("{username}.mail@example.com")}]}),
        );
        if permanent {
            self.call(
                "AdminSetUserPassword",
                &json!({"UserPoolId": pool, "Username": username, "Password": PASSWORD,
                    "Permanent": true}),
            );
        }
    }

    /// `srp-cognito ARGS` against this server, `secret` as SRP_COGNITO_CLIENT_SECRET.
    fn srp(&self, args: &[&str], secret: Option<&str>, stdin: &str) -> Output {
        self.srp_with_password(args, PASSWORD, secret, stdin)
    }

    /// `srp-cognito ARGS` with `password` as SRP_COGNITO_PASSWORD.
    fn srp_with_password(
        &self,
        args: &[&str],
        password: &str,
        secret: Option<&str>,
        stdin: &str,
    ) -> Output {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("SRP_COGNITO_PASSWORD", password)
            .env_remove("SRP_COGNITO_CLIENT_SECRET")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(secret) = secret {
            command.env("SRP_COGNITO_CLIENT_SECRET", secret);
        }
        let mut child = command.spawn().expect("srp-cognito runs");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes())
            .expect("stdin written");
        child.wait_with_output().expect("srp-cognito ends")
    }

    /// `srp-cognito sign-in` for `username` with `--lenient-secret-block`.
    fn sign_in(&self, pool: &str, client: &str, username: &str, secret: Option<&str>) -> Output {
        self.sign_in_with_password(pool, client, username, PASSWORD, secret)
    }

    /// `sign-in` with `password`.
    fn sign_in_with_password(
        &self,
        pool: &str,
        client: &str,
        username: &str,
        password: &str,
        secret: Option<&str>,
    ) -> Output {
        let args = [
            "sign-in",
            "--pool-id",
            pool,
            "--client-id",
            client,
            "--username",
            username,
            "--endpoint-url",
            &self.server.url,
            "--lenient-secret-block",
        ];
        self.srp_with_password(&args, password, secret, "")
    }

    /// `aws cognito-idp OPERATION ARGS` against this server, without credentials (neither
    /// InitiateAuth nor RespondToAuthChallenge needs them).
    fn aws(&self, operation: &str, args: &[&str]) -> Output {
        aws_cli()
            .args(["cognito-idp", operation])
            .args(args)
            .args(["--endpoint-url", &self.server.url, "--output", "json"])
            .arg("--no-sign-request")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("aws runs")
    }
}

/// The aws CLI (checked by `Moto::start`).
fn aws_cli() -> Command {
    common::tool("aws", "awscli", "--version", "awscli")
}

/// The command exited 0; its stdout as JSON.
fn json_of(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// The `username` claim of an access token moto issued: who signed in.
fn signed_in_as(result: &Value) -> String {
    let token = result["AccessToken"].as_str().expect("an AccessToken");
    let payload = token.split('.').nth(1).expect("a JWT");
    let claims: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).expect("base64url"))
            .expect("JSON claims");
    claims["username"].as_str().unwrap_or_default().to_owned()
}

/// The command exited 1 with `expected` in its error.
fn refused_with(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(expected), "wanted {expected:?} in {stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn sign_in_with_and_without_a_client_secret() {
    let moto = Moto::start();
    let pool = moto.pool(false);
    moto.user(&pool, "alice", true);
    for secret in [false, true] {
        let (client, client_secret) = moto.client(&pool, secret);
        assert_eq!(client_secret.is_some(), secret);
        let output = moto.sign_in(&pool, &client, "alice", client_secret.as_deref());
        let result = json_of(&output);
        assert_eq!(signed_in_as(&result), "alice");
        assert!(result["IdToken"].is_string() && result["RefreshToken"].is_string());
        if let Some(client_secret) = client_secret {
            // moto recomputes SECRET_HASH: a wrong client secret is refused.
            let wrong = format!("{client_secret}x");
            let output = moto.sign_in(&pool, &client, "alice", Some(&wrong));
            refused_with(&output, "NotAuthorizedException (HTTP 400)");
        }
    }
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn strict_mode_refuses_motos_secret_block_and_names_the_option() {
    let moto = Moto::start();
    let pool = moto.pool(false);
    moto.user(&pool, "alice", true);
    let (client, _) = moto.client(&pool, false);
    let args = [
        "sign-in",
        "--pool-id",
        &pool,
        "--client-id",
        &client,
        "--username",
        "alice",
        "--endpoint-url",
        &moto.server.url,
    ];
    let output = moto.srp(&args, None, "");
    refused_with(
        &output,
        "SECRET_BLOCK is not standard padded base64 (bad_base64)",
    );
    refused_with(&output, "pass --lenient-secret-block");
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn a_user_who_signs_in_with_their_email() {
    let moto = Moto::start();
    let pool = moto.pool(true);
    let (client, secret) = moto.client(&pool, true);
    moto.call(
        "AdminCreateUser",
        &json!({"UserPoolId": pool, "Username": "bob@example.com", "MessageAction": "SUPPRESS",
            "TemporaryPassword": TEMPORARY}),
    );
    moto.call(
        "AdminSetUserPassword",
        &json!({"UserPoolId": pool, "Username": "bob@example.com", "Password": PASSWORD,
            "Permanent": true}),
    );
    // moto files the user under a generated username; the challenge names it and the
    // response must carry it (SECRET_HASH at InitiateAuth uses the email typed).
    let output = moto.sign_in(&pool, &client, "bob@example.com", secret.as_deref());
    let tokens = json_of(&output);
    let internal = signed_in_as(&tokens);
    assert_ne!(internal, "bob@example.com");
    assert_eq!(internal.len(), 36, "a UUID: {internal}");

    // refresh: the sign-in's output on stdin; SECRET_HASH with the internal username.
    let args = [
        "refresh",
        "--pool-id",
        &pool,
        "--client-id",
        &client,
        "--endpoint-url",
        &moto.server.url,
    ];
    let output = moto.srp(&args, secret.as_deref(), &tokens.to_string());
    let fresh = json_of(&output);
    assert_eq!(signed_in_as(&fresh), internal);
    assert_ne!(fresh["AccessToken"], tokens["AccessToken"]);
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn force_change_password_is_answered_by_a_script() {
    let moto = Moto::start();
    let pool = moto.pool(false);
    let (client, secret) = moto.client(&pool, true);
    let secret = secret.expect("a client secret");
    // The administrator's user: only a temporary password, which is the one typed.
    moto.user(&pool, "carol", false);
    let output = moto.sign_in_with_password(&pool, &client, "carol", TEMPORARY, Some(&secret));
    // A challenge left to the script: exit 3, with the USERNAME to answer with.
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let challenge: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    let session = challenge["Session"].as_str().expect("a Session");
    let username = challenge["USERNAME"].as_str().expect("USERNAME");
    assert_eq!(
        Some(username),
        challenge["ChallengeParameters"]["USERNAME"].as_str()
    );

    // The script: SECRET_HASH from `srp-cognito secret-hash`, the answer by the aws CLI.
    let hash = moto.srp(
        &[
            "secret-hash",
            "--username",
            username,
            "--client-id",
            &client,
        ],
        Some(&secret),
        "",
    );
    assert_eq!(hash.status.code(), Some(0));
    let hash = String::from_utf8_lossy(&hash.stdout).trim().to_owned();
    let responses = json!({"USERNAME": username, "NEW_PASSWORD": PASSWORD, "SECRET_HASH": hash});
    let answered = moto.aws(
        "respond-to-auth-challenge",
        &[
            "--client-id",
            &client,
            "--challenge-name",
            "NEW_PASSWORD_REQUIRED",
            "--session",
            session,
            "--challenge-responses",
            &responses.to_string(),
        ],
    );
    assert!(json_of(&answered)["AuthenticationResult"]["AccessToken"].is_string());

    // The new password now signs in straight to the tokens.
    let output = moto.sign_in(&pool, &client, "carol", Some(&secret));
    assert_eq!(signed_in_as(&json_of(&output)), "carol");
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn two_step_pipeline_through_the_aws_cli() {
    let moto = Moto::start();
    let pool = moto.pool(false);
    let (client, secret) = moto.client(&pool, true);
    moto.user(&pool, "dave", true);
    let dir = std::env::temp_dir().join(format!("srp-cognito-moto-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (state, init, respond) = (path("state"), path("init.json"), path("respond.json"));

    let output = moto.srp(
        &[
            "initiate",
            "--pool-id",
            &pool,
            "--client-id",
            &client,
            "--username",
            "dave",
            "--state",
            &state,
        ],
        secret.as_deref(),
        "",
    );
    std::fs::write(&init, json_of(&output).to_string()).expect("write");
    let challenge = moto.aws(
        "initiate-auth",
        &["--cli-input-json", &format!("file://{init}")],
    );
    let challenge = json_of(&challenge);
    let output = moto.srp(
        &["respond", "--state", &state, "--lenient-secret-block"],
        secret.as_deref(),
        &challenge.to_string(),
    );
    std::fs::write(&respond, json_of(&output).to_string()).expect("write");
    assert!(!std::path::Path::new(&state).exists(), "state removed");
    let result = moto.aws(
        "respond-to-auth-challenge",
        &["--cli-input-json", &format!("file://{respond}")],
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        signed_in_as(&json_of(&result)["AuthenticationResult"]),
        "dave"
    );
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn cognito_refusals_are_reported_with_type_and_status() {
    let moto = Moto::start();
    let pool = moto.pool(false);
    let (client, _) = moto.client(&pool, false);
    moto.call(
        "SignUp",
        &json!({"ClientId": client, "Username": "erin", "Password": PASSWORD}),
    );
    let output = moto.sign_in(&pool, &client, "erin", None);
    refused_with(
        &output,
        "UserNotConfirmedException (HTTP 400): User is not confirmed.",
    );
    let output = moto.sign_in(&pool, &client, "nobody", None);
    refused_with(&output, "UserNotFoundException (HTTP 400)");
    moto.user(&pool, "frank", true);
    moto.call(
        "AdminDisableUser",
        &json!({"UserPoolId": pool, "Username": "frank"}),
    );
    let output = moto.sign_in(&pool, &client, "frank", None);
    refused_with(
        &output,
        "NotAuthorizedException (HTTP 400): User is disabled.",
    );
}
