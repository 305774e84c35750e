//! `srp-cognito`, the command line of the srp-cognito crate: sign in to Cognito with SRP
//! (`sign-in`, or `initiate` and `respond` around the aws CLI), remember a device
//! (`confirm-device`, `device-verifier`), compute SECRET_HASH (`secret-hash`), check and
//! compute test vectors (`verify-vectors`, `compute`), and measure the engine (`speed`).

mod api;
mod device;
mod signin;
mod speed;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use srp_cognito::{ClientSecret, SecretBlockDecoding, secret_hash};
use srp_cognito_vectors::{check_file, compute_json};
use zeroize::Zeroizing;

/// The most the `compute` and `secret-hash` commands read from standard input.
const MAX_STDIN_BYTES: u64 = 1 << 20;

const USAGE: &str = "\
srp-cognito: Amazon Cognito SRP client cryptography, checked against test vectors

Usage: srp-cognito <command> [options]

Commands:
  verify-vectors FILE...   check every vector of the files (FORMAT.md, or RFC 5054's)
  compute                  compute one vector's expected values from JSON on stdin
  secret-hash              compute SECRET_HASH (client secret from the environment or stdin)
  speed                    time each protocol step, beside the num-bigint reference
  sign-in                  sign in over HTTPS with SRP (and a remembered device); print the tokens
  initiate / respond       the same in two steps, for `aws cognito-idp ... --cli-input-json`
  confirm-device           remember the device of a sign-in (ConfirmDevice); its password to a 0600 file
  device-verifier          a ConfirmDevice verifier, for `aws cognito-idp confirm-device`
  help [COMMAND]           this text, or a command's

Run `srp-cognito COMMAND --help` for a command's options and an example.
";

const VERIFY_HELP: &str = "\
srp-cognito verify-vectors FILE...

Checks every vector of each file against this implementation. Prints one line per
failing vector (file, id, the fields that differ), then exactly `N passed, N failed`.
Exits 1 if any vector failed, 2 on a usage error.

Example:
  srp-cognito verify-vectors test-vectors/*.json
";

const COMPUTE_HELP: &str = "\
srp-cognito compute

Reads one JSON object {\"kind\": ..., \"input\": {...}} on standard input (kinds and
fields as in test-vectors/FORMAT.md, plus `rfc5054`), prints the computed `expected`
object as JSON and exits 0. Password verifiers include the intermediates u, x, s and
hkdf_key, which are secrets: use test inputs only. A refused input prints
{\"error\": \"<category>\"} and exits 2; so do malformed JSON (bad_json), an unknown kind
(unknown_kind) and a missing or unknown input field (bad_input).

Example:
  echo '{\"kind\":\"timestamp\",\"input\":{\"unix_seconds\":1793693109}}' | srp-cognito compute
  {\"timestamp\":\"Tue Nov 3 08:05:09 UTC 2026\"}
";

const SECRET_HASH_HELP: &str = "\
srp-cognito secret-hash --username USERNAME --client-id CLIENT_ID

Prints SECRET_HASH = base64(HMAC-SHA256(client secret, USERNAME + CLIENT_ID)). The client
secret is read from the environment variable SRP_COGNITO_CLIENT_SECRET, or else from the
first line of standard input; never from the command line. In a challenge response,
USERNAME must be the challenge's USERNAME (the internal username), not an alias.

Example:
  SRP_COGNITO_CLIENT_SECRET=clientSecret srp-cognito secret-hash --username test --client-id 123abd
  LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=
";

const SPEED_HELP: &str = "\
srp-cognito speed [--json] [--threads N] [--time-per-op MS]

Measures in-process, after a warm-up, the median time of SRP_A generation, of a full
PASSWORD_VERIFIER response from challenge parameters (claim and ChallengeResponses) and of
a ConfirmDevice verifier, each by the constant-time engine and by the straightforward
num-bigint implementation, with the ratio (engine / num-bigint; lower is faster). Fixed
inputs of Cognito's sizes. The machine is shared and noisy: compare ratios from one run.

Options:
  --json             print exactly one JSON object (times in microseconds)
  --threads N        also report sign-ins per second on 1 and on N threads
  --time-per-op MS   sampling time per operation and implementation (default 1200)

The backend (avx512ifma where the CPU has it, else portable) is printed; set
SRP_COGNITO_BACKEND=portable to measure the portable one.

Example:
  srp-cognito speed --threads 2
  srp-cognito speed --json
";

const SIGN_IN_HELP: &str = "\
srp-cognito sign-in --pool-id POOL_ID --client-id CLIENT_ID --username USERNAME
                    [--endpoint-url URL] [--password-stdin] [--lenient-secret-block]
                    [--device-key KEY --device-group-key GROUP_KEY --device-password-file FILE]

Signs in with USER_SRP_AUTH over HTTPS against Cognito's JSON API (no AWS credentials
needed) and prints the AuthenticationResult as JSON. With a remembered device it answers
DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER too. Any other challenge (SOFTWARE_TOKEN_MFA,
NEW_PASSWORD_REQUIRED, ...) is printed with its ChallengeName, ChallengeParameters and
Session for a script to answer. The region comes from the pool id; --endpoint-url points
elsewhere (a local test server).

Secrets never on the command line: the password from SRP_COGNITO_PASSWORD, from the first
line of stdin with --password-stdin, or from a prompt without echo; the client secret (for
app clients that have one) from SRP_COGNITO_CLIENT_SECRET; the device password from its
file. A refusal by Cognito prints its error type, HTTP status and message and exits 1.

--lenient-secret-block is for local emulators only: moto sends its session id as
SECRET_BLOCK, which is not base64; this reads it as amazon-cognito-identity-js does
(URL-safe base64) instead of refusing it. Cognito never needs it.

Example:
  SRP_COGNITO_PASSWORD='correct horse' srp-cognito sign-in \\
      --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf --username alice
";

const INITIATE_HELP: &str = "\
srp-cognito initiate --pool-id POOL_ID --client-id CLIENT_ID --username USERNAME
                     --state FILE [--device-key KEY]

The first of two steps for the aws CLI: draws the ephemeral secret a, keeps it in the state
FILE (created with mode 0600; refused if it exists) and prints the InitiateAuth request for
`aws cognito-idp initiate-auth --cli-input-json`. SRP_COGNITO_CLIENT_SECRET as for sign-in.

Example:
  srp-cognito initiate --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf \\
      --username alice --state /tmp/srp.state > init.json
  aws cognito-idp initiate-auth --cli-input-json file://init.json > challenge.json
  srp-cognito respond --state /tmp/srp.state < challenge.json > respond.json
  aws cognito-idp respond-to-auth-challenge --cli-input-json file://respond.json
";

const RESPOND_HELP: &str = "\
srp-cognito respond --state FILE [--lenient-secret-block]

The second step: reads the InitiateAuth response (as the aws CLI prints it) on stdin, and
the state FILE of `initiate` (removed as soon as it is read: the ephemeral secret is used
once), and prints the RespondToAuthChallenge request for
`aws cognito-idp respond-to-auth-challenge --cli-input-json`. The password comes from
SRP_COGNITO_PASSWORD or a prompt on the terminal (stdin carries the response).
--lenient-secret-block as for sign-in (local emulators only).

Example:
  aws cognito-idp initiate-auth --cli-input-json file://init.json |
      srp-cognito respond --state /tmp/srp.state > respond.json
";

const DEVICE_VERIFIER_HELP: &str = "\
srp-cognito device-verifier --device-key KEY --device-group-key GROUP_KEY
                            --device-password-file FILE [--print-password]

Draws a device password and salt and prints DeviceKey and DeviceSecretVerifierConfig
{PasswordVerifier, Salt} for ConfirmDevice (`aws cognito-idp confirm-device --access-token
... --cli-input-json`). The device password, which later device sign-ins need, is written to
FILE (mode 0600; refused if it exists) and printed only with --print-password.

Example:
  srp-cognito device-verifier --device-key us-east-1_0bd64aca-... --device-group-key -rZ8kjX5uJ \\
      --device-password-file ~/.srp-cognito/device-password > confirm.json
";

const CONFIRM_DEVICE_HELP: &str = "\
srp-cognito confirm-device --device-password-file FILE [--device-name NAME] [--remember]
                           [--endpoint-url URL]

Remembers the device of a sign-in: reads the sign-in's AuthenticationResult on stdin (as
`sign-in` prints it, or the aws CLI's respond-to-auth-challenge output), takes its
AccessToken and NewDeviceMetadata (present when the pool remembers devices), draws the
device password and verifier, writes the password to FILE (mode 0600; refused if it
exists) and calls ConfirmDevice. Prints DeviceKey, DeviceGroupKey, DevicePasswordFile and
UserConfirmationNecessary; later sign-ins pass the first three to sign-in. Where the pool
lets users choose (UserConfirmationNecessary is true), --remember also marks the device
remembered (UpdateDeviceStatus). The region comes from the device key. If Cognito refuses
ConfirmDevice, FILE is removed and the error printed (exit 1).

Example:
  srp-cognito sign-in --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf \\
      --username alice > result.json
  srp-cognito confirm-device --device-password-file ~/.srp-cognito/device < result.json
";

/// How a command ended: an exit code, with text for stderr on a usage error.
enum Outcome {
    Done(u8),
    Usage(String),
}

/// The environment variable that chooses the arithmetic backend (`portable` or
/// `avx512ifma`); by default the fastest the CPU has.
const BACKEND_VARIABLE: &str = "SRP_COGNITO_BACKEND";

fn main() -> ExitCode {
    if let Ok(name) = std::env::var(BACKEND_VARIABLE) {
        let chosen = name.parse().and_then(srp_cognito::select_backend);
        if chosen.is_err() {
            eprintln!(
                "srp-cognito: {BACKEND_VARIABLE}={name:?}: not a backend this CPU runs (portable, avx512ifma)"
            );
            return ExitCode::from(2);
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        None => Outcome::Usage("no command given".into()),
        Some("-h" | "--help") => help(None),
        Some("help") => help(args.get(1).map(String::as_str)),
        Some("-V" | "--version") => {
            println!("srp-cognito {}", env!("CARGO_PKG_VERSION"));
            Outcome::Done(0)
        }
        Some(command) => {
            let rest = &args[1..];
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                help(Some(command))
            } else {
                match command {
                    "verify-vectors" => verify_vectors(rest),
                    "compute" => compute(rest),
                    "secret-hash" => secret_hash_command(rest),
                    "speed" => speed_command(rest),
                    "sign-in" => sign_in_command(rest),
                    "initiate" => initiate_command(rest),
                    "respond" => respond_command(rest),
                    "device-verifier" => device_verifier_command(rest),
                    "confirm-device" => confirm_device_command(rest),
                    other => Outcome::Usage(format!("unknown command {other:?}")),
                }
            }
        }
    };
    match outcome {
        Outcome::Done(code) => ExitCode::from(code),
        Outcome::Usage(message) => {
            eprintln!("srp-cognito: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn help(command: Option<&str>) -> Outcome {
    let text = match command {
        None => USAGE,
        Some("verify-vectors") => VERIFY_HELP,
        Some("compute") => COMPUTE_HELP,
        Some("secret-hash") => SECRET_HASH_HELP,
        Some("speed") => SPEED_HELP,
        Some("sign-in") => SIGN_IN_HELP,
        Some("initiate") => INITIATE_HELP,
        Some("respond") => RESPOND_HELP,
        Some("device-verifier") => DEVICE_VERIFIER_HELP,
        Some("confirm-device") => CONFIRM_DEVICE_HELP,
        Some(other) => return Outcome::Usage(format!("unknown command {other:?}")),
    };
    print!("{text}");
    Outcome::Done(0)
}

fn verify_vectors(files: &[String]) -> Outcome {
    if files.is_empty() {
        return Outcome::Usage("verify-vectors needs at least one FILE".into());
    }
    if let Some(option) = files.iter().find(|f| f.starts_with('-')) {
        return Outcome::Usage(format!("unknown option {option:?}"));
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut out = io::stdout().lock();
    for file in files {
        let report = match std::fs::read_to_string(file) {
            Ok(text) => check_file(&text),
            Err(e) => {
                let _ = writeln!(out, "{file}: (file): cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        passed += report.passed;
        failed += report.failures.len();
        for failure in &report.failures {
            let _ = writeln!(
                out,
                "{file}: {}: {}",
                failure.id,
                failure.problems.join("; ")
            );
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    Outcome::Done(u8::from(failed > 0))
}

/// Reads standard input, up to `MAX_STDIN_BYTES`.
fn read_stdin() -> io::Result<String> {
    let mut text = String::new();
    io::stdin()
        .take(MAX_STDIN_BYTES)
        .read_to_string(&mut text)?;
    Ok(text)
}

fn compute(args: &[String]) -> Outcome {
    if let Some(arg) = args.first() {
        return Outcome::Usage(format!("compute takes no arguments, got {arg:?}"));
    }
    let result = match read_stdin() {
        Ok(text) => compute_json(&text).map_err(|e| e.category()),
        Err(_) => Err("bad_json"),
    };
    let (json, code) = match result {
        Ok(expected) => (serde_json::Value::Object(expected), 0),
        Err(category) => (serde_json::json!({ "error": category }), 2),
    };
    println!("{json}");
    Outcome::Done(code)
}

/// Options that would put a secret on the command line (visible to every local user).
const SECRET_OPTIONS: [&str; 5] = [
    "--password",
    "--client-secret",
    "--device-password",
    "--access-token",
    "--refresh-token",
];

/// Options of a network command: `--name value` pairs and bare flags. Options that would
/// carry a secret are refused with a pointer to where secrets come from.
struct Parsed {
    values: HashMap<&'static str, String>,
    flags: Vec<&'static str>,
}

impl Parsed {
    fn parse(
        command: &str,
        args: &[String],
        names: &[&'static str],
        flags: &[&'static str],
    ) -> Result<Parsed, Outcome> {
        let mut parsed = Parsed {
            values: HashMap::new(),
            flags: Vec::new(),
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if let Some(&flag) = flags.iter().find(|&&f| f == arg) {
                parsed.flags.push(flag);
            } else if let Some(&name) = names.iter().find(|&&n| n == arg) {
                let value = rest
                    .next()
                    .ok_or_else(|| Outcome::Usage(format!("{name} needs a value")))?;
                parsed.values.insert(name, value.clone());
            } else if SECRET_OPTIONS.contains(&arg.as_str()) {
                return Err(Outcome::Usage(format!(
                    "{arg} is not taken on the command line: see `srp-cognito {command} --help`"
                )));
            } else {
                return Err(Outcome::Usage(format!("unknown option {arg:?}")));
            }
        }
        Ok(parsed)
    }

    fn take(&mut self, name: &str) -> Option<String> {
        self.values.remove(name)
    }

    /// `--lenient-secret-block` given: read SECRET_BLOCK as emulators send it.
    fn secret_block_decoding(&self) -> SecretBlockDecoding {
        if self.flags.contains(&"--lenient-secret-block") {
            SecretBlockDecoding::Lenient
        } else {
            SecretBlockDecoding::Strict
        }
    }

    fn require(&mut self, command: &str, name: &str) -> Result<String, Outcome> {
        self.take(name)
            .ok_or_else(|| Outcome::Usage(format!("{command} needs {name}")))
    }
}

/// Prints a network command's JSON result, or its failure.
fn finish(result: Result<serde_json::Value, api::Failure>) -> Outcome {
    match result {
        Ok(value) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
            Outcome::Done(0)
        }
        Err(api::Failure::Usage(message)) => Outcome::Usage(message),
        Err(api::Failure::Refused(message)) => {
            eprintln!("srp-cognito: {message}");
            Outcome::Done(1)
        }
    }
}

fn sign_in_command(args: &[String]) -> Outcome {
    let names = [
        "--pool-id",
        "--client-id",
        "--username",
        "--endpoint-url",
        "--device-key",
        "--device-group-key",
        "--device-password-file",
    ];
    let run = || -> Result<Outcome, Outcome> {
        let flags = ["--password-stdin", "--lenient-secret-block"];
        let mut p = Parsed::parse("sign-in", args, &names, &flags)?;
        let options = signin::Options {
            pool_id: p.require("sign-in", "--pool-id")?,
            client_id: p.require("sign-in", "--client-id")?,
            username: p.require("sign-in", "--username")?,
            endpoint_url: p.take("--endpoint-url"),
            device_key: p.take("--device-key"),
            device_group_key: p.take("--device-group-key"),
            device_password_file: p.take("--device-password-file"),
            password_stdin: p.flags.contains(&"--password-stdin"),
            secret_block: p.secret_block_decoding(),
        };
        Ok(finish(signin::sign_in(&options)))
    };
    run().unwrap_or_else(|usage| usage)
}

fn initiate_command(args: &[String]) -> Outcome {
    let names = [
        "--pool-id",
        "--client-id",
        "--username",
        "--device-key",
        "--state",
    ];
    let run = || -> Result<Outcome, Outcome> {
        let mut p = Parsed::parse("initiate", args, &names, &[])?;
        let (pool, client, user, state) = (
            p.require("initiate", "--pool-id")?,
            p.require("initiate", "--client-id")?,
            p.require("initiate", "--username")?,
            p.require("initiate", "--state")?,
        );
        let device = p.take("--device-key");
        Ok(finish(signin::initiate(
            &pool,
            &client,
            &user,
            device.as_deref(),
            &state,
        )))
    };
    run().unwrap_or_else(|usage| usage)
}

fn respond_command(args: &[String]) -> Outcome {
    let run = || -> Result<Outcome, Outcome> {
        let mut p = Parsed::parse("respond", args, &["--state"], &["--lenient-secret-block"])?;
        let state = p.require("respond", "--state")?;
        Ok(finish(signin::respond(&state, p.secret_block_decoding())))
    };
    run().unwrap_or_else(|usage| usage)
}

fn device_verifier_command(args: &[String]) -> Outcome {
    let names = [
        "--device-key",
        "--device-group-key",
        "--device-password-file",
    ];
    let run = || -> Result<Outcome, Outcome> {
        let mut p = Parsed::parse("device-verifier", args, &names, &["--print-password"])?;
        let (key, group, file) = (
            p.require("device-verifier", "--device-key")?,
            p.require("device-verifier", "--device-group-key")?,
            p.require("device-verifier", "--device-password-file")?,
        );
        let print = p.flags.contains(&"--print-password");
        Ok(finish(device::device_verifier(&key, &group, &file, print)))
    };
    run().unwrap_or_else(|usage| usage)
}

fn confirm_device_command(args: &[String]) -> Outcome {
    let names = ["--device-password-file", "--device-name", "--endpoint-url"];
    let run = || -> Result<Outcome, Outcome> {
        let mut p = Parsed::parse("confirm-device", args, &names, &["--remember"])?;
        let file = p.require("confirm-device", "--device-password-file")?;
        let (name, url) = (p.take("--device-name"), p.take("--endpoint-url"));
        let remember = p.flags.contains(&"--remember");
        Ok(finish(device::confirm_device(
            &file,
            name.as_deref(),
            url.as_deref(),
            remember,
        )))
    };
    run().unwrap_or_else(|usage| usage)
}

fn speed_command(args: &[String]) -> Outcome {
    let mut options = speed::Options {
        json: false,
        threads: None,
        time_per_op: std::time::Duration::from_millis(1200),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--threads" | "--time-per-op" => {
                let Some(value) = rest.next().and_then(|v| v.parse::<u64>().ok()) else {
                    return Outcome::Usage(format!("{arg} needs a positive whole number"));
                };
                if value == 0 || value > 1024 * 1024 {
                    return Outcome::Usage(format!("{arg} {value} is out of range"));
                }
                if arg == "--threads" {
                    options.threads = usize::try_from(value).ok().filter(|&n| n <= 256);
                    if options.threads.is_none() {
                        return Outcome::Usage("--threads takes 1 to 256".into());
                    }
                } else {
                    options.time_per_op = std::time::Duration::from_millis(value);
                }
            }
            other => return Outcome::Usage(format!("unknown option {other:?}")),
        }
    }
    speed::speed(&options);
    Outcome::Done(0)
}

fn secret_hash_command(args: &[String]) -> Outcome {
    let (mut username, mut client_id) = (None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let slot = match arg.as_str() {
            "--username" => &mut username,
            "--client-id" => &mut client_id,
            "--client-secret" => {
                return Outcome::Usage(
                    "the client secret is never taken from the command line: \
                     set SRP_COGNITO_CLIENT_SECRET or pipe it on stdin"
                        .into(),
                );
            }
            other => return Outcome::Usage(format!("unknown option {other:?}")),
        };
        match rest.next() {
            Some(value) => *slot = Some(value.clone()),
            None => return Outcome::Usage(format!("{arg} needs a value")),
        }
    }
    let (Some(username), Some(client_id)) = (username, client_id) else {
        return Outcome::Usage("secret-hash needs --username and --client-id".into());
    };
    let secret = match std::env::var("SRP_COGNITO_CLIENT_SECRET") {
        Ok(secret) => ClientSecret::new(secret),
        Err(_) => match read_stdin().map(Zeroizing::new) {
            Ok(text) => ClientSecret::new(text.lines().next().unwrap_or_default()),
            Err(e) => {
                eprintln!("srp-cognito: cannot read the client secret from stdin: {e}");
                return Outcome::Done(2);
            }
        },
    };
    match secret_hash(&username, &client_id, &secret) {
        Ok(hash) => {
            println!("{hash}");
            Outcome::Done(0)
        }
        Err(e) => {
            eprintln!("srp-cognito: {e} ({})", e.category());
            Outcome::Done(2)
        }
    }
}
