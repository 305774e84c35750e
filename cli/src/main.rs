//! `srp-cognito`, the command line of the srp-cognito crate: sign in to Cognito with SRP
//! (`sign-in`, or `initiate` and `respond` around the aws CLI), remember a device
//! (`confirm-device`, `device-verifier`), renew tokens (`refresh`), compute SECRET_HASH
//! (`secret-hash`), print shell completions (`completions`) and, with the feature
//! `serve`, run a local Cognito (`serve`). The test-vector and benchmark tools are the
//! repository's `srp-cognito-tools`, not part of this binary.

mod api;
mod args;
mod device;
mod input;
mod signin;

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use srp_cognito::{ClientSecret, SecretBlockDecoding, secret_hash};

use crate::api::Failure;
use crate::args::{Cli, Command};

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
    ExitCode::from(run(cli.command))
}

fn run(command: Command) -> u8 {
    match command {
        Command::SecretHash {
            username,
            client_id,
        } => finish_text(secret_hash_command(&username, &client_id)),
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
        #[cfg(feature = "serve")]
        Command::Serve {
            listen,
            port,
            allow_remote,
            code,
            state,
            provision,
        } => finish(serve(Serve {
            listen: port.map_or(listen, |port| ([127, 0, 0, 1], port).into()),
            allow_remote,
            code,
            state,
            provision,
        })),
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

/// `serve`: refuses a non-loopback address unless asked, prints the URL on stdout (a test
/// or script that asked for port 0 reads it there) and serves until the process is stopped
/// (the listener never returns on its own; should it fail, the failure is printed).
#[cfg(feature = "serve")]
/// What `srp-cognito serve` was asked for.
#[cfg(feature = "serve")]
struct Serve {
    listen: std::net::SocketAddr,
    allow_remote: bool,
    code: Option<String>,
    state: Option<std::path::PathBuf>,
    provision: Option<std::path::PathBuf>,
}

#[cfg(feature = "serve")]
fn serve(options: Serve) -> Result<serde_json::Value, Failure> {
    let Serve {
        listen,
        allow_remote,
        code,
        state,
        provision,
    } = options;
    if !listen.ip().is_loopback() && !allow_remote {
        return Err(Failure::Usage(format!(
            "{listen} is not a loopback address: serve is a test double that holds the SRP \
             verifiers of its users in memory; add --allow-remote to listen there anyway"
        )));
    }
    let codes = match code {
        Some(code) => srp_cognito_serve::Codes::Fixed(code),
        None => srp_cognito_serve::Codes::Print,
    };
    let mut server = srp_cognito_serve::Server::bind(listen)
        .map_err(|e| Failure::Usage(format!("cannot listen on {listen}: {e}")))?
        .codes(codes);
    if let Some(path) = state {
        server = server.state_file(path).map_err(Failure::Usage)?;
    }
    if let Some(path) = provision {
        let text = provision_text(&path)?;
        let document: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Failure::Usage(format!("{}: not JSON: {e}", path.display())))?;
        server = server
            .provision(&document)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    }
    println!("{}", server.url());
    eprintln!(
        "srp-cognito serve: listening on {} (Ctrl-C to stop)",
        server.url()
    );
    server.run();
    Ok(serde_json::Value::Null)
}

/// The largest provisioning document `serve` reads.
#[cfg(feature = "serve")]
const MAX_PROVISION: u64 = 16 << 20;

/// The text of `--provision FILE`: a regular file (not a device or a FIFO, which could
/// be read forever or never), at most [`MAX_PROVISION`] bytes.
#[cfg(feature = "serve")]
fn provision_text(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let failed = |e: io::Error| Failure::Usage(format!("{}: {e}", shown(path)));
    let metadata = std::fs::metadata(path).map_err(failed)?;
    if !metadata.is_file() {
        return Err(Failure::Usage(format!(
            "{}: not a regular file (a provisioning document is a JSON file)",
            shown(path)
        )));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(failed)?
        .take(MAX_PROVISION + 1)
        .read_to_string(&mut text)
        .map_err(failed)?;
    if text.len() as u64 > MAX_PROVISION {
        return Err(Failure::Usage(format!(
            "{}: larger than {} MiB",
            shown(path),
            MAX_PROVISION >> 20
        )));
    }
    Ok(text)
}

/// Prints a command's JSON result, or its failure.
fn finish(result: Result<serde_json::Value, Failure>) -> u8 {
    finish_text(result.map(|value| {
        let mut text = api::json_text(&value);
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
