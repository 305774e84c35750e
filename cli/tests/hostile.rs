//! The CLI off the happy path: files it did not create, servers that are not Cognito (or
//! lie), careless invocations, unbounded input, closed pipes. Each test here failed
//! against the CLI before it was rebuilt on clap (`SRP_COGNITO_BIN` runs them against
//! another build of `srp-cognito`, e.g. an older one).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod scripted;

use scripted::Reply;

const POOL: &str = "us-east-1_AbCdEf123";
const CLIENT_ID: &str = "3z57ildt8dipg4dt9wl5m6ulaf";

fn bin() -> String {
    std::env::var("SRP_COGNITO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_srp-cognito").into())
}

/// Runs the CLI with `stdin`, the secrets' variables cleared but for `env`, bounded in time.
fn run(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(bin());
    command
        .args(args)
        .env_remove("SRP_COGNITO_PASSWORD")
        .env_remove("SRP_COGNITO_CLIENT_SECRET")
        .envs(env.iter().copied());
    finish(command, stdin)
}

fn finish(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let _ = input.write_all(stdin);
    drop(input);
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "the command did not end in 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A new empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("srp-cognito-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn reply(status: u16, body: &str) -> Reply {
    (status, Vec::new(), body.to_owned())
}

/// A server on 127.0.0.1 that answers each request with the next reply (the last one
/// again once they run out) and records each request's X-Amz-Target.
fn serve(replies: Vec<Reply>) -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let url = scripted::serve(move |target, _| {
        let mut log = log.lock().expect("lock");
        log.push(target.to_owned());
        replies[(log.len() - 1).min(replies.len() - 1)].clone()
    });
    (url, seen)
}

fn sign_in_args(url: &str) -> Vec<String> {
    [
        "sign-in",
        "--pool-id",
        POOL,
        "--client-id",
        CLIENT_ID,
        "--username",
        "alice",
        "--endpoint-url",
        url,
    ]
    .map(str::to_owned)
    .to_vec()
}

fn sign_in(url: &str, env: &[(&str, &str)]) -> Output {
    let args = sign_in_args(url);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut env = env.to_vec();
    if !env.iter().any(|(k, _)| *k == "SRP_COGNITO_PASSWORD") {
        env.push(("SRP_COGNITO_PASSWORD", "correct horse battery staple"));
    }
    run(&args, b"", &env)
}

/// A PASSWORD_VERIFIER challenge as moto sends it (its SECRET_BLOCK is not base64).
fn moto_challenge() -> String {
    json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": "s-1",
        "ChallengeParameters": {
            "USERNAME": "alice", "USER_ID_FOR_SRP": "alice",
            "SALT": "8bb7dcf905f418bf27b6623aa4d2f58f",
            "SRP_B": "cccd551910a5a4a05af370b8f7340bd4a4cbf2daed273fcfc3c4ec112f1424f0",
            "SECRET_BLOCK": "81505697-18c7-4b0e-9a44-5a2a6e1f3c0d",
        },
    })
    .to_string()
}

/// `initiate` into `state`, with `env`.
fn initiate(state: &Path, env: &[(&str, &str)]) -> Output {
    let args = [
        "initiate",
        "--pool-id",
        POOL,
        "--client-id",
        CLIENT_ID,
        "--username",
        "alice",
        "--state",
        text(state),
    ];
    run(&args, b"", env)
}

const PASSWORD: (&str, &str) = ("SRP_COGNITO_PASSWORD", "correct horse battery staple");

