//! What every exported function does around its operation: arguments from pointers and
//! lengths, a panic caught and reported, the result or the refusal written into the
//! caller's [`Buffer`].

use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::NonNull;

use srp_cognito_bindings::{Json, MAX_ARGUMENT_BYTES, Refusal, Status};
use zeroize::Zeroize;

/// Text the library made: `len` bytes of UTF-8 at `data` (not NUL-terminated; `data` is
/// NULL when `len` is 0): an operation's result, or its refusal's message. The caller
/// owns it and gives it back to `srp_cognito_buffer_free`, which wipes it.
#[repr(C)]
#[derive(Debug)]
pub struct Buffer {
    /// The bytes, or NULL.
    pub data: *mut c_char,
    /// How many.
    pub len: usize,
}

impl Buffer {
    /// No bytes.
    pub const EMPTY: Buffer = Buffer {
        data: std::ptr::null_mut(),
        len: 0,
    };

    /// A buffer holding `text`'s bytes; `text`'s own memory is wiped (when it cannot be
    /// handed over as it is).
    fn of(text: Json) -> Buffer {
        if text.is_empty() {
            return Buffer::EMPTY;
        }
        let mut text = text;
        // Handed over as it is when its capacity is its length (as `to_json` writes it);
        // else copied, and the original wiped on drop.
        let bytes: Box<[u8]> = if text.capacity() == text.len() {
            std::mem::take(&mut *text).into_bytes().into_boxed_slice()
        } else {
            Box::from(text.as_bytes())
        };
        let len = bytes.len();
        Buffer {
            data: Box::into_raw(bytes).cast(),
            len,
        }
    }

    /// Wipes and frees the bytes, and makes this buffer empty.
    ///
    /// # Safety
    /// `data` and `len` are exactly what [`Buffer::of`] made, not yet freed (or NULL).
    pub(crate) unsafe fn wipe_and_free(&mut self) {
        if !self.data.is_null() {
            // SAFETY: a boxed slice of exactly `len` bytes from `Buffer::of`, given back
            // once (the caller's contract), and not used after this.
            let mut bytes = unsafe {
                Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                    self.data.cast::<u8>(),
                    self.len,
                ))
            };
            bytes.zeroize();
        }
        *self = Buffer::EMPTY;
    }
}

/// Argument `name`: `len` bytes at `ptr`.
///
/// # Errors
/// `null_pointer` for a NULL `ptr` (an empty argument is a non-NULL pointer and length
/// 0); `too_large` over 1 MiB, checked before the bytes are touched.
///
/// # Safety
/// Unless NULL, `ptr` is `len` readable bytes that stay unchanged during the call.
pub(crate) unsafe fn arg<'a>(
    name: &str,
    ptr: *const c_char,
    len: usize,
) -> Result<&'a [u8], Refusal> {
    if ptr.is_null() {
        return Err(Refusal::new(
            Status::NullPointer,
            format!("{name}: a null pointer"),
        ));
    }
    if len > MAX_ARGUMENT_BYTES {
        return Err(Refusal::new(
            Status::TooLarge,
            format!("{name}: over 1 MiB"),
        ));
    }
    // SAFETY: `ptr` is non-NULL and `len` readable bytes (the caller's contract), and
    // `len` ≤ 1 MiB fits an isize.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast(), len) })
}

/// An optional argument: absent where `ptr` is NULL.
///
/// # Errors
/// As [`arg`].
///
/// # Safety
/// As [`arg`].
pub(crate) unsafe fn optional<'a>(
    name: &str,
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a [u8]>, Refusal> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: as the caller's contract.
    unsafe { arg(name, ptr, len) }.map(Some)
}

/// A required output pointer, to be written (never read: it may point at uninitialized
/// memory).
pub(crate) fn output<T>(name: &str, ptr: *mut T) -> Result<NonNull<T>, Refusal> {
    NonNull::new(ptr)
        .ok_or_else(|| Refusal::new(Status::NullPointer, format!("{name}: a null pointer")))
}

/// Runs `operation` and reports it: its text (if any) into `*out` with `ok`, or its
/// refusal's message with its status. A panic is caught and reported as `panic`, never
/// unwound into the caller. A NULL `out` is refused as `null_pointer` without a message.
pub(crate) fn call(
    out: *mut Buffer,
    operation: impl FnOnce() -> Result<Option<Json>, Refusal>,
) -> Status {
    if out.is_null() {
        return Status::NullPointer;
    }
    let outcome = catch_unwind(AssertUnwindSafe(operation)).unwrap_or_else(|_| {
        Err(Refusal::new(
            Status::Panic,
            "srp-cognito panicked (a bug: please report it); the call did nothing",
        ))
    });
    let (status, buffer) = match outcome {
        Ok(text) => (Status::Ok, text.map_or(Buffer::EMPTY, Buffer::of)),
        Err(refusal) => (refusal.status, Buffer::of(Json::new(refusal.message))),
    };
    // SAFETY: `out` is non-NULL and writable (the caller's contract); written, not read.
    unsafe { out.write(buffer) };
    status
}
