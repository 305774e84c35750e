//! What the language packages' end-to-end tests (`ffi/tests/c_package.rs`,
//! `java/tests/maven.rs`, `ruby/tests/gem.rs`) share. For tests only: every function
//! panics, with what went wrong, where a test would fail.

#![expect(
    clippy::missing_panics_doc,
    reason = "test support: a panic is the test failing"
)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `command` to its end; its output, or a panic showing the command, its status and
/// everything it printed (a tool that cannot start says to run `.ci/tools`).
pub fn run(command: &mut Command) -> Output {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{shown}: cannot start ({e}): run .ci/tools"));
    assert!(
        output.status.success(),
        "{shown}: {}\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `srp-cognito serve`, in this process on a free loopback port, with the pools and
/// clients of `provision` (a package's `provision.json`) and one user, `example` with the
/// password `Example-passw0rd!`, in its first pool; its URL.
#[must_use]
pub fn serve(provision: &Path) -> String {
    let text = std::fs::read_to_string(provision).expect("provision.json");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    document["UserPools"][0]["Users"] = serde_json::json!([
        {"Username": "example", "Password": "Example-passw0rd!", "Permanent": true}
    ]);
    srp_cognito_serve::Server::bind("127.0.0.1:0".parse().expect("an address"))
        .expect("serve binds")
        .provision(&document)
        .expect("serve provisions")
        .spawn()
}

/// Checks a language package's `run-vectors` (`command()` makes a fresh command running
/// it): over every file of `vectors` (the repository's `test-vectors/`) it ends with
/// `N passed, 0 failed`, N every vector; over a copy of `secret_hash.json` with one wrong
/// expected value (written into `scratch`) it names that vector and exits 1.
pub fn check_run_vectors(command: impl Fn() -> Command, vectors: &Path, scratch: &Path) {
    let (files, count) = srp_cognito_vectors::vector_files(vectors);
    let ran = run(command().args(&files));
    let out = String::from_utf8_lossy(&ran.stdout);
    assert!(
        out.ends_with(&format!("{count} passed, 0 failed\n")),
        "{out}"
    );

    let text = std::fs::read_to_string(vectors.join("secret_hash.json")).expect("a vector file");
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    document["vectors"][0]["expected"]["secret_hash"] = "AAAA".into();
    std::fs::create_dir_all(scratch).expect("a scratch folder");
    let wrong = scratch.join("wrong-secret-hash.json");
    std::fs::write(&wrong, document.to_string()).expect("a scratch file");
    let failed = command().arg(&wrong).output().expect("run-vectors starts");
    let out = String::from_utf8_lossy(&failed.stdout);
    assert_eq!(failed.status.code(), Some(1), "{out}");
    assert!(out.contains("differs in secret_hash"), "{out}");
    assert!(out.trim_end().ends_with(" passed, 1 failed"), "{out}");
}