#[test]
fn respond_never_deletes_a_file_it_did_not_create() {
    let dir = folder("not-ours");
    let notes = dir.join("notes.md");
    std::fs::write(&notes, "my notes\n").expect("write");
    let output = run(
        &["respond", "--state", text(&notes)],
        moto_challenge().as_bytes(),
        &[PASSWORD],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&notes).ok().as_deref(),
        Some("my notes\n")
    );

    // A state file that others can read, or a link to one: refused, left as they are.
    let state = dir.join("state");
    assert_eq!(initiate(&state, &[]).status.code(), Some(0));
    let link = dir.join("link");
    std::os::unix::fs::symlink(&state, &link).expect("symlink");
    let output = run(
        &["respond", "--state", text(&link)],
        moto_challenge().as_bytes(),
        &[PASSWORD],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );
    assert!(
        link.symlink_metadata().is_ok() && state.exists(),
        "both left"
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let output = run(
        &["respond", "--state", text(&state)],
        moto_challenge().as_bytes(),
        &[PASSWORD],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("other users"),
        "{}",
        stderr(&output)
    );
    assert!(state.exists());
}

#[test]
fn respond_keeps_the_state_until_it_has_signed() {
    let dir = folder("retry");
    let state = dir.join("state");
    assert_eq!(initiate(&state, &[]).status.code(), Some(0));
    // Strict: moto's block is refused, with the hint; nothing was signed, the state stays.
    let args = ["respond", "--state", text(&state)];
    let output = run(&args, moto_challenge().as_bytes(), &[PASSWORD]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--lenient-secret-block"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("kept"), "{}", stderr(&output));
    assert!(state.exists(), "the state is kept for the retry");
    // The retry the hint suggests works, and spends the state.
    let output = run(
        &["respond", "--state", text(&state), "--lenient-secret-block"],
        moto_challenge().as_bytes(),
        &[PASSWORD],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let request: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(request["ChallengeResponses"]["PASSWORD_CLAIM_SIGNATURE"].is_string());
    assert!(!state.exists(), "spent once signed");
}

#[test]
fn respond_requires_the_client_secret_that_initiate_used() {
    let dir = folder("secret");
    let state = dir.join("state");
    let secret = ("SRP_COGNITO_CLIENT_SECRET", "s3cr3t");
    assert_eq!(initiate(&state, &[secret]).status.code(), Some(0));
    let args = ["respond", "--state", text(&state)];
    let output = run(&args, moto_challenge().as_bytes(), &[PASSWORD]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("SRP_COGNITO_CLIENT_SECRET"),
        "{}",
        stderr(&output)
    );
    assert!(state.exists());
    let output = run(
        &["respond", "--state", text(&state), "--lenient-secret-block"],
        moto_challenge().as_bytes(),
        &[PASSWORD, secret],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let request: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(request["ChallengeResponses"]["SECRET_HASH"].is_string());
}

#[test]
fn a_2xx_that_is_not_cognitos_json_is_a_failure() {
    for body in ["{}", "<html><body>Welcome</body></html>", "[1, 2]"] {
        let (url, _) = serve(vec![reply(200, body)]);
        let output = sign_in(&url, &[]);
        assert_eq!(output.status.code(), Some(1), "{body}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{body}");
    }
    // confirm-device against an HTML page: not confirmed, and the password file removed.
    let (url, _) = serve(vec![reply(200, "<html></html>")]);
    let dir = folder("html");
    let file = dir.join("device");
    let result = json!({"AuthenticationResult": {"AccessToken": "a",
        "NewDeviceMetadata": {"DeviceKey": "us-east-1_d", "DeviceGroupKey": "-g"}}});
    let output = run(
        &[
            "confirm-device",
            "--device-password-file",
            text(&file),
            "--endpoint-url",
            &url,
        ],
        result.to_string().as_bytes(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        !file.exists(),
        "the password of an unconfirmed device is removed"
    );
}

#[test]
fn a_client_without_its_secret_is_named_in_the_refusal() {
    let refusal = r#"{"__type": "NotAuthorizedException", "message": ""}"#;
    let (url, _) = serve(vec![reply(400, refusal)]);
    let output = sign_in(&url, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("SRP_COGNITO_CLIENT_SECRET"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_challenge_left_to_the_caller_exits_3_with_the_username() {
    // moto sends MFA challenges with empty parameters.
    let challenge =
        r#"{"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeParameters": {}, "Session": "s"}"#;
    let (url, _) = serve(vec![reply(200, challenge)]);
    let output = sign_in(&url, &[]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(printed["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(printed["USERNAME"], "alice");
    assert_eq!(printed["Session"], "s");
}

#[test]
fn an_empty_password_is_refused_before_anything_is_sent() {
    let (url, seen) = serve(vec![reply(500, "{}")]);
    let output = sign_in(&url, &[("SRP_COGNITO_PASSWORD", "")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let mut args = sign_in_args(&url);
    args.push("--password-stdin".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for stdin in [&b""[..], b"\n"] {
        let output = run(&args, stdin, &[]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    }
    assert!(seen.lock().expect("lock").is_empty(), "nothing sent");
}

/// Runs `command` on a terminal (`script` gives it one), types `typed` once `prompt` is
/// on the screen, as a person would; returns the exit code and the screen.
fn on_terminal(command: &str, prompt: &str, typed: &[u8]) -> (Option<i32>, String) {
    let mut child = Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .env_remove("SRP_COGNITO_CLIENT_SECRET")
        .env_remove("SRP_COGNITO_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let screen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let screen = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut byte = [0u8; 1];
            while stdout.read(&mut byte).is_ok_and(|n| n == 1) {
                screen.lock().expect("lock").push(byte[0]);
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !String::from_utf8_lossy(&screen.lock().expect("lock")).contains(prompt) {
        assert!(Instant::now() < deadline, "no prompt {prompt:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(typed).expect("type");
    let status = child.wait().expect("wait");
    drop(stdin);
    reader.join().expect("reader");
    let shown = String::from_utf8_lossy(&screen.lock().expect("lock")).into_owned();
    (status.code(), shown)
}

#[test]
fn secret_hash_prompts_without_echo_on_a_terminal() {
    let command = format!("{} secret-hash --username test --client-id 123abd", bin());
    let (code, shown) = on_terminal(&command, "Client secret:", b"clientSecret\n");
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains("LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg="),
        "{shown}"
    );
    assert!(!shown.contains("clientSecret"), "echoed: {shown}");
}

#[test]
fn a_bare_enter_at_the_password_prompt_is_refused() {
    let (url, seen) = serve(vec![reply(500, "{}")]);
    let command = format!(
        "{} sign-in --pool-id {POOL} --client-id {CLIENT_ID} --username alice --endpoint-url {url}",
        bin()
    );
    let (code, shown) = on_terminal(&command, "Password:", b"\n");
    assert_eq!(code, Some(2), "{shown}");
    assert!(shown.contains("empty"), "{shown}");
    assert!(seen.lock().expect("lock").is_empty(), "nothing sent");
}

#[test]
fn mistakes_are_said_plainly() {
    // A password file in a folder that does not exist.
    let output = run(
        &[
            "device-verifier",
            "--device-key",
            "us-east-1_d",
            "--device-group-key",
            "-g",
            "--device-password-file",
            "/nonexistent-folder/device",
        ],
        b"",
        &[],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the folder /nonexistent-folder does not exist"),
        "{}",
        stderr(&output)
    );
    // https:// to a server that speaks plain HTTP (it answers the handshake with HTTP).
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("https://{}/", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut hello = [0u8; 64];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let output = sign_in(&url, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("does not speak TLS"),
        "{}",
        stderr(&output)
    );
    // A pool id whose region is not a region's name.
    let output = run(
        &[
            "sign-in",
            "--pool-id",
            "US-EAST-1_abc",
            "--client-id",
            CLIENT_ID,
            "--username",
            "a",
        ],
        b"",
        &[PASSWORD],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not a region's name"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn plain_http_off_loopback_is_refused_before_anything_is_sent() {
    // `.invalid` never resolves (RFC 6761): even a failure here sends nothing anywhere.
    let output = sign_in("http://cognito.invalid:5000/", &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--allow-insecure-http"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn redirects_are_not_followed() {
    let (elsewhere, seen_elsewhere) = serve(vec![reply(200, "{}")]);
    let redirect = (302, vec![("Location".to_owned(), elsewhere)], String::new());
    let (url, _) = serve(vec![redirect]);
    let output = sign_in(&url, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("redirect"), "{}", stderr(&output));
    assert!(
        seen_elsewhere.lock().expect("lock").is_empty(),
        "the other host got nothing"
    );
}

#[test]
fn a_servers_error_text_is_escaped() {
    let refusal =
        json!({"__type": "Evil\u{1b}[2J", "message": "x\nsrp-cognito: signed in as admin"});
    let (url, _) = serve(vec![reply(400, &refusal.to_string())]);
    let output = sign_in(&url, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("srp-cognito: signed in")),
        "{text:?}"
    );
}

#[test]
fn secret_options_are_refused_in_every_form_without_echo() {
    for arg in [
        "--password=hunter2",
        "--client-secret=hunter2",
        "--device-password=hunter2",
        "--access-token=hunter2",
        "--refresh-token=hunter2",
    ] {
        let output = run(&["sign-in", arg, "--pool-id", POOL], b"", &[]);
        assert_eq!(output.status.code(), Some(2), "{arg}");
        assert!(
            !stderr(&output).contains("hunter2"),
            "{arg}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_failed_write_leaves_no_state_file() {
    let dir = folder("full");
    let state = dir.join("state");
    // A file size limit of 0: the write fails (SIGXFSZ ignored, so it is an error).
    let command = format!(
        "trap '' XFSZ; ulimit -f 0; exec {} initiate --pool-id {POOL} --client-id {CLIENT_ID} \
         --username alice --state {}",
        bin(),
        text(&state)
    );
    let mut shell = Command::new("sh");
    shell
        .args(["-c", &command])
        .env_remove("SRP_COGNITO_CLIENT_SECRET");
    let output = finish(shell, b"");
    assert_ne!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        !state.exists(),
        "no empty state file left to block the next initiate"
    );
    assert_eq!(initiate(&state, &[]).status.code(), Some(0));
}

#[test]
fn every_read_is_bounded() {
    let zeros = vec![0u8; 8 << 20];
    let (url, seen) = serve(vec![reply(500, "{}")]);
    let mut args = sign_in_args(&url);
    args.push("--password-stdin".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args, &zeros, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let mut args = sign_in_args(&url);
    args.extend(
        [
            "--device-key",
            "us-east-1_d",
            "--device-group-key",
            "-g",
            "--device-password-file",
            "/dev/zero",
        ]
        .map(str::to_owned),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args, b"", &[PASSWORD]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(seen.lock().expect("lock").is_empty());
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    for (args, stdin) in [
        (
            vec!["secret-hash", "--username", "u", "--client-id", "c"],
            &b"s3cr3t\n"[..],
        ),
        (vec!["completions", "bash"], b""),
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .env_remove("SRP_COGNITO_CLIENT_SECRET")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take()); // the reader is gone before the first line
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin);
        drop(input);
        let output = child.wait_with_output().expect("output");
        assert_ne!(
            output.status.code(),
            Some(101),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn clap_forms_versions_and_completions() {
    let env = [("SRP_COGNITO_CLIENT_SECRET", "clientSecret")];
    let hash = "LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=";
    for args in [
        &["secret-hash", "--username=test", "--client-id=123abd"][..],
        &["secret-hash", "--username", "test", "--client-id=123abd"],
    ] {
        let output = run(args, b"", &env);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), hash);
    }
    let repeated = [
        "secret-hash",
        "--username",
        "a",
        "--username",
        "b",
        "--client-id",
        "c",
    ];
    assert_eq!(run(&repeated, b"", &env).status.code(), Some(2));
    let empty = ["secret-hash", "--username", "", "--client-id", "c"];
    assert_eq!(run(&empty, b"", &env).status.code(), Some(2));
    let output = run(&["--version"], b"", &[]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("srp-cognito "));
    let output = run(&["sign-in", "--version"], b"", &[]);
    assert_eq!(output.status.code(), Some(0));
    let output = run(&["completions", "bash"], b"", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("confirm-device"));
}
