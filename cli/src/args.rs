//! The command line, on clap: every command, its options, its help and its example.
//!
//! Secrets never come from here: the password, the client secret, device passwords and
//! tokens are read from the environment, standard input, a prompt or a file. An option
//! that would carry one (`--password`, `--password=...`) is refused before clap sees it,
//! so that no error message can echo its value.

use std::path::PathBuf;

use clap::builder::{NonEmptyStringValueParser, TypedValueParser as _};
use clap::{Args, Parser, Subcommand};
use srp_cognito::AuthFlow;

/// What every `--help` ends with: its example (if any), then the exit codes.
macro_rules! after_help {
    () => {
        "Exit codes: 0 done; 1 refused by Cognito (or the network); 2 a usage error or an\n\
         input refused before anything was sent; 3 sign-in stopped at a challenge it printed\n\
         for you to answer."
    };
    ($example:expr) => {
        concat!("Example:\n", $example, "\n\n", after_help!())
    };
}

/// Options that would put a secret on the command line (visible to every local user).
pub(crate) const SECRET_OPTIONS: [&str; 6] = [
    "--password",
    "--client-secret",
    "--device-password",
    "--access-token",
    "--refresh-token",
    "--id-token",
];

/// The option of `arg` if it would carry a secret: `--password` and `--password=...`.
pub(crate) fn secret_option(arg: &str) -> Option<&'static str> {
    let name = arg.split_once('=').map_or(arg, |(name, _)| name);
    SECRET_OPTIONS.into_iter().find(|&option| option == name)
}

#[derive(Parser)]
#[command(
    name = "srp-cognito",
    version,
    about = "Amazon Cognito SRP sign-in from the command line",
    after_help = after_help!(),
    propagate_version = true,
    disable_help_subcommand = false
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Compute SECRET_HASH (the client secret from the environment, stdin or a prompt).
    #[command(
        long_about = "Prints SECRET_HASH = base64(HMAC-SHA256(client secret, USERNAME + \
CLIENT_ID)). The client secret comes from the environment variable SRP_COGNITO_CLIENT_SECRET, \
else from a prompt without echo on a terminal, else from the first line of standard input; \
never from the command line. In a challenge response, USERNAME must be the challenge's \
USERNAME (the internal username), not an alias.",
        after_help = after_help!("  SRP_COGNITO_CLIENT_SECRET=clientSecret srp-cognito secret-hash --username test --client-id 123abd\n  LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=")
    )]
    SecretHash {
        /// The username the hash is for (a challenge's USERNAME).
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        username: String,
        /// The app client id.
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        client_id: String,
    },

    /// Sign in over HTTPS with SRP (and a remembered device); print the tokens.
    #[command(
        long_about = "Signs in with USER_SRP_AUTH over HTTPS against Cognito's JSON API (no AWS \
credentials needed) and prints the AuthenticationResult as JSON. With a remembered device it \
answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER too. Any other challenge \
(SOFTWARE_TOKEN_MFA, NEW_PASSWORD_REQUIRED, ...) is printed with its ChallengeName, \
ChallengeParameters, Session and the USERNAME to answer with, and the command exits 3. The \
region comes from the pool id; --endpoint-url points elsewhere (a local test server).

