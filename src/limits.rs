//! Size limits, checked before any parsing or arithmetic.
//!
//! Each is well above what Cognito sends and far below what would make a parser or
//! an exponentiation slow.

/// Bytes of a randomly generated `a`, as the AWS SDKs draw it.
pub(crate) const RANDOM_A_BYTES: usize = 128;
/// The longest `a` accepted from a caller (the vector format's range).
pub const MAX_A_BYTES: usize = 1024;
/// Hex digits of `SRP_B`: `N` has 768; `B ≥ N` is accepted (the SDKs hash it unreduced),
/// up to 512 bytes.
pub const MAX_SRP_B_DIGITS: usize = 1024;
/// Hex digits of `SALT`: Cognito's salts are 16 bytes (32 digits).
pub const MAX_SALT_DIGITS: usize = 256;
/// Characters of `SECRET_BLOCK` (base64): Cognito's are under 2 KiB.
pub const MAX_SECRET_BLOCK_CHARS: usize = 16 * 1024;
/// Bytes of a user id, username, device key, device group key, client id or client
/// secret: Cognito's longest (a 128-character username) is at most 512 bytes of UTF-8.
pub const MAX_IDENTITY_BYTES: usize = 1024;

/// Characters of a user pool id (`region_name`), as Cognito allows.
pub use crate::pool::MAX_POOL_ID_LEN;
