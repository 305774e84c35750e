//! Helpers shared by the end-to-end tests.

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
/// `python3 -m module` (pip may put scripts off PATH). `None` where neither runs: the
/// caller skips its test with a note, unless `SRP_COGNITO_E2E=require` (set by .ci/run),
/// which makes that a failure.
pub fn tool(program: &str, module: &str, probe: &str, install: &str) -> Option<Command> {
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
        Some(true) => Some(Command::new(program)),
        Some(false) => {
            let mut command = Command::new("python3");
            command.args(["-m", module]);
            Some(command)
        }
        None => {
            assert!(
                std::env::var("SRP_COGNITO_E2E").as_deref() != Ok("require"),
                "SRP_COGNITO_E2E=require but {program} does not run: pip install {install}"
            );
            eprintln!("note: {program} not found, test skipped (pip install {install})");
            None
        }
    }
}