Secrets never on the command line: the password from SRP_COGNITO_PASSWORD, from the first line \
of stdin with --password-stdin, or from a prompt without echo (an empty one is refused); the \
client secret (for app clients that have one) from SRP_COGNITO_CLIENT_SECRET; the device \
password from its file. A refusal by Cognito prints its error type, HTTP status and message \
and exits 1.",
        after_help = after_help!("  SRP_COGNITO_PASSWORD='correct horse' srp-cognito sign-in \\\n      --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf --username alice")
    )]
    SignIn(SignInArgs),

    /// First of two steps for the aws CLI: draw `a`, print the InitiateAuth request.
    #[command(
        long_about = "The first of two steps for the aws CLI: draws the ephemeral secret a, keeps \
it in the state FILE (created with mode 0600; refused if it exists) and prints the InitiateAuth \
request for `aws cognito-idp initiate-auth --cli-input-json`. SRP_COGNITO_CLIENT_SECRET as for \
sign-in: the state file records whether the request carried a SECRET_HASH, and `respond` then \
requires the secret too.",
        after_help = after_help!("  srp-cognito initiate --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf \\\n      --username alice --state /tmp/srp.state > init.json\n  aws cognito-idp initiate-auth --region us-east-1 --no-sign-request \\\n      --cli-input-json file://init.json > challenge.json\n  srp-cognito respond --state /tmp/srp.state < challenge.json > respond.json\n  aws cognito-idp respond-to-auth-challenge --region us-east-1 --no-sign-request \\\n      --cli-input-json file://respond.json")
    )]
    Initiate {
        #[command(flatten)]
        client: ClientArgs,
        /// The remembered device's key, to send DEVICE_KEY.
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        device_key: Option<String>,
        /// The state file to create (mode 0600; refused if it exists).
        #[arg(long, value_name = "FILE")]
        state: PathBuf,
    },

    /// Second step: the InitiateAuth response on stdin, the RespondToAuthChallenge request out.
    #[command(
        long_about = "The second step: reads the InitiateAuth response (as the aws CLI prints it) \
on stdin and the state FILE of `initiate`, and prints the RespondToAuthChallenge request for \
`aws cognito-idp respond-to-auth-challenge --cli-input-json`. The state file is removed once \
its ephemeral secret has signed a claim (it is used once); it is kept when nothing was signed, \
so that the same step can be run again. Only a state file of `initiate` is read or removed: a \
regular file of this user, mode 0600. The password comes from SRP_COGNITO_PASSWORD or a \
prompt on the terminal (stdin carries the response); the client secret from \
SRP_COGNITO_CLIENT_SECRET, required when `initiate` sent a SECRET_HASH. \
--lenient-secret-block as for sign-in (local emulators only).",
        after_help = after_help!("  aws cognito-idp initiate-auth --region us-east-1 --no-sign-request \\\n      --cli-input-json file://init.json |\n      srp-cognito respond --state /tmp/srp.state > respond.json")
    )]
    Respond {
        /// The state file of `initiate`.
        #[arg(long, value_name = "FILE")]
        state: PathBuf,
        /// Read a SECRET_BLOCK that is not base64 as emulators send it (moto); Cognito never needs it.
        #[arg(long)]
        lenient_secret_block: bool,
    },

    /// A ConfirmDevice verifier, for `aws cognito-idp confirm-device`.
    #[command(
        long_about = "Draws a device password and salt and prints DeviceKey and \
DeviceSecretVerifierConfig {PasswordVerifier, Salt} for ConfirmDevice (`aws cognito-idp \
confirm-device --access-token ... --cli-input-json`). The device password, which later device \
sign-ins need, is written to FILE (mode 0600; refused if it exists) and printed only with \
--print-password.",
        after_help = after_help!("  srp-cognito device-verifier --device-key us-east-1_0bd64aca-... --device-group-key -rZ8kjX5uJ \\\n      --device-password-file ~/.srp-cognito/device-password > confirm.json")
    )]
    DeviceVerifier {
        /// The device key (NewDeviceMetadata.DeviceKey).
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        device_key: String,
        /// The device group key (NewDeviceMetadata.DeviceGroupKey; it may start with `-`).
        #[arg(long, allow_hyphen_values = true, value_parser = NonEmptyStringValueParser::new())]
        device_group_key: String,
        /// Where to write the device password (mode 0600; refused if it exists).
        #[arg(long, value_name = "FILE")]
        device_password_file: PathBuf,
        /// Also print the device password on stdout.
        #[arg(long)]
        print_password: bool,
    },

    /// Remember the device of a sign-in (ConfirmDevice); its password to a 0600 file.
    #[command(
        long_about = "Remembers the device of a sign-in: reads the sign-in's AuthenticationResult \
on stdin (as `sign-in` prints it, or the aws CLI's respond-to-auth-challenge output), takes its \
AccessToken and NewDeviceMetadata (present when the pool remembers devices), draws the device \
password and verifier, writes the password to FILE (mode 0600; refused if it exists) and calls \
ConfirmDevice. Prints DeviceKey, DeviceGroupKey, DevicePasswordFile and \
UserConfirmationNecessary; later sign-ins pass the first three to sign-in. Where the pool lets \
users choose (UserConfirmationNecessary is true), --remember also marks the device remembered \
(UpdateDeviceStatus). The region comes from the device key. If Cognito refuses ConfirmDevice, \
FILE is removed and the error printed (exit 1).",
        after_help = after_help!("  srp-cognito sign-in --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf \\\n      --username alice > result.json\n  srp-cognito confirm-device --device-password-file ~/.srp-cognito/device < result.json")
    )]
    ConfirmDevice {
        /// Where to write the device password (mode 0600; refused if it exists).
        #[arg(long, value_name = "FILE")]
        device_password_file: PathBuf,
        /// A name for the device (DeviceName).
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        device_name: Option<String>,
        /// Also mark the device remembered where the pool lets users choose.
        #[arg(long)]
        remember: bool,
        /// Cognito's endpoint, for a local test server (default: the device key's region).
        #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new())]
        endpoint_url: Option<String>,
        /// Allow a plain-HTTP --endpoint-url off this machine.
        #[arg(long)]
        allow_insecure_http: bool,
    },

    /// New tokens for the refresh token of a sign-in's result on stdin.
    #[command(
        long_about = "Reads the AuthenticationResult JSON that `sign-in` printed (or the aws CLI's \
output) on stdin, and calls InitiateAuth with REFRESH_TOKEN_AUTH: REFRESH_TOKEN, DEVICE_KEY \
with --device-key, and SECRET_HASH for app clients with a secret (SRP_COGNITO_CLIENT_SECRET), \
computed with the internal username that the access token names (its `username` claim): \
Cognito refuses one computed with an alias. With --get-tokens-from-refresh-token it calls the \
newer GetTokensFromRefreshToken instead (the client secret itself, no SECRET_HASH; it rotates \
the refresh token where the app client asks for it). Prints the new AuthenticationResult. The \
refresh token is never taken on the command line.",
        after_help = after_help!("  srp-cognito sign-in ... > tokens.json\n  srp-cognito refresh --pool-id us-east-1_AbCdEf123 --client-id 3z57ildt8dipg4dt9wl5m6ulaf < tokens.json")
    )]
    Refresh {
        /// The user pool id (its region is Cognito's).
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        pool_id: String,
        /// The app client id.
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        client_id: String,
        /// The remembered device's key, when the sign-in used one.
        #[arg(long, value_parser = NonEmptyStringValueParser::new())]
        device_key: Option<String>,
        /// Call GetTokensFromRefreshToken instead of InitiateAuth REFRESH_TOKEN_AUTH.
        #[arg(long)]
        get_tokens_from_refresh_token: bool,
        /// Cognito's endpoint, for a local test server.
        #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new())]
        endpoint_url: Option<String>,
        /// Allow a plain-HTTP --endpoint-url off this machine.
        #[arg(long)]
        allow_insecure_http: bool,
    },

    /// Serve a local Cognito-compatible endpoint that verifies SRP, for testing clients.
    #[cfg(feature = "serve")]
    #[command(
        long_about = "Serves Cognito's JSON API (X-Amz-Target AWSCognitoIdentityProviderService.*) for \
the sign-in surface, verifying every SRP claim (and every password) as Cognito does: a wrong \
password gets NotAuthorizedException. Provision it with the aws CLI (--endpoint-url; any \
credentials): pools, app clients, users (create, list, disable, delete, sign out). Sign in \
with any client: USER_SRP_AUTH, USER_AUTH with PASSWORD_SRP, USER_PASSWORD_AUTH, \
AdminInitiateAuth, refresh, remembered devices, TOTP MFA (MFA_SETUP, SOFTWARE_TOKEN_MFA), \
sign-up and password resets (their codes printed on stderr, or fixed by --code). Tokens are \
JWTs signed RS256, the key published at /<pool id>/.well-known/jwks.json; GET /health \
answers {\"status\": \"ok\"}. State is in memory. Prints its URL on stdout. A test double, \
not an identity provider: it listens on loopback unless --allow-remote. The book's \
chapter on serve (book/src/serve.md) lists every operation.",
        after_help = after_help!("  srp-cognito serve --listen 127.0.0.1:9876 &\n  aws --endpoint-url http://127.0.0.1:9876 cognito-idp create-user-pool --pool-name test")
    )]
    Serve {
        /// The address to listen on (port 0: any free port; the URL printed says which).
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:9876")]
        listen: std::net::SocketAddr,
        /// Listen on this port of 127.0.0.1 (0: any free port), instead of --listen.
        #[arg(long, value_name = "PORT", conflicts_with = "listen")]
        port: Option<u16>,
        /// Keep the state in FILE, an SQLite database: read at start if it exists, each
        /// operation committed before it is answered (pools, clients, users' verifiers,
        /// devices, refresh tokens, the signing key; owner-only, as it holds secrets;
        /// locked while serve runs).
        #[arg(long, value_name = "FILE")]
        state: Option<PathBuf>,
        /// Create the pools, clients and users of FILE (JSON, in the shape the book's chapter on serve gives) at
        /// start, with the ids and secrets it fixes.
        #[arg(long, value_name = "FILE")]
        provision: Option<PathBuf>,
        /// Listen on an address other than loopback.
        #[arg(long)]
        allow_remote: bool,
        /// The confirmation code of every SignUp and ForgotPassword (default: a fresh code
        /// each time, printed on stderr).
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
    },

    /// Print a shell's completion script for srp-cognito.
    #[command(after_help = after_help!("  srp-cognito completions bash > /etc/bash_completion.d/srp-cognito"))]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The auth flows that start an SRP sign-in, as Cognito names them.
