//! The committed header is the one cbindgen generates from this crate now: a change to
//! the C ABI that did not regenerate it fails here (and so in CI). To regenerate it:
//! `SRP_COGNITO_BLESS=1 cargo test -p srp-cognito-ffi --test header`.

use std::path::Path;

#[test]
fn the_committed_header_is_the_generated_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("UTF-8");
    let path = dir.join("include/srp_cognito.h");
    if std::env::var_os("SRP_COGNITO_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("writes the header");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ffi/include/srp_cognito.h is not what cbindgen generates from ffi/src: run \
         SRP_COGNITO_BLESS=1 cargo test -p srp-cognito-ffi --test header, and commit it"
    );
}
