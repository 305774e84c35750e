//! `srp-cognito-tools`, the repository's own tools (not shipped with the `srp-cognito`
//! CLI): check every vector of the test-vector files (`verify-vectors`), compute one
//! vector's expected values (`compute`), and time each protocol step beside the
//! num-bigint reference (`speed`).

mod load;
mod speed;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use srp_cognito_vectors::{check_file, compute_json};

/// The most `compute` reads from standard input.
const MAX_STDIN_BYTES: u64 = 1 << 20;
/// The largest vector file `verify-vectors` reads.
const MAX_VECTOR_FILE_BYTES: u64 = 16 << 20;
/// The environment variable that chooses the arithmetic backend (`portable`,
/// `avx512ifma` or `portable32`); by default the fastest the CPU has.
const BACKEND_VARIABLE: &str = "SRP_COGNITO_BACKEND";

/// Exit codes (also in every `--help`).
const FAILED: u8 = 1;
const USAGE: u8 = 2;

/// What every `--help` ends with: its example (if any), then the exit codes.
macro_rules! after_help {
    () => {
        "Exit codes: 0 done; 1 a vector failed (or stdout closed); 2 a usage error or a refused\n\
         input."
    };
    ($example:expr) => {
        concat!("Example:\n", $example, "\n\n", after_help!())
    };
}

#[derive(Parser)]
#[command(
    name = "srp-cognito-tools",
    version,
    about = "srp-cognito's test vectors and benchmarks (the repository's tools, not shipped)",
    after_help = after_help!(),
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every vector of the files (FORMAT.md, or RFC 5054's).
    #[command(
        long_about = "Checks every vector of each file against this implementation. Prints one \
line per failing vector (file, id, the fields that differ), then exactly `N passed, N failed`. \
Exits 1 if any vector failed.",
        after_help = after_help!("  srp-cognito-tools verify-vectors test-vectors/*.json")
    )]
    VerifyVectors {
        /// Vector files (each at most 16 MiB).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },

    /// Compute one vector's expected values from JSON on stdin.
    #[command(
        long_about = "Reads one JSON object {\"kind\": ..., \"input\": {...}} on standard input \
(kinds and fields as in test-vectors/FORMAT.md, plus `rfc5054`; at most 1 MiB), prints the \
computed `expected` object as JSON and exits 0. Password verifiers include the intermediates \
u, x, s and hkdf_key, which are secrets: use test inputs only. A refused input prints \
{\"error\": \"<category>\"} and exits 2; so do malformed JSON (bad_json), an unknown kind \
(unknown_kind) and a missing or unknown input field (bad_input).",
        after_help = after_help!("  echo '{\"kind\":\"timestamp\",\"input\":{\"unix_seconds\":1793693109}}' | srp-cognito-tools compute\n  {\"timestamp\":\"Tue Nov 3 08:05:09 UTC 2026\"}")
    )]
    Compute,

    /// Time each protocol step, beside the num-bigint reference.
    #[command(
        long_about = "Measures in-process, after a warm-up, the median time of SRP_A \
generation, of a full PASSWORD_VERIFIER response from challenge parameters (claim and \
ChallengeResponses) and of a ConfirmDevice verifier, each by the constant-time engine and by \
the num-bigint reference (srp-cognito-reference, written as AWS's JavaScript SDK is), with \
the ratio (engine / num-bigint; lower is faster). The backend (avx512ifma where the CPU has \
it, else portable) is printed; SRP_COGNITO_BACKEND=portable or portable32 (wasm32's) \
measures another. The machine is shared and noisy: compare ratios from one run.",
        after_help = after_help!("  srp-cognito-tools speed --threads 2\n  SRP_COGNITO_BACKEND=portable srp-cognito-tools speed --json")
    )]
    Speed {
        /// Print exactly one JSON object (times in microseconds).
        #[arg(long)]
        json: bool,
        /// Also report sign-ins per second on 1 and on N threads.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
        threads: Option<u16>,
        /// Sampling time per operation and implementation, in milliseconds.
        #[arg(long, value_name = "MS", default_value_t = 1200,
              value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
        time_per_op: u64,
    },

    /// Load `srp-cognito serve`, in memory and on `--state`: latency, sign-ins per second,
    /// cost as the stored sign-ins grow.
    #[command(
        long_about = "Runs srp-cognito serve in-process, in memory and on a --state file, \
and measures the median latency of a keep-alive ListUserPools (no SRP), SRP sign-ins per second \
with 1, 8 and 32 clients at once, and the median cost of a read (ListUserPools) and of a \
sign-in that keeps a refresh token (AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH) after \
0, 10^4 and 10^5 stored sign-ins. Prints a Markdown table. The machine is shared and noisy: \
compare figures from one run.",
        after_help = after_help!("  cargo run --release -p srp-cognito-tools -- serve-load")
    )]
    ServeLoad {
        /// 0 and 10^3 stored sign-ins instead of up to 10^5 (a minute instead of several).
        #[arg(long)]
        quick: bool,
        /// How long each sign-in rate is measured, in seconds.
        #[arg(long, value_name = "S", default_value_t = 5,
              value_parser = clap::value_parser!(u64).range(1..=600))]
        seconds: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Ok(name) = std::env::var(BACKEND_VARIABLE)
        && name
            .parse()
            .and_then(srp_cognito::hazmat::select_backend)
            .is_err()
    {
        eprintln!(
            "srp-cognito-tools: {BACKEND_VARIABLE}={name:?}: not a backend this CPU runs \
             (portable, avx512ifma, portable32)"
        );
        return ExitCode::from(USAGE);
    }
    ExitCode::from(match cli.command {
        Command::VerifyVectors { files } => verify_vectors(&files),
        Command::Compute => compute(),
        Command::ServeLoad { quick, seconds } => match load::run(quick, seconds) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("srp-cognito-tools: {e}");
                FAILED
            }
        },
        Command::Speed {
            json,
            threads,
            time_per_op,
        } => {
            speed::speed(&speed::Options {
                json,
                threads: threads.map(usize::from),
                time_per_op: std::time::Duration::from_millis(time_per_op),
            });
            0
        }
    })
}

