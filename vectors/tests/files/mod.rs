//! The vector files and how many vectors each holds.

use srp_cognito_vectors::check_file;

/// Every file of test-vectors/, with its count of vectors.
pub const FILES: [(&str, usize); 9] = [
    ("secret_hash.json", 10),
    ("timestamp.json", 12),
    ("srp_a.json", 10),
    ("password_verifier.json", 12),
    ("device.json", 12),
    ("invalid.json", 9),
    ("invalid_extra.json", 37),
    ("published.json", 29),
    ("rfc5054.json", 1),
];

/// The project's test-vectors/ folder.
pub fn dir() -> String {
    format!("{}/../test-vectors", env!("CARGO_MANIFEST_DIR"))
}

/// Checks every vector of `file`, which must hold `expected_count`.
pub fn check(file: &str, expected_count: usize) {
    let path = format!("{}/{file}", dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let report = check_file(&text);
    for failure in &report.failures {
        eprintln!("{file}: {}: {}", failure.id, failure.problems.join("; "));
    }
    assert!(
        report.failures.is_empty(),
        "{file}: {} failed",
        report.failures.len()
    );
    assert_eq!(report.passed, expected_count, "{file}: vector count");
}