const FLOWS: [&str; 3] = ["USER_SRP_AUTH", "USER_AUTH", "CUSTOM_AUTH"];

/// The same flows as clap users spell values, lower-case and hyphenated.
const FLOW_ALIASES: [&str; 3] = ["user-srp-auth", "user-auth", "custom-auth"];

/// `--flow`: one of [`FLOWS`], parsed by the library; each also in the lower-case,
/// hyphenated spelling clap users type (`user-auth`), which help does not show.
fn flow_parser() -> impl clap::builder::TypedValueParser<Value = AuthFlow> {
    let values = core::array::from_fn::<_, 3, _>(|i| {
        clap::builder::PossibleValue::new(FLOWS[i]).alias(FLOW_ALIASES[i])
    });
    clap::builder::PossibleValuesParser::new(values).try_map(|name| {
        let canonical = FLOW_ALIASES
            .iter()
            .position(|alias| *alias == name)
            .map_or(name.as_str(), |i| FLOWS[i]);
        canonical.parse::<AuthFlow>()
    })
}

/// The user pool, the app client and the user: what every sign-in names.
#[derive(Args)]
pub(crate) struct ClientArgs {
    /// The user pool id (e.g. us-east-1_AbCdEf123).
    #[arg(long, value_parser = NonEmptyStringValueParser::new())]
    pub(crate) pool_id: String,
    /// The app client id.
    #[arg(long, value_parser = NonEmptyStringValueParser::new())]
    pub(crate) client_id: String,
    /// The username as the user types it (an alias such as an email is fine).
    #[arg(long, value_parser = NonEmptyStringValueParser::new())]
    pub(crate) username: String,
    /// The auth flow: USER_SRP_AUTH; USER_AUTH preferring PASSWORD_SRP (SELECT_CHALLENGE
    /// answered with it); or CUSTOM_AUTH starting with SRP_A (its custom challenges are
    /// printed, exit 3).
    #[arg(long, default_value = "USER_SRP_AUTH", value_parser = flow_parser())]
    pub(crate) flow: AuthFlow,
}

