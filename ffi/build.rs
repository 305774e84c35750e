//! The shared library's versioned name: `libsrp_cognito.so.1` (the ABI's major version)
//! as its soname on Linux, so that a program linked against this ABI never loads an
//! incompatible one.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsrp_cognito.so.1");
    }
}
