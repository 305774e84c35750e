//! The Python package, built and tested as a user gets it: the wheel maturin builds (with
//! the vector harness, for the vector tests) installed into a fresh virtual environment,
//! its pytest suite against `srp-cognito serve` (started here, in-process) and moto,
//! `python/run-vectors` over every vector file, mypy
//! over the package, its stubs and tests, one round of the benchmark; and what
//! `pip install ./python` builds, which must carry no harness.
//!
//! Ignored unless asked for (`--include-ignored`): it needs maturin, pytest, mypy, boto3,
//! moto, pycognito and warrant-lite (`.ci/tools` installs them, pinned in
//! `python/requirements-dev.txt`); then anything missing fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn python_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// A target folder of its own: the outer `cargo test` holds the workspace's.
fn target() -> PathBuf {
    python_dir().join("../target/python")
}

fn run(command: &mut Command, what: &str) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    assert!(status.success(), "{what}: {status}");
}

/// A fresh virtual environment that sees the machine's packages (boto3, moto, pytest,
/// ...): its python.
fn venv(name: &str) -> PathBuf {
    let dir = target().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    run(
        Command::new("python3")
            .args(["-m", "venv", "--system-site-packages"])
            .arg(&dir),
        "python3 -m venv",
    );
    dir.join("bin/python")
}

#[test]
#[ignore = "needs maturin, pytest, mypy, boto3, moto, pycognito (.ci/tools)"]
fn python_package_builds_and_passes_its_tests() {
    let dir = python_dir();
    let wheels = target().join("wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    run(
        Command::new("python3")
            .args([
                "-m",
                "maturin",
                "build",
                "--release",
                "--features",
                "vectors",
            ])
            .arg("--target-dir")
            .arg(target().join("cargo"))
            .arg("--out")
            .arg(&wheels)
            .current_dir(&dir),
        "maturin build",
    );
    let wheel = std::fs::read_dir(&wheels)
        .expect("the wheel folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|e| e == "whl"))
        .expect("a wheel");
    assert!(
        wheel.to_string_lossy().contains("-cp39-abi3-"),
        "one abi3 wheel for CPython 3.9 and later: {wheel:?}"
    );
    let python = venv("venv");
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
            ])
            .arg(&wheel),
        "pip install the wheel",
    );

    let server = srp_cognito_serve::Server::bind("127.0.0.1:0".parse().expect("an address"))
        .expect("serve binds");
    let url = server.spawn();
    // In tests/, so that the package imported is the installed one, not the source.
    run(
        Command::new(&python)
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
            .env("SERVE_URL", &url)
            .current_dir(dir.join("tests")),
        "pytest",
    );
    run(
        Command::new(&python)
            .args(["-m", "mypy", "--no-incremental"])
            .current_dir(&dir),
        "mypy",
    );
    // run-vectors: every vector of every file, through the installed wheel.
    let (files, vectors) = srp_cognito_vectors::vector_files(&dir.join("../test-vectors"));
    let ran = Command::new(&python)
        .arg(dir.join("run-vectors"))
        .args(&files)
        .current_dir(target())
        .output()
        .expect("run-vectors starts");
    let out = String::from_utf8_lossy(&ran.stdout);
    assert!(
        ran.status.success(),
        "run-vectors: {out}{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(out, format!("{vectors} passed, 0 failed\n"), "run-vectors");
    run(
        Command::new(&python)
            .args(["python/benches/sign_in.py", "--rounds", "1"])
            .current_dir(dir.join("..")),
        "one round of the benchmark",
    );
}

#[test]
#[ignore = "needs maturin (.ci/tools)"]
fn pip_install_builds_no_vector_harness() {
    // The README's `pip install ./python` (without build isolation: maturin is here).
    let python = venv("venv-plain");
    run(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--no-deps"])
            .args(["--no-build-isolation", "."])
            .env("CARGO_TARGET_DIR", target().join("cargo-plain"))
            .current_dir(python_dir()),
        "pip install ./python",
    );
    let check = "import srp_cognito, srp_cognito._native as n\n\
        assert not hasattr(n, 'compute') and not hasattr(n, 'select_backend')\n\
        try:\n    import srp_cognito.vectors\nexcept ImportError:\n    pass\n\
        else:\n    raise SystemExit('srp_cognito.vectors imported')\n\
        s = srp_cognito.SignIn('us-east-1_Abc', 'c', 'u', 'p')\n\
        assert s.start()['AuthParameters']['SRP_A']\n";
    run(
        Command::new(&python)
            .args(["-c", check])
            .current_dir(target()),
        "the plain build has the API and no harness",
    );
}
