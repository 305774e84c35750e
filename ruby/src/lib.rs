//! The Ruby gem (`ruby/`) has no Rust of its own: it calls the library's C ABI
//! (`srp-cognito-ffi`, `ffi/include/srp_cognito.h`) through the `ffi` gem, and carries
//! that library. This crate holds the gem's end-to-end test (`tests/gem.rs`: `rake test`,
//! `gem build` and `gem install`, `run-vectors`, the benchmark run once).
