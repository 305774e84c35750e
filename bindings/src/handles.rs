//! Live sign-ins behind numbers, for the doors that hand a language an integer rather
//! than an object (the C ABI, and through it JavaScript; JNI). A handle is a slot's index
//! (low 32 bits) and the slot's generation (high 32 bits, never 0): freeing a sign-in
//! bumps its slot's generation, so a freed, double-freed or forged handle is refused as
//! `bad_handle`, never a wild pointer. Freed slots are reused oldest first, so a stale
//! handle would have to outlive 2^32 reuses of its slot to name another sign-in.
//!
//! Every function here may be called from any thread. Calls on one sign-in are
//! serialized (each holds that sign-in's lock for its length); calls on different
//! sign-ins run in parallel (the table's own lock is held only to find a sign-in, never
//! while it computes). Freeing a sign-in another thread is using is safe: the other call
//! finishes, and the sign-in is wiped when the last of them lets go.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use crate::{Refusal, SignIn, Status};

/// One slot: the generation of the handle that names it now, and the sign-in, if live.
#[derive(Debug)]
struct Slot {
    generation: u32,
    sign_in: Option<Arc<Mutex<SignIn>>>,
}

#[derive(Debug)]
struct Table {
    slots: Vec<Slot>,
    /// Free slots, the longest free first.
    free: VecDeque<u32>,
}

static TABLE: Mutex<Table> = Mutex::new(Table {
    slots: Vec::new(),
    free: VecDeque::new(),
});

fn poisoned<T>(_: PoisonError<T>) -> Refusal {
    Refusal::new(
        Status::Internal,
        "the sign-in table is unusable after a panic",
    )
}

fn bad_handle() -> Refusal {
    Refusal::new(
        Status::BadHandle,
        "no such sign-in: it was freed, or never made",
    )
}

/// Keeps `sign_in` in the table; its handle (never 0).
///
/// # Errors
/// `internal` if the table is poisoned or full (2^32 live sign-ins).
pub fn insert(sign_in: SignIn) -> Result<u64, Refusal> {
    let mut table = TABLE.lock().map_err(poisoned)?;
    let sign_in = Some(Arc::new(Mutex::new(sign_in)));
    let index = match table.free.pop_front() {
        Some(index) => index,
        None => {
            let index = u32::try_from(table.slots.len())
                .map_err(|_| Refusal::new(Status::Internal, "2^32 live sign-ins"))?;
            table.slots.push(Slot {
                generation: 1,
                sign_in: None,
            });
            index
        }
    };
    let slot = table
        .slots
        .get_mut(index as usize)
        .ok_or_else(|| Refusal::new(Status::Internal, "a free slot that is not"))?;
    slot.sign_in = sign_in;
    Ok(u64::from(slot.generation) << 32 | u64::from(index))
}

/// The live slot `handle` names.
fn slot(table: &mut Table, handle: u64) -> Result<&mut Slot, Refusal> {
    let index = usize::try_from(handle & 0xffff_ffff).map_err(|_| bad_handle())?;
    let generation = handle >> 32;
    table
        .slots
        .get_mut(index)
        .filter(|slot| u64::from(slot.generation) == generation && slot.sign_in.is_some())
        .ok_or_else(bad_handle)
}

/// Runs `f` on the sign-in `handle` names, holding that sign-in's lock (not the table's).
///
/// # Errors
/// `bad_handle` for a handle that is not live; `internal` if the sign-in panicked before;
/// whatever `f` refuses.
pub fn with<R>(
    handle: u64,
    f: impl FnOnce(&mut SignIn) -> Result<R, Refusal>,
) -> Result<R, Refusal> {
    let sign_in = {
        let mut table = TABLE.lock().map_err(poisoned)?;
        slot(&mut table, handle)?
            .sign_in
            .clone()
            .ok_or_else(bad_handle)?
    };
    let mut sign_in = sign_in.lock().map_err(poisoned)?;
    f(&mut sign_in)
}

/// Frees the sign-in `handle` names: it is wiped once no call is using it, and the handle
/// is refused from now on.
///
/// # Errors
/// `bad_handle` for a handle that is not live (a second free among them); `internal` if
/// the table is poisoned.
pub fn remove(handle: u64) -> Result<(), Refusal> {
    let sign_in = {
        let mut table = TABLE.lock().map_err(poisoned)?;
        let slot = slot(&mut table, handle)?;
        // 0 is never a generation: no handle is 0.
        slot.generation = slot.generation.checked_add(1).unwrap_or(1);
        let sign_in = slot.sign_in.take();
        table.free.push_back((handle & 0xffff_ffff) as u32);
        sign_in
    };
    // Dropped (and wiped, if no other call holds it) outside the table's lock.
    drop(sign_in);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in() -> SignIn {
        let options = br#"{"poolId": "us-east-1_Abc", "clientId": "c", "username": "u"}"#;
        SignIn::new(options, b"p", None, None).unwrap()
    }

    fn status<T: std::fmt::Debug>(result: Result<T, Refusal>) -> Status {
        result.unwrap_err().status
    }

    #[test]
    fn freed_double_freed_and_forged_handles_are_refused() {
        let handle = insert(sign_in()).unwrap();
        assert_ne!(handle, 0);
        assert_eq!(with(handle, |s| Ok(s.username().to_owned())).unwrap(), "u");
        remove(handle).unwrap();
        assert_eq!(status(with(handle, |_| Ok(()))), Status::BadHandle);
        assert_eq!(status(remove(handle)), Status::BadHandle, "a double free");
        // The slot is reused under a new generation: the old handle stays refused.
        let again = insert(sign_in()).unwrap();
        assert_ne!(again, handle);
        assert_eq!(status(with(handle, |_| Ok(()))), Status::BadHandle);
        for forged in [0, 1, u64::MAX, again ^ (1 << 32), again + 1_000_000] {
            assert_eq!(
                status(with(forged, |_| Ok(()))),
                Status::BadHandle,
                "{forged:#x}"
            );
            assert_eq!(status(remove(forged)), Status::BadHandle, "{forged:#x}");
        }
        remove(again).unwrap();
    }

    #[test]
    fn sign_ins_on_many_threads() {
        let threads: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(|| {
                    for _ in 0..50 {
                        let handle = insert(sign_in()).unwrap();
                        with(handle, |s| s.start_with(b"02")).unwrap();
                        remove(handle).unwrap();
                        assert_eq!(status(remove(handle)), Status::BadHandle);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
    }
}
