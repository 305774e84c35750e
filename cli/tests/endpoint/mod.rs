//! A Cognito endpoint for the end-to-end tests — moto's, or `srp-cognito serve` — with
//! helpers to provision it through its API and to run `srp-cognito` against it. Shared by
//! test crates that each use a part of it.
#![allow(dead_code, reason = "each test binary uses a part of what is shared")]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Value, json};

pub const BIN: &str = env!("CARGO_BIN_EXE_srp-cognito");
pub const PASSWORD: &str = "Correct-Horse-7!";
/// The password an administrator gives a new user (FORCE_CHANGE_PASSWORD).
pub const TEMPORARY: &str = "Temp-0rary!";

/// Numbers the state files of [`Endpoint::claim`].
static CLAIMS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// What keeps a server running: moto's process, or `srp-cognito serve`'s.
enum Server {
    Moto(
        #[expect(dead_code, reason = "kept for its Drop, which stops moto")]
        crate::moto_server::MotoServer,
    ),
    Serve(Child),
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Server::Serve(child) = self {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A Cognito endpoint of our own (stopped when dropped), and an HTTP client for its API.
pub struct Endpoint {
    _server: Server,
    pub url: String,
    /// moto's SECRET_BLOCK needs `--lenient-secret-block`; serve's is base64.
    lenient: bool,
    agent: ureq::Agent,
}

impl Endpoint {
    /// moto's Cognito, with the aws CLI checked too.
    pub fn moto() -> Endpoint {
        crate::common::tool("aws", "awscli", "--version", "awscli");
        let server = crate::moto_server::start();
        Endpoint {
            url: server.url.clone(),
            _server: Server::Moto(server),
            lenient: true,
            agent: agent(),
        }
    }

    /// `srp-cognito serve` on a free port of 127.0.0.1.
    pub fn serve() -> Endpoint {
        Endpoint::serve_with(&[])
    }

    /// `srp-cognito serve` on a free port of 127.0.0.1, with `args` (`--code 123456`).
    pub fn serve_with(args: &[&str]) -> Endpoint {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("srp-cognito serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("serve prints its URL");
        Endpoint {
            url: line.trim().to_owned(),
            _server: Server::Serve(child),
            lenient: false,
            agent: agent(),
        }
    }

    /// One Cognito API call that must succeed.
    pub fn call(&self, operation: &str, body: &Value) -> Value {
        let (status, value) = self.try_call(operation, body);
        assert_eq!(status, 200, "{operation}: {value}");
        value
    }

    /// One Cognito API call (admin calls as well: neither server checks the signature):
    /// its status and JSON body.
    pub fn try_call(&self, operation: &str, body: &Value) -> (u16, Value) {
        let mut response = self
            .agent
            .post(&self.url)
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
            .expect("the endpoint answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The RespondToAuthChallenge body that answers PASSWORD_VERIFIER for `username` with
    /// `password`: `srp-cognito initiate`, InitiateAuth, `srp-cognito respond`.
    pub fn claim(
        &self,
        pool: &str,
        client: &str,
        username: &str,
        password: &str,
        secret: Option<&str>,
    ) -> Value {
        let state = std::env::temp_dir().join(format!(
            "srp-cognito-claim-{}-{}",
            std::process::id(),
            CLAIMS.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        ));
        let state = state.to_string_lossy().into_owned();
        let init = json_of(&self.initiate([pool, client, username, &state], &[], secret));
        let challenge = self.call("InitiateAuth", &init);
        let respond = ["respond", "--state", &state, "--lenient-secret-block"];
        let respond = if self.lenient {
            &respond[..]
        } else {
            &respond[..3]
        };
        let output = self.srp_with_password(respond, password, secret, &challenge.to_string());
        let _ = std::fs::remove_file(&state);
        json_of(&output)
    }

    /// A pool; with `email_username`, users sign in with their email (UsernameAttributes).
    pub fn pool(&self, email_username: bool) -> String {
        let mut body = json!({"PoolName": "srp-cognito-e2e"});
        if email_username {
            body["UsernameAttributes"] = json!(["email"]);
        }
        let pool = self.call("CreateUserPool", &body);
        pool["UserPool"]["Id"].as_str().expect("pool id").to_owned()
    }

    /// An app client for SRP; its id and, with `secret`, its client secret.
    pub fn client(&self, pool: &str, secret: bool) -> (String, Option<String>) {
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
    pub fn user(&self, pool: &str, username: &str, permanent: bool) {
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
    pub fn srp(&self, args: &[&str], secret: Option<&str>, stdin: &str) -> Output {
        self.srp_with_password(args, PASSWORD, secret, stdin)
    }

    /// `srp-cognito ARGS` with `password` as SRP_COGNITO_PASSWORD.
    pub fn srp_with_password(
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
        // A command that refuses before reading its input closes the pipe: not an error.
        let _ =
            std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes());
        child.wait_with_output().expect("srp-cognito ends")
    }

    /// `srp-cognito sign-in` for `username` (with `--lenient-secret-block` for moto).
    pub fn sign_in(
        &self,
        pool: &str,
        client: &str,
        username: &str,
        secret: Option<&str>,
    ) -> Output {
        self.sign_in_with_password(pool, client, username, PASSWORD, secret)
    }

    /// `sign-in` with `password`.
    pub fn sign_in_with_password(
        &self,
        pool: &str,
        client: &str,
        username: &str,
        password: &str,
        secret: Option<&str>,
    ) -> Output {
        let mut args = self.sign_in_args(pool, client, username);
        // moto's SECRET_BLOCK needs the lenient reading; serve's is Cognito's base64.
        if self.lenient {
            args.push("--lenient-secret-block".into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.srp_with_password(&args, password, secret, "")
    }

    /// `initiate --pool-id P --client-id C --username U --state FILE`, and `extra`.
    pub fn initiate(&self, ids: [&str; 4], extra: &[&str], secret: Option<&str>) -> Output {
        let [pool, client, username, state] = ids;
        let mut args = vec!["initiate"];
        args.extend(who(pool, client, username));
        args.extend(["--state", state]);
        args.extend(extra);
        self.srp(&args, secret, "")
    }

    /// `sign-in --pool-id P --client-id C --username U --endpoint-url` this server.
    pub fn sign_in_args(&self, pool: &str, client: &str, username: &str) -> Vec<String> {
        let mut args = vec!["sign-in"];
        args.extend(who(pool, client, username));
        args.extend(["--endpoint-url", &self.url]);
        args.into_iter().map(str::to_owned).collect()
    }

    /// `aws cognito-idp OPERATION ARGS` against this server, without credentials (neither
    /// InitiateAuth nor RespondToAuthChallenge needs them).
    pub fn aws(&self, operation: &str, args: &[&str]) -> Output {
        aws_cli()
            .args(["cognito-idp", operation])
            .args(args)
            .args(["--endpoint-url", &self.url, "--output", "json"])
            .arg("--no-sign-request")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("aws runs")
    }
}

impl Endpoint {
    /// `aws cognito-idp ARGS` against this server with test credentials (the admin
    /// operations are signed requests; the server does not check the signature).
    pub fn aws_signed(&self, args: &[&str]) -> Output {
        aws_cli()
            .arg("cognito-idp")
            .args(args)
            .args(["--endpoint-url", &self.url, "--output", "json"])
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("aws runs")
    }
}

/// `--pool-id P --client-id C --username U`.
fn who<'a>(pool: &'a str, client: &'a str, username: &'a str) -> [&'a str; 6] {
    [
        "--pool-id",
        pool,
        "--client-id",
        client,
        "--username",
        username,
    ]
}

/// The aws CLI (checked by `Endpoint::moto`).
pub fn aws_cli() -> Command {
    crate::common::tool("aws", "awscli", "--version", "awscli")
}

/// The command exited 0; its stdout as JSON.
pub fn json_of(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// The claims of a JWT (read, not verified).
pub fn claims(token: &Value) -> Value {
    let payload = token
        .as_str()
        .and_then(|t| t.split('.').nth(1))
        .expect("a JWT");
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).expect("base64url"))
        .expect("JSON claims")
}

/// The `username` claim of an access token: who signed in.
pub fn signed_in_as(result: &Value) -> String {
    claims(&result["AccessToken"])["username"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The command exited 1 with `expected` in its error.
pub fn refused_with(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(expected), "wanted {expected:?} in {stderr}");
    assert!(output.stdout.is_empty());
}
