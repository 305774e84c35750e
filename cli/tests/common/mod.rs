//! Helpers shared by the end-to-end tests. Those tests are `#[ignore]`d by default, so
//! that a machine without the tools shows them as ignored instead of passing them;
//! `cargo test -- --include-ignored` (the README's test command, and CI's) runs them, and
//! then a missing tool fails them.

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

/// How each tool runs, once found: `Some(true)` on PATH, `Some(false)` as `python3 -m`.
static FOUND: Mutex<Option<HashMap<String, Option<bool>>>> = Mutex::new(None);

/// Whether `command` runs and exits 0, quietly.
fn succeeds(mut command: Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A command that runs `program` (a Python tool: the aws CLI, moto's server), checked once
/// by running it with `probe` (`--version`, `--help`): the program on PATH, else
/// `python3 -m module` (pip may put scripts off PATH). Where neither runs, the test fails
/// with the install command: these tests are ignored unless asked for, never skipped.
pub fn tool(program: &str, module: &str, probe: &str, install: &str) -> Command {
    let mut found = FOUND.lock().unwrap_or_else(PoisonError::into_inner);
    let on_path = *found
        .get_or_insert_with(HashMap::new)
        .entry(program.to_owned())
        .or_insert_with(|| {
            let mut direct = Command::new(program);
            direct.arg(probe);
            let mut python = Command::new("python3");
            python.args(["-m", module, probe]);
            if succeeds(direct) {
                Some(true)
            } else if succeeds(python) {
                Some(false)
            } else {
                None
            }
        });
    match on_path {
        Some(true) => Command::new(program),
        Some(false) => {
            let mut command = Command::new("python3");
            command.args(["-m", module]);
            command
        }
        None => panic!("{program} does not run: pip install {install}"),
    }
}
