//! The npm package (`js/`) has no Rust of its own: its WebAssembly and JavaScript builds
//! are the library's C ABI (`srp-cognito-ffi`, `ffi/include/srp_cognito.h`), which
//! `js/abi.js` calls. This crate holds the package's end-to-end test (`tests/npm.rs`:
//! `npm run build`, `npm test`, the benchmarks run once).
