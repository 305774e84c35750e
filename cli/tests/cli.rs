//! The `srp-cognito` binary: `secret-hash` takes its secret from the environment or stdin,
//! every command has its help, and what ships has no test tools.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_srp-cognito");

fn run(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("SRP_COGNITO_CLIENT_SECRET")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn secret_hash_from_environment_or_stdin_never_argv() {
    let args = ["secret-hash", "--username", "test", "--client-id", "123abd"];
    let want = "LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=\n";
    let output = run(&args, "", &[("SRP_COGNITO_CLIENT_SECRET", "clientSecret")]);
    assert_eq!(
        (output.status.code(), stdout(&output).as_str()),
        (Some(0), want)
    );
    let output = run(&args, "clientSecret\n", &[]);
    assert_eq!(
        (output.status.code(), stdout(&output).as_str()),
        (Some(0), want)
    );
    let output = run(&args, "", &[]);
    assert_eq!(output.status.code(), Some(2), "an empty secret is refused");
    let mut with_secret = args.to_vec();
    with_secret.extend(["--client-secret", "clientSecret"]);
    let output = run(&with_secret, "", &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
}

#[test]
fn help_everywhere() {
    for args in [
        vec!["--help"],
        vec!["help"],
        vec!["secret-hash", "--help"],
        vec!["sign-in", "--help"],
        vec!["initiate", "--help"],
        vec!["respond", "--help"],
        vec!["device-verifier", "--help"],
        vec!["refresh", "--help"],
        vec!["confirm-device", "--help"],
        vec!["help", "sign-in"],
    ] {
        let output = run(&args, "", &[]);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        assert!(text.contains("srp-cognito"), "{args:?}");
        if args.len() > 1 {
            assert!(text.contains("Example"), "{args:?}: {text}");
        }
    }
    assert_eq!(run(&[], "", &[]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], "", &[]).status.code(), Some(2));
}

#[test]
fn the_test_tools_are_not_in_the_shipped_binary() {
    for command in ["verify-vectors", "compute", "speed"] {
        let output = run(&[command, "--help"], "", &[]);
        assert_eq!(output.status.code(), Some(2), "{command}");
    }
    let serve = run(&["serve", "--help"], "", &[]);
    let expected = if cfg!(feature = "serve") { 0 } else { 2 };
    assert_eq!(serve.status.code(), Some(expected));
}