/// The options of `sign-in`.
#[derive(Args)]
pub(crate) struct SignInArgs {
    #[command(flatten)]
    pub(crate) client: ClientArgs,
    /// Cognito's endpoint, for a local test server (default: the pool's region).
    #[arg(long, value_name = "URL", value_parser = NonEmptyStringValueParser::new())]
    pub(crate) endpoint_url: Option<String>,
    /// Allow a plain-HTTP --endpoint-url off this machine (the claim then crosses the
    /// network in clear text).
    #[arg(long)]
    pub(crate) allow_insecure_http: bool,
    /// Read the password from the first line of stdin.
    #[arg(long)]
    pub(crate) password_stdin: bool,
    /// Read a SECRET_BLOCK that is not base64 as emulators send it (moto); Cognito never needs it.
    #[arg(long)]
    pub(crate) lenient_secret_block: bool,
    /// The remembered device's key.
    #[arg(long, requires_all = ["device_group_key", "device_password_file"],
          value_parser = NonEmptyStringValueParser::new())]
    pub(crate) device_key: Option<String>,
    /// The remembered device's group key (it may start with `-`).
    #[arg(long, requires_all = ["device_key", "device_password_file"], allow_hyphen_values = true,
          value_parser = NonEmptyStringValueParser::new())]
    pub(crate) device_group_key: Option<String>,
    /// The file that holds the remembered device's password.
    #[arg(long, value_name = "FILE", requires_all = ["device_key", "device_group_key"])]
    pub(crate) device_password_file: Option<PathBuf>,
}
