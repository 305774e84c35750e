//! End to end against moto's Cognito (PyPI `moto[server]`, started here on 127.0.0.1 on a
//! free port, one server per test, stopped afterwards) and the real aws CLI: pools, app
//! clients with and without a secret and users are created through the API, then
//! `sign-in`, the `initiate` → `aws cognito-idp initiate-auth` → `respond` →
//! `aws cognito-idp respond-to-auth-challenge` pipeline, a FORCE_CHANGE_PASSWORD user
//! answered by a script, an email-as-username user, and Cognito's refusals.
//!
//! moto checks SECRET_HASH (at InitiateAuth), sessions and user states, but accepts any
//! SRP signature (the signature is proven by the vectors and by `srp-cognito serve`,
//! which verifies it), and sends its session id as SECRET_BLOCK, which is not base64:
//! hence `--lenient-secret-block` here (and the test that strict mode refuses it).
//!
//! Ignored unless asked for (`cargo test -- --include-ignored`, the README's test command
//! and CI's); then a missing moto or aws CLI fails them (.ci/run installs both).

use serde_json::{Value, json};

mod common;
mod endpoint;
mod moto_server;

use endpoint::{Endpoint, PASSWORD, TEMPORARY, json_of, refused_with, signed_in_as};

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn sign_in_with_and_without_a_client_secret() {
    let moto = Endpoint::moto();
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
    let moto = Endpoint::moto();
    let pool = moto.pool(false);
    moto.user(&pool, "alice", true);
    let (client, _) = moto.client(&pool, false);
    let args = moto.sign_in_args(&pool, &client, "alice");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
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
    let moto = Endpoint::moto();
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
        &moto.url,
    ];
    let output = moto.srp(&args, secret.as_deref(), &tokens.to_string());
    let fresh = json_of(&output);
    assert_eq!(signed_in_as(&fresh), internal);
    assert_ne!(fresh["AccessToken"], tokens["AccessToken"]);
}

#[test]
#[ignore = "end to end: needs moto_server and the aws CLI from pip; run with --include-ignored"]
fn force_change_password_is_answered_by_a_script() {
    let moto = Endpoint::moto();
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
    let moto = Endpoint::moto();
    let pool = moto.pool(false);
    let (client, secret) = moto.client(&pool, true);
    moto.user(&pool, "dave", true);
    let dir = std::env::temp_dir().join(format!("srp-cognito-moto-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (state, init, respond) = (path("state"), path("init.json"), path("respond.json"));

    let ids = [pool.as_str(), &client, "dave", &state];
    let output = moto.initiate(ids, &[], secret.as_deref());
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
    let moto = Endpoint::moto();
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
