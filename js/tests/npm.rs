//! The npm package, end to end (ignored by default; the README's test command runs it with
//! `--include-ignored`): `npm run build` (both WebAssembly builds), `npm test` (the types
//! against the AWS SDK v3's, every vector file, the differential test against Node's BigInt,
//! the SDK v3 sign-in against `srp-cognito serve` in Node and in headless Chromium, and
//! `npm pack` installed into an empty project running the README's example, the JavaScript
//! build on the hermes VM), and one round of `npm run bench` and of `npm run bench:hermes`
//! (run, not timed). Needs what `.ci/tools` installs: Node, npm with
//! `npm ci` done in js/, Chromium.

use std::path::Path;
use std::process::Command;

fn npm(args: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("npm {args:?} did not start ({e}): install Node and npm"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "npm {args:?} failed:\n{stdout}\n{stderr}"
    );
    stdout
}

#[test]
#[ignore = "end to end: builds the package with wasm-bindgen and runs Node and Chromium"]
fn npm_package_builds_tests_and_benches() {
    let built = npm(&["run", "build"]);
    assert!(built.contains("wasm/simd.wasm"), "{built}");
    let tested = npm(&["test"]);
    assert!(tested.contains("# fail 0"), "{tested}");
    let bench = npm(&["run", "bench", "--silent", "--", "--rounds", "1", "--json"]);
    let rows = bench.matches("\"medianMs\"").count();
    assert_eq!(rows, 5, "one row per implementation:\n{bench}");
    let hermes = npm(&[
        "run",
        "bench:hermes",
        "--silent",
        "--",
        "--rounds",
        "1",
        "--json",
    ]);
    let rows = hermes.matches("\"medianMs\"").count();
    assert_eq!(rows, 4, "one row per implementation on Hermes:\n{hermes}");
}

/// The React Native example (`examples/react-native/`: the sign-in screen with the AWS SDK
/// v3 and the package's `react-native` entry) type-checks against react-native 0.88's own
/// types and the package's `index.d.ts`, as its lockfile pins them. Not run on a device.
#[test]
#[ignore = "end to end: installs the React Native example's dependencies from npm"]
fn react_native_example_type_checks() {
    let example = "../examples/react-native";
    npm(&[
        "ci",
        "--prefix",
        example,
        "--no-audit",
        "--no-fund",
        "--silent",
    ]);
    npm(&["run", "--prefix", example, "typecheck"]);
}
