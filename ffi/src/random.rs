//! getrandom's custom backend on wasm32: the host's randomness (`srp_host.srp_host_random`:
//! `crypto.getRandomValues` in the npm package), or its refusal where the host has none
//! (`rng`): never a weaker source.

#[link(wasm_import_module = "srp_host")]
unsafe extern "C" {
    /// Fills `len` bytes at `dest` from the host's randomness; 0 on success.
    fn srp_host_random(dest: *mut u8, len: usize) -> u32;
}

/// getrandom 0.4's custom backend hook.
///
/// # Safety
/// `dest` is `len` writable bytes (getrandom's contract).
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: as the caller's contract; the host writes `len` bytes at most.
    match unsafe { srp_host_random(dest, len) } {
        0 => Ok(()),
        _ => Err(getrandom::Error::new_custom(1)),
    }
}
