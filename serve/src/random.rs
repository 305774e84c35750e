//! What serve draws from the operating system: ids, sessions, secrets, codes. A failure
//! refuses the request (`InternalErrorException`) rather than ending the process that
//! embeds the server.

use super::ServiceError;

/// Random bytes from the operating system; its failure refuses the request
/// (`InternalErrorException`) rather than ending the process that embeds the server.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], ServiceError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| {
        ServiceError::internal("the operating system's random number generator failed")
    })?;
    Ok(bytes)
}

/// A version-4 UUID.
pub(crate) fn uuid() -> Result<String, ServiceError> {
    Ok(uuid_of(random::<16>()?))
}

/// 16 bytes as a version-4 UUID (its version and variant bits set).
pub(crate) fn uuid_of(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// `len` characters of `alphabet`, drawn uniformly.
pub(crate) fn random_text(len: usize, alphabet: &[u8]) -> Result<String, ServiceError> {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for byte in random::<32>()? {
            // Rejection sampling keeps the draw uniform.
            let limit = 256 - 256 % alphabet.len();
            if usize::from(byte) < limit && out.len() < len {
                out.push(char::from(alphabet[usize::from(byte) % alphabet.len()]));
            }
        }
    }
    Ok(out)
}
