//! The Java package, built and tested as a Java project gets it (ignored by default; the
//! README's test command runs it with `--include-ignored`): `mvn verify` in java/ with the
//! aarch64 cross build (`-Pcross-aarch64`) builds the native library with cargo, runs the
//! JUnit tests under `-Xcheck:jni` (the core's, and the AWS SDK for Java v2 signing in
//! against `srp-cognito serve`) and packages both jars; the core jar must carry the
//! library for linux-x86_64 and linux-aarch64. Then `run-vectors` over every vector file
//! (and over a wrong one, which must fail), and one round of the benchmark (run, not
//! timed). Needs what `.ci/tools` installs: Maven and a JDK, Debian's aarch64 cross gcc
//! and the Rust target.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use srp_cognito_test_support::{check_run_vectors, run};

fn java() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ELF machine of the file at `path` inside the zip `jar` (read with `unzip -p`).
fn elf_machine(jar: &Path, path: &str) -> u16 {
    let mut child = Command::new("unzip")
        .arg("-p")
        .arg(jar)
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("unzip starts");
    let mut bytes = Vec::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_end(&mut bytes)
        .expect("unzip reads");
    child.wait().expect("unzip ends");
    assert!(
        bytes.starts_with(b"\x7fELF"),
        "{path} in the jar is not ELF"
    );
    u16::from_le_bytes([bytes[18], bytes[19]])
}

/// Every `N` of "Tests run: N, Failures: 0, Errors: 0, Skipped: 0" lines in the reports.
fn tests_run(reports: &Path) -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(reports).expect("surefire reports") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "xml") {
            assert!(
                !text.contains("WARNING in native method"),
                "-Xcheck:jni warned in {}",
                path.display()
            );
        }
        if path.extension().is_some_and(|e| e == "txt") {
            let line = text
                .lines()
                .find(|l| l.starts_with("Tests run:"))
                .expect("a summary");
            assert!(
                line.contains("Failures: 0, Errors: 0, Skipped: 0"),
                "{line}"
            );
            total += line["Tests run: ".len()..]
                .split(',')
                .next()
                .and_then(|n| n.trim().parse::<usize>().ok())
                .expect("a count");
        }
    }
    total
}

#[test]
#[ignore = "end to end: Maven, a JDK, the AWS SDK for Java v2 from Maven Central, serve, the aarch64 cross build"]
fn java_package_builds_tests_and_carries_both_platforms() {
    let built = run(Command::new("mvn")
        .args(["-B", "verify", "-Pcross-aarch64"])
        .current_dir(java()));
    let log = String::from_utf8_lossy(&built.stdout);
    assert!(!log.contains("WARNING in native method"), "{log}");
    assert!(
        tests_run(&java().join("core/target/surefire-reports")) >= 8,
        "the core's tests ran"
    );
    assert!(
        tests_run(&java().join("aws-sdk/target/surefire-reports")) >= 9,
        "the SDK's tests ran"
    );

    let jar = java().join("core/target/srp-cognito-0.1.0.jar");
    let x86_64 = elf_machine(
        &jar,
        "dev/srpcognito/native/linux-x86_64/libsrp_cognito_jni.so",
    );
    let aarch64 = elf_machine(
        &jar,
        "dev/srpcognito/native/linux-aarch64/libsrp_cognito_jni.so",
    );
    assert_eq!((x86_64, aarch64), (62, 183), "EM_X86_64 and EM_AARCH64");
}

#[test]
#[ignore = "end to end: cargo, javac and a JVM"]
fn run_vectors_passes_every_vector_file_and_fails_a_wrong_one() {
    check_run_vectors(
        || Command::new(java().join("run-vectors")),
        &java().join("../test-vectors"),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("java"),
    );

    // The benchmark runs (one round: not timed here).
    let bench = run(Command::new(java().join("bench")).args(["--rounds", "1", "--batch", "1"]));
    let out = String::from_utf8_lossy(&bench.stdout);
    assert!(out.contains("| portable |"), "{out}");
}