/// Writes `bytes` to stdout; a closed stdout (`| head`) ends the command with exit 1
/// instead of a panic.
fn write_stdout(bytes: &[u8]) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => FAILED,
        Err(e) => {
            eprintln!("srp-cognito-tools: cannot write to stdout: {e}");
            FAILED
        }
    }
}

/// At most `max` bytes of `reader` as text; more is refused (checked while reading, so
/// `/dev/zero` ends too).
fn read_at_most(reader: impl Read, max: u64) -> Result<String, String> {
    let mut text = String::new();
    reader
        .take(max + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read: {e}"))?;
    if u64::try_from(text.len()).map_or(true, |len| len > max) {
        return Err(format!("larger than {max} bytes: refused"));
    }
    Ok(text)
}

fn read_file(path: &Path) -> Result<String, String> {
    let file = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    read_at_most(file, MAX_VECTOR_FILE_BYTES)
}

fn verify_vectors(files: &[PathBuf]) -> u8 {
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut lines = String::new();
    for file in files {
        let name = file.display();
        let report = match read_file(file) {
            Ok(text) => check_file(&text),
            Err(e) => {
                lines.push_str(&format!("{name}: (file): {e}\n"));
                failed += 1;
                continue;
            }
        };
        passed += report.passed;
        failed += report.failures.len();
        for failure in &report.failures {
            let problems = failure.problems.join("; ");
            lines.push_str(&format!("{name}: {}: {problems}\n", failure.id));
        }
    }
    lines.push_str(&format!("{passed} passed, {failed} failed\n"));
    match write_stdout(lines.as_bytes()) {
        0 => u8::from(failed > 0),
        code => code,
    }
}

fn compute() -> u8 {
    let result = match read_at_most(io::stdin().lock(), MAX_STDIN_BYTES) {
        Ok(text) => compute_json(&text).map_err(|e| e.category()),
        Err(_) => Err("bad_json"),
    };
    let (json, code) = match result {
        Ok(expected) => (serde_json::Value::Object(expected), 0),
        Err(category) => (serde_json::json!({ "error": category }), USAGE),
    };
    match write_stdout(format!("{json}\n").as_bytes()) {
        0 => code,
        failed => failed,
    }
}
