//! The CLI's sign-in commands against `srp-cognito serve` (the project's one Cognito,
//! which verifies every claim): the flows (`--flow USER_AUTH`, `--flow CUSTOM_AUTH`), the
//! two-step form for the aws CLI, devices (`device-verifier`, `confirm-device` with and
//! without `--remember` where users opt in, refusals), and secrets never taken from argv.
//! Right and wrong passwords, secrets, refreshes and hostile requests: tests/serve.rs.

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};

mod common;
mod endpoint;
mod moto_server;

use endpoint::{BIN, Endpoint, PASSWORD, json_of, refused_with, signed_in_as};

/// A pool (remembering devices: always, or where the user says so with `on_prompt`), an
/// app client without a secret allowing every flow, and a confirmed user `alice`.
fn setup(serve: &Endpoint, devices: Option<bool>) -> (String, String) {
    let mut body = json!({"PoolName": "cli"});
    if let Some(on_prompt) = devices {
        body["DeviceConfiguration"] = json!({"DeviceOnlyRememberedOnUserPrompt": on_prompt});
    }
    let pool = serve.call("CreateUserPool", &body)["UserPool"]["Id"]
        .as_str()
        .expect("pool id")
        .to_owned();
    let client = serve.call(
        "CreateUserPoolClient",
        &json!({"UserPoolId": pool, "ClientName": "cli", "ExplicitAuthFlows":
            ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
    )["UserPoolClient"]["ClientId"]
        .as_str()
        .expect("client id")
        .to_owned();
    serve.user(&pool, "alice", true);
    (pool, client)
}

/// A fresh path in the temp folder (nothing there yet).
fn temp_path(name: &str) -> String {
    let path = std::env::temp_dir().join(format!("srp-cognito-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path.to_string_lossy().into_owned()
}

fn mode(path: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// `sign-in` for alice with `extra` options.
fn sign_in(serve: &Endpoint, pool: &str, client: &str, extra: &[&str]) -> Output {
    let mut args = serve.sign_in_args(pool, client, "alice");
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    serve.srp(&args, None, "")
}

/// `sign-in` through the remembered device whose keys `device` names (as `confirm-device`
/// printed them) and whose password is in `file`.
fn device_sign_in(
    serve: &Endpoint,
    pool: &str,
    client: &str,
    device: &Value,
    file: &str,
) -> Output {
    let group = format!(
        "--device-group-key={}",
        device["DeviceGroupKey"].as_str().expect("group key")
    );
    let key = device["DeviceKey"].as_str().expect("device key");
    sign_in(
        serve,
        pool,
        client,
        &["--device-key", key, &group, "--device-password-file", file],
    )
}

/// The `device_key` claim of a sign-in through `device` (None: the device was not used);
/// the password file is removed afterwards.
fn signed_in_through(
    serve: &Endpoint,
    pool: &str,
    client: &str,
    device: &Value,
    file: &str,
) -> Value {
    let result = json_of(&device_sign_in(serve, pool, client, device, file));
    let _ = std::fs::remove_file(file);
    endpoint::claims(&result["AccessToken"])["device_key"].clone()
}

/// `confirm-device` for the sign-in that printed `first`, naming the device ci-runner.
fn confirm(serve: &Endpoint, first: &Output, file: &str, remember: bool) -> Output {
    let mut args = vec!["confirm-device", "--device-password-file", file];
    args.extend(["--device-name", "ci-runner", "--endpoint-url", &serve.url]);
    if remember {
        args.push("--remember");
    }
    serve.srp(&args, None, &String::from_utf8_lossy(&first.stdout))
}

#[test]
fn user_auth_and_custom_srp_flows() {
    let serve = Endpoint::serve();
    let (pool, client) = setup(&serve, None);
    // USER_AUTH preferring PASSWORD_SRP: the claim is verified.
    let result = json_of(&sign_in(&serve, &pool, &client, &["--flow", "USER_AUTH"]));
    assert_eq!(signed_in_as(&result), "alice");
    // The spelling clap users type is accepted too; help shows Cognito's names only.
    let result = json_of(&sign_in(&serve, &pool, &client, &["--flow", "user-auth"]));
    assert_eq!(signed_in_as(&result), "alice");
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_srp-cognito"))
        .args(["sign-in", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH") && !help.contains("user-auth"),
        "{help}"
    );
    let wrong = serve.srp_with_password(
        &[
            "sign-in",
            "--pool-id",
            &pool,
            "--client-id",
            &client,
            "--username",
            "alice",
            "--endpoint-url",
            &serve.url,
            "--flow",
            "USER_AUTH",
        ],
        "Wrong-Horse-7!",
        None,
        "",
    );
    refused_with(&wrong, "NotAuthorizedException");
    // CUSTOM_AUTH starts with SRP_A; without Lambda triggers Cognito (and serve) refuse
    // it, and the refusal is Cognito's, printed as such.
    let state = temp_path("custom-state");
    let ids = [pool.as_str(), &client, "alice", &state];
    let init = json_of(&serve.initiate(ids, &["--flow", "CUSTOM_AUTH"], None));
    let _ = std::fs::remove_file(&state);
    assert_eq!(init["AuthFlow"], "CUSTOM_AUTH");
    assert_eq!(init["AuthParameters"]["CHALLENGE_NAME"], "SRP_A");
    assert!(init["AuthParameters"]["SRP_A"].is_string());
    let custom = sign_in(&serve, &pool, &client, &["--flow", "CUSTOM_AUTH"]);
    refused_with(&custom, "InvalidParameterException");
}

#[test]
fn two_step_form_for_the_aws_cli() {
    let serve = Endpoint::serve();
    let (pool, client) = setup(&serve, None);
    let file = temp_path("state");
    let ids = [pool.as_str(), &client, "alice", &file];
    let output = serve.initiate(ids, &[], None);
    let init = json_of(&output);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        serve.initiate(ids, &[], None).status.code(),
        Some(2),
        "an existing state file is refused"
    );
    let challenge = serve.call("InitiateAuth", &init);
    assert_eq!(challenge["ChallengeName"], "PASSWORD_VERIFIER");
    let request = json_of(&serve.srp(&["respond", "--state", &file], None, &challenge.to_string()));
    assert!(!Path::new(&file).exists(), "the state is removed after use");
    let result = serve.call("RespondToAuthChallenge", &request);
    assert_eq!(signed_in_as(&result["AuthenticationResult"]), "alice");
    // The state is spent: a second respond says to run initiate again.
    let again = serve.srp(&["respond", "--state", &file], None, &challenge.to_string());
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("run initiate again"), "{stderr}");
}

/// `device-verifier` for the device of a sign-in; ConfirmDevice with what it printed (as
/// `aws cognito-idp confirm-device` would send it); then a sign-in through the device.
#[test]
fn device_verifier_then_device_sign_in() {
    let serve = Endpoint::serve();
    let (pool, client) = setup(&serve, Some(false));
    let first = json_of(&sign_in(&serve, &pool, &client, &[]));
    let device = first["NewDeviceMetadata"].clone();
    let file = temp_path("device-password");
    let args = [
        "device-verifier",
        "--device-key",
        device["DeviceKey"].as_str().expect("key"),
        &format!(
            "--device-group-key={}",
            device["DeviceGroupKey"].as_str().expect("group")
        ),
        "--device-password-file",
        &file,
    ];
    let printed = json_of(&serve.srp(&args, None, ""));
    assert_eq!(mode(&file), 0o600);
    assert!(
        printed.get("DevicePassword").is_none(),
        "not printed unless asked"
    );
    assert_eq!(
        serve.srp(&args, None, "").status.code(),
        Some(2),
        "an existing password file is refused"
    );
    let confirmed = serve.call(
        "ConfirmDevice",
        &json!({"AccessToken": first["AccessToken"], "DeviceKey": printed["DeviceKey"],
            "DeviceSecretVerifierConfig": printed["DeviceSecretVerifierConfig"]}),
    );
    assert_eq!(confirmed["UserConfirmationNecessary"], false);
    let used = signed_in_through(&serve, &pool, &client, &device, &file);
    assert_eq!(used, device["DeviceKey"]);
}

#[test]
fn confirm_device_then_device_sign_in() {
    let serve = Endpoint::serve();
    let (pool, client) = setup(&serve, Some(false));
    let first = sign_in(&serve, &pool, &client, &[]);
    let file = temp_path("confirmed-device");
    let output = confirm(&serve, &first, &file, false);
    let printed = json_of(&output);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        printed["DeviceKey"],
        json_of(&first)["NewDeviceMetadata"]["DeviceKey"]
    );
    assert_eq!(printed["UserConfirmationNecessary"], false);
    assert!(printed.get("DeviceRememberedStatus").is_none());
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("eyJ"),
        "no token printed"
    );
    let used = signed_in_through(&serve, &pool, &client, &printed, &file);
    assert_eq!(used, printed["DeviceKey"]);
}

/// Where users opt in, `--remember` marks the device remembered (then sign-ins go through
/// it); without it, the device is confirmed but not used.
#[test]
fn confirm_device_remember_where_users_opt_in() {
    let serve = Endpoint::serve();
    for remember in [false, true] {
        let (pool, client) = setup(&serve, Some(true));
        let first = sign_in(&serve, &pool, &client, &[]);
        let file = temp_path(&format!("opt-in-device-{remember}"));
        let printed = json_of(&confirm(&serve, &first, &file, remember));
        assert_eq!(printed["UserConfirmationNecessary"], true);
        assert_eq!(printed["DeviceRememberedStatus"] == "remembered", remember);
        let used = signed_in_through(&serve, &pool, &client, &printed, &file);
        assert_eq!(used.is_string(), remember, "{used}");
    }
}

#[test]
fn confirm_device_refusals() {
    let serve = Endpoint::serve();
    let file = temp_path("refused-device");
    let args = [
        "confirm-device",
        "--device-password-file",
        &file,
        "--endpoint-url",
        &serve.url,
    ];
    // A token Cognito refuses: the error is printed and the password file removed.
    let result = r#"{"AuthenticationResult": {"AccessToken": "stolen",
        "NewDeviceMetadata": {"DeviceKey": "us-east-1_x", "DeviceGroupKey": "g"}}}"#;
    let output = serve.srp(&args, None, result);
    refused_with(
        &output,
        "NotAuthorizedException (HTTP 400): Invalid Access Token",
    );
    assert!(!Path::new(&file).exists(), "password file removed");
    // No NewDeviceMetadata, or not JSON at all: input refused before anything is sent.
    for input in [r#"{"AccessToken": "access-token"}"#, "tokens"] {
        let output = serve.srp(&args, None, input);
        assert_eq!(output.status.code(), Some(2), "{input}");
        assert!(!Path::new(&file).exists());
    }
}

#[test]
fn secrets_are_never_taken_from_argv() {
    // Refused before any request: the endpoint is never reached.
    let sign_in = [
        "sign-in",
        "--pool-id",
        "us-east-1_AbCdEf123",
        "--client-id",
        "c",
        "--username",
        "u",
        "--endpoint-url",
        "http://127.0.0.1:1",
    ];
    for (option, args) in [
        ("--password", [&sign_in[..], &["--password", "x"]].concat()),
        (
            "--client-secret",
            [&sign_in[..], &["--client-secret", "x"]].concat(),
        ),
        (
            "--device-password",
            vec!["device-verifier", "--device-password", "x"],
        ),
        (
            "--access-token",
            vec!["confirm-device", "--access-token", "x"],
        ),
    ] {
        let output = std::process::Command::new(BIN)
            .args(&args)
            .env("SRP_COGNITO_PASSWORD", PASSWORD)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{option}");
        assert!(
            stderr.contains("is not taken on the command line"),
            "{stderr}"
        );
    }
}
