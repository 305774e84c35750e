//! `srp-cognito`, the command line of the srp-cognito crate: sign in to Cognito with SRP
//! (`sign-in`, or `initiate` and `respond` around the aws CLI), remember a device
//! (`confirm-device`, `device-verifier`), compute SECRET_HASH (`secret-hash`), check and
//! compute test vectors (`verify-vectors`, `compute`), measure the engine (`speed`), and
//! print shell completions (`completions`).

mod api;
mod args;
mod device;
mod input;
mod signin;
mod speed;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use srp_cognito::{ClientSecret, SecretBlockDecoding, secret_hash};
use srp_cognito_vectors::{check_file, compute_json};

use crate::api::Failure;
use crate::args::{Cli, Command};

/// The most `compute` reads from standard input.
const MAX_STDIN_BYTES: u64 = 1 << 20;
/// The largest vector file `verify-vectors` reads.
const MAX_VECTOR_FILE_BYTES: u64 = 16 << 20;

/// The environment variable that chooses the arithmetic backend (`portable` or
/// `avx512ifma`); by default the fastest the CPU has.
const BACKEND_VARIABLE: &str = "SRP_COGNITO_BACKEND";

/// Exit codes (also in every `--help`).
const REFUSED: u8 = 1;
const USAGE: u8 = 2;
const CHALLENGE: u8 = 3;

fn main() -> ExitCode {
    // A secret option is refused before clap parses anything: its error messages quote
    // the argument they stumble on, and `--password=hunter2` must never be printed.
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if let Some(option) = args::secret_option(&arg) {
            eprintln!(
                "srp-cognito: {option} is not taken on the command line, where every local user \
                 can read it: see `srp-cognito <command> --help` for where secrets come from"
            );
            return ExitCode::from(USAGE);
        }
    }
    let cli = Cli::parse();
    if let Ok(name) = std::env::var(BACKEND_VARIABLE)
        && name.parse().and_then(srp_cognito::select_backend).is_err()
    {
        eprintln!(
            "srp-cognito: {BACKEND_VARIABLE}={}: not a backend this CPU runs (portable, avx512ifma, portable32)",
            api::escape(&name)
        );
        return ExitCode::from(USAGE);
    }
    ExitCode::from(run(cli.command))
}

fn run(command: Command) -> u8 {
    match command {
        Command::VerifyVectors { files } => verify_vectors(&files),
        Command::Compute => compute(),
        Command::SecretHash {
            username,
            client_id,
        } => finish_text(secret_hash_command(&username, &client_id)),
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
        Command::SignIn(options) => match signin::sign_in(&options) {
            Ok(signin::Outcome::Tokens(value)) => finish(Ok(value)),
            Ok(signin::Outcome::Challenge(value)) => match finish(Ok(value)) {
                0 => CHALLENGE,
                code => code,
            },
            Err(failure) => finish(Err(failure)),
        },
        Command::Initiate {
            client,
            device_key,
            state,
        } => finish(signin::initiate(&client, device_key.as_deref(), &state)),
        Command::Respond {
            state,
            lenient_secret_block,
        } => finish(signin::respond(&state, decoding(lenient_secret_block))),
        Command::DeviceVerifier {
            device_key,
            device_group_key,
            device_password_file,
            print_password,
        } => finish(device::device_verifier(
            &device_key,
            &device_group_key,
            &device_password_file,
            print_password,
        )),
        Command::ConfirmDevice {
            device_password_file,
            device_name,
            remember,
            endpoint_url,
            allow_insecure_http,
        } => finish(
            endpoint_url
                .as_deref()
                .map_or(Ok(()), |url| api::check_endpoint(url, allow_insecure_http))
                .and_then(|()| {
                    device::confirm_device(
                        &device_password_file,
                        device_name.as_deref(),
                        endpoint_url.as_deref(),
                        remember,
                    )
                }),
        ),
        Command::Serve {
            listen,
            allow_remote,
        } => finish(serve(listen, allow_remote)),
        Command::Refresh {
            pool_id,
            client_id,
            device_key,
            get_tokens_from_refresh_token,
            endpoint_url,
            allow_insecure_http,
        } => finish(signin::refresh(
            &pool_id,
            &client_id,
            device_key.as_deref(),
            get_tokens_from_refresh_token,
            endpoint_url.as_deref(),
            allow_insecure_http,
        )),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "srp-cognito", &mut out);
            write_stdout(&out)
        }
    }
}

/// `--lenient-secret-block` given: read SECRET_BLOCK as emulators send it.
pub(crate) fn decoding(lenient: bool) -> SecretBlockDecoding {
    if lenient {
        SecretBlockDecoding::Lenient
    } else {
        SecretBlockDecoding::Strict
    }
}

/// Writes `bytes` to stdout; a closed stdout (`| head`) ends the command quietly with
/// exit 1 instead of a panic.
fn write_stdout(bytes: &[u8]) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => REFUSED,
        Err(e) => {
            eprintln!("srp-cognito: cannot write to stdout: {e}");
            REFUSED
        }
    }
}

/// Prints a command's JSON result, or its failure.
/// `serve`: refuses a non-loopback address unless asked, prints the URL on stdout (a test
/// or script that asked for port 0 reads it there) and serves until stopped.
fn serve(listen: std::net::SocketAddr, allow_remote: bool) -> Result<serde_json::Value, Failure> {
    if !listen.ip().is_loopback() && !allow_remote {
        return Err(Failure::Usage(format!(
            "{listen} is not a loopback address: serve is a test double that holds the SRP \
             verifiers of its users in memory; add --allow-remote to listen there anyway"
        )));
    }
    let server = srp_cognito_serve::Server::bind(listen)
        .map_err(|e| Failure::Usage(format!("cannot listen on {listen}: {e}")))?;
    println!("{}", server.url());
    eprintln!(
        "srp-cognito serve: listening on {} (Ctrl-C to stop)",
        server.url()
    );
    server.run();
    Ok(serde_json::Value::Null)
}

fn finish(result: Result<serde_json::Value, Failure>) -> u8 {
    finish_text(result.map(|value| {
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }))
}

/// Prints a command's text result, or its failure.
fn finish_text(result: Result<String, Failure>) -> u8 {
    match result {
        Ok(text) => write_stdout(text.as_bytes()),
        Err(Failure::Usage(message)) => {
            eprintln!("srp-cognito: {message}");
            USAGE
        }
        Err(Failure::Refused(message)) => {
            eprintln!("srp-cognito: {message}");
            REFUSED
        }
    }
}

fn verify_vectors(files: &[std::path::PathBuf]) -> u8 {
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut lines = String::new();
    for file in files {
        let name = file.display();
        let report = match input::read_file(file, MAX_VECTOR_FILE_BYTES) {
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
    let result = match input::read_stdin(MAX_STDIN_BYTES) {
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

/// SECRET_HASH, the client secret from the environment, a prompt or stdin.
fn secret_hash_command(username: &str, client_id: &str) -> Result<String, Failure> {
    let secret = match input::secret_env("SRP_COGNITO_CLIENT_SECRET", "the client secret")? {
        Some(secret) => secret,
        None => input::secret_line("Client secret: ", "the client secret")?,
    };
    let secret = ClientSecret::new(input::take(secret));
    let hash = secret_hash(username, client_id, &secret)
        .map_err(|e| Failure::Usage(format!("{e} ({})", e.category())))?;
    Ok(format!("{hash}\n"))
}

/// `path` for messages.
pub(crate) fn shown(path: &Path) -> String {
    api::escape(&path.display().to_string())
}
