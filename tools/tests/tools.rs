//! `srp-cognito-tools`: `compute` agrees with every vector, `verify-vectors` prints and
//! exits as documented, `speed` prints one JSON object, every read is bounded and a closed
//! stdout is no panic.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_srp-cognito-tools");

fn vector_dir() -> String {
    format!("{}/../test-vectors", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
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
fn compute_agrees_with_every_vector() {
    let mut checked = 0;
    for file in [
        "secret_hash.json",
        "timestamp.json",
        "srp_a.json",
        "password_verifier.json",
        "device.json",
        "invalid.json",
        "published.json",
        "invalid_extra.json",
    ] {
        let text = std::fs::read_to_string(format!("{}/{file}", vector_dir())).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        for vector in document["vectors"].as_array().unwrap() {
            let request = json!({"kind": vector["kind"], "input": vector["input"]}).to_string();
            let output = run(&["compute"], &request, &[]);
            let printed: Value = serde_json::from_str(&stdout(&output)).unwrap();
            let id = &vector["id"];
            if let Some(error) = vector.get("error") {
                assert_eq!(output.status.code(), Some(2), "{file}: {id}");
                assert_eq!(printed, json!({"error": error}), "{file}: {id}");
            } else {
                assert_eq!(output.status.code(), Some(0), "{file}: {id}: {printed}");
                for (key, want) in vector["expected"].as_object().unwrap() {
                    assert_eq!(&printed[key], want, "{file}: {id}: {key}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 94 + 37);
}

#[test]
fn compute_refuses_malformed_requests() {
    for (request, category) in [
        ("", "bad_json"),
        ("{", "bad_json"),
        ("[]", "bad_json"),
        (r#"{"kind": "srp_a"}"#, "bad_json"),
        (
            r#"{"kind": "srp_a", "input": {"a": "1"}, "extra": 1}"#,
            "bad_json",
        ),
        (r#"{"kind": "nope", "input": {}}"#, "unknown_kind"),
        (r#"{"kind": "srp_a", "input": {}}"#, "bad_input"),
        (r#"{"kind": "srp_a", "input": {"a": 5}}"#, "bad_input"),
        (r#"{"kind": "srp_a", "input": {"a": "xyz"}}"#, "bad_hex"),
    ] {
        let output = run(&["compute"], request, &[]);
        assert_eq!(output.status.code(), Some(2), "{request}");
        assert_eq!(
            stdout(&output).trim(),
            json!({"error": category}).to_string(),
            "{request}"
        );
    }
}

#[test]
fn verify_vectors_output_and_exit_code() {
    let dir = vector_dir();
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    let args: Vec<&str> = std::iter::once("verify-vectors")
        .chain(files.iter().map(String::as_str))
        .collect();
    let output = run(&args, "", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "132 passed, 0 failed\n");

    // A file with one altered vector: one failure line naming it, then the count, exit 1.
    let text = std::fs::read_to_string(format!("{dir}/srp_a.json")).unwrap();
    let altered = text.replacen("\"srp_a\": \"4\"", "\"srp_a\": \"5\"", 1);
    assert_ne!(altered, text, "the a = 2 vector expects SRP_A = 4");
    let path =
        std::env::temp_dir().join(format!("srp-cognito-altered-{}.json", std::process::id()));
    std::fs::write(&path, altered).unwrap();
    let output = run(&["verify-vectors", path.to_str().unwrap()], "", &[]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed}");
    assert!(
        lines[0].contains("pub-srp-a-01") && lines[0].contains("srp_a"),
        "{printed}"
    );
    assert_eq!(lines[1], "9 passed, 1 failed");

    assert_eq!(run(&["verify-vectors"], "", &[]).status.code(), Some(2));
}

#[test]
fn speed_prints_one_json_object() {
    let output = run(
        &["speed", "--json", "--threads", "2", "--time-per-op", "30"],
        "",
        &[],
    );
    assert_eq!(output.status.code(), Some(0));
    let printed = stdout(&output);
    assert_eq!(printed.lines().count(), 1, "{printed}");
    let object: Value = serde_json::from_str(&printed).unwrap();
    for key in [
        "srp_a_us",
        "password_verifier_us",
        "device_verifier_us",
        "naive_srp_a_us",
        "naive_password_verifier_us",
        "naive_device_verifier_us",
        "sign_ins_per_s",
        "thread_scaling",
    ] {
        assert!(
            object[key].as_f64().is_some_and(|v| v > 0.0),
            "{key}: {printed}"
        );
    }
    assert!(["portable", "avx512ifma"].contains(&object["backend"].as_str().unwrap()));
    assert_eq!(
        run(&["speed", "--threads", "0"], "", &[]).status.code(),
        Some(2)
    );
}

#[test]
fn reads_are_bounded_and_a_closed_stdout_is_no_panic() {
    let output = run(&["verify-vectors", "/dev/zero"], "", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("0 passed, 1 failed"));
    let vectors = format!("{}/password_verifier.json", vector_dir());
    let request = r#"{"kind": "timestamp", "input": {"unix_seconds": 0}}"#;
    for (args, stdin) in [
        (vec!["compute"], request),
        (vec!["verify-vectors", &vectors, &vectors], ""),
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take()); // the reader is gone before the first line
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let output = child.wait_with_output().expect("output");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn help_and_backends() {
    for args in [
        vec!["--help"],
        vec!["verify-vectors", "--help"],
        vec!["compute", "--help"],
        vec!["speed", "--help"],
        vec!["help", "compute"],
    ] {
        let output = run(&args, "", &[]);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        assert!(text.contains("srp-cognito-tools"), "{args:?}");
        if args.len() > 1 {
            assert!(text.contains("Example"), "{args:?}: {text}");
        }
    }
    assert_eq!(run(&[], "", &[]).status.code(), Some(2));
    let request = r#"{"kind": "srp_a", "input": {"a": "02"}}"#;
    let portable = run(
        &["compute"],
        request,
        &[("SRP_COGNITO_BACKEND", "portable")],
    );
    assert_eq!(stdout(&portable).trim(), r#"{"srp_a":"4"}"#);
    let unknown = run(&["compute"], request, &[("SRP_COGNITO_BACKEND", "abacus")]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("abacus"));
}
