//! The Ruby gem, built, tested and installed as a Ruby user gets it (ignored by default;
//! the README's test command runs it with `--include-ignored`): `rake test` (the library
//! and `srp-cognito serve` built with cargo, then minitest: the sans-IO `SignIn` over
//! every password_verifier vector, typed refusals, and both levels against serve through
//! the SDK's shapes), `rake gem` and `gem install` of the built file into an empty gem
//! folder, then a sign-in with the installed gem against serve; `run-vectors` over every
//! vector file and a wrong one; one round of the benchmark (run, not timed). Needs what
//! `.ci/tools` installs: Debian's ruby, ruby-ffi, rake and ruby-minitest.

use std::path::{Path, PathBuf};
use std::process::Command;

use srp_cognito_test_support::{check_run_vectors, run, serve};

fn ruby() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The machine's gem path (where Debian's ffi gem is), for an installation beside it.
fn gem_path() -> String {
    let out = run(Command::new("gem").args(["env", "gempath"]));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
#[ignore = "end to end: Ruby, the ffi gem, minitest, rake; cargo builds the library and serve"]
fn gem_tests_builds_installs_and_signs_in() {
    let tested = run(Command::new("rake").arg("test").current_dir(ruby()));
    let out = String::from_utf8_lossy(&tested.stdout);
    assert!(out.contains(" 0 failures, 0 errors, 0 skips"), "{out}");

    // `rake gem`, then `gem install` of that file into an empty folder.
    let _ = std::fs::remove_file(ruby().join("srp_cognito-0.1.0-x86_64-linux.gem"));
    run(Command::new("rake").arg("gem").current_dir(ruby()));
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gem-home");
    let _ = std::fs::remove_dir_all(&home);
    let path = format!("{}:{}", home.display(), gem_path());
    run(Command::new("gem")
        .args(["install", "--local", "--no-document"])
        .arg(ruby().join("srp_cognito-0.1.0-x86_64-linux.gem"))
        .env("GEM_HOME", &home)
        .env("GEM_PATH", &path)
        .current_dir(std::env::temp_dir()));
    // The installed gem, its own library, signing in (no -I: the gem, not the source).
    let script = r#"
        require "srp_cognito"
        require ARGV[1]
        abort "not the installed gem: #{SrpCognito::ABI.library}" unless SrpCognito::ABI.library.include?(ENV["GEM_HOME"])
        outcome = SrpCognito.sign_in(ServeClient.new(ARGV[0]), pool_id: "us-east-1_RubyPlain",
                                     client_id: "rubyplainpublic00000000001", username: "example",
                                     password: "Example-passw0rd!")
        puts outcome.result[:token_type]
    "#;
    let signed_in = run(Command::new("ruby")
        .arg("-e")
        .arg(script)
        .arg(serve(&ruby().join("test/provision.json")))
        .arg(ruby().join("test/serve_client.rb"))
        .env("GEM_HOME", &home)
        .env("GEM_PATH", &path)
        .env_remove("SRP_COGNITO_LIBRARY")
        .current_dir(std::env::temp_dir()));
    assert_eq!(String::from_utf8_lossy(&signed_in.stdout), "Bearer\n");
}

#[test]
#[ignore = "end to end: Ruby and the ffi gem; cargo builds the vector harness's library"]
fn run_vectors_passes_every_vector_file_and_fails_a_wrong_one() {
    check_run_vectors(
        || Command::new(ruby().join("run-vectors")),
        &ruby().join("../test-vectors"),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("ruby"),
    );

    let bench = run(Command::new("ruby")
        .arg(ruby().join("bench/sign_in.rb"))
        .args(["--rounds", "1", "--batch", "1"]));
    let out = String::from_utf8_lossy(&bench.stdout);
    assert!(out.contains("| portable |"), "{out}");
}
