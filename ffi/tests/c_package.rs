//! The C and C++ package (`c/`), built and tested as a C or C++ project gets it (ignored by
//! default; the README's test command runs it with `--include-ignored`): CMake builds the
//! library with cargo and the tests, twice, once under AddressSanitizer + UBSan and once
//! plain for valgrind, and CTest runs them (the C ABI from C, the C++ wrapper with
//! GoogleTest, C++ sign-ins against `srp-cognito serve` over libcurl in the AWS SDK for
//! C++'s shapes, the vector runner); `c/run-vectors` runs every vector file; the library
//! is installed, and a program of its own links it through `find_package` (and signs in
//! against serve) and through pkg-config (shared and static). Needs what `.ci/tools`
//! installs: cmake, GoogleTest, libcurl and OpenSSL's headers, pkg-config, valgrind.

use std::path::{Path, PathBuf};
use std::process::Command;

use srp_cognito_test_support::{run, serve};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the repository")
        .to_path_buf()
}

/// A folder of its own under target/ (emptied).
fn fresh(name: &str) -> PathBuf {
    let dir = repo().join("target/c-package").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder under target/");
    dir
}

/// Configures and builds c/ with the tests in `dir`, then runs CTest there.
fn build_and_test(dir: &Path, flags: &str, valgrind: bool, serve_url: &str) {
    let c = repo().join("c");
    let mut configure = Command::new("cmake");
    configure
        .arg("-S")
        .arg(&c)
        .arg("-B")
        .arg(dir)
        .arg("-DSRP_COGNITO_BUILD_TESTS=ON")
        .arg(format!(
            "-DSRP_COGNITO_VALGRIND={}",
            if valgrind { "ON" } else { "OFF" }
        ))
        .arg(format!(
            "-DCMAKE_BUILD_TYPE={}",
            if valgrind { "RelWithDebInfo" } else { "Debug" }
        ));
    for var in ["CMAKE_C_FLAGS", "CMAKE_CXX_FLAGS", "CMAKE_EXE_LINKER_FLAGS"] {
        configure.arg(format!("-D{var}={flags}"));
    }
    run(&mut configure);
    run(Command::new("cmake")
        .arg("--build")
        .arg(dir)
        .args(["-j", "2"]));
    let tested = run(Command::new("ctest")
        .args(["--output-on-failure", "--timeout", "600"])
        .current_dir(dir)
        .env("SRP_COGNITO_SERVE_URL", serve_url)
        .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1"));
    let out = String::from_utf8_lossy(&tested.stdout);
    let expected = if valgrind { 9 } else { 5 };
    assert!(
        out.contains(&format!(
            "100% tests passed, 0 tests failed out of {expected}"
        )),
        "{out}"
    );
}

#[test]
#[ignore = "end to end: cmake, GoogleTest, libcurl, OpenSSL, valgrind (.ci/tools)"]
fn c_and_cpp_package_builds_tests_and_links() {
    let url = serve(&repo().join("c/tests/provision.json"));
    let sanitizers =
        "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all";
    build_and_test(&fresh("asan"), sanitizers, false, &url);
    let plain = fresh("valgrind");
    build_and_test(&plain, "", true, &url);

    // run-vectors: every vector file, every vector passed.
    let (files, vectors) = srp_cognito_vectors::vector_files(&repo().join("test-vectors"));
    let ran = run(Command::new(repo().join("c/run-vectors")).args(&files).env(
        "SRP_COGNITO_RUN_VECTORS_BUILD",
        repo().join("target/c-package/run-vectors"),
    ));
    let out = String::from_utf8_lossy(&ran.stdout);
    assert!(
        out.ends_with(&format!("{vectors} passed, 0 failed\n")),
        "{out}"
    );

    // Installed, then linked by a project of its own: find_package, and pkg-config.
    let prefix = fresh("prefix");
    run(Command::new("cmake")
        .arg("--install")
        .arg(&plain)
        .arg("--prefix")
        .arg(&prefix));
    let example = fresh("example");
    run(Command::new("cmake")
        .arg("-S")
        .arg(repo().join("c/examples"))
        .arg("-B")
        .arg(&example)
        .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display())));
    run(Command::new("cmake").arg("--build").arg(&example));
    let sign_in = |password: &str| {
        Command::new(example.join("sign_in"))
            .env("POOL_ID", "us-east-1_CppPlain")
            .env("CLIENT_ID", "cppplainpublic000000000001")
            .env("USERNAME", "example")
            .env("PASSWORD", password)
            .env("COGNITO_ENDPOINT", &url)
            .output()
            .expect("the example runs")
    };
    let right = sign_in("Example-passw0rd!");
    assert!(right.status.success(), "{right:?}");
    assert!(String::from_utf8_lossy(&right.stdout).starts_with("signed in"));
    let wrong = sign_in("Wr0ng-passw0rd!");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("NotAuthorizedException"));

    let pkg_config = |args: &[&str]| {
        let out = run(Command::new("pkg-config")
            .args(args)
            .arg("srp_cognito")
            .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig")));
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let source = repo().join("c/examples/secret_hash.c");
    let libdir = pkg_config(&["--variable=libdir"]).join("");
    let shared = example.join("secret_hash");
    run(Command::new("cc")
        .arg(&source)
        .args(pkg_config(&["--cflags", "--libs"]))
        .arg(format!("-Wl,-rpath,{libdir}"))
        .arg("-o")
        .arg(&shared));
    let statically = example.join("secret_hash_static");
    let private: Vec<String> = pkg_config(&["--libs", "--static"])
        .into_iter()
        .filter(|flag| flag != "-lsrp_cognito")
        .collect();
    run(Command::new("cc")
        .arg(&source)
        .args(pkg_config(&["--cflags"]))
        .args(["-Wl,-Bstatic", "-lsrp_cognito", "-Wl,-Bdynamic"])
        .args(private)
        .arg("-o")
        .arg(&statically));
    let hash = "Rzt+fPDNEu47M2tFcmGaaH6mn61rqNF4ZbvjHnbqEZE=\n";
    for program in [&shared, &statically] {
        let out = run(Command::new(program).args(["u", "c", "s"]));
        assert_eq!(String::from_utf8_lossy(&out.stdout), hash, "{program:?}");
    }
    let linked = run(Command::new("ldd").arg(&statically));
    assert!(!String::from_utf8_lossy(&linked.stdout).contains("srp_cognito"));
}
