//! `srp-cognito serve`'s request handling: raw bytes through its HTTP reader and every
//! operation, or an operation's JSON body directly (with `$POOL` and `$CLIENT` standing for
//! a provisioned pool and app client, so that InitiateAuth and RespondToAuthChallenge reach
//! the SRP code): a response or a Cognito error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use srp_cognito_serve::Fuzz;

const OPERATIONS: [&str; 47] = [
    "CreateUserPool",
    "DescribeUserPool",
    "ListUserPools",
    "CreateUserPoolClient",
    "AdminCreateUser",
    "AdminSetUserPassword",
    "AdminGetUser",
    "InitiateAuth",
    "RespondToAuthChallenge",
    "GetTokensFromRefreshToken",
    "ConfirmDevice",
    "UpdateDeviceStatus",
    "ForgetDevice",
    "GetUser",
    "DeleteUserPool",
    "ListUserPoolClients",
    "DescribeUserPoolClient",
    "UpdateUserPoolClient",
    "DeleteUserPoolClient",
    "ListUsers",
    "AdminDeleteUser",
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminUpdateUserAttributes",
    "AdminUserGlobalSignOut",
    "GlobalSignOut",
    "RevokeToken",
    "AdminListDevices",
    "ListDevices",
    "AdminGetDevice",
    "AdminInitiateAuth",
    "AdminRespondToAuthChallenge",
    "SignUp",
    "ConfirmSignUp",
    "AdminConfirmSignUp",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "ChangePassword",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "SetUserMFAPreference",
    "AdminSetUserMFAPreference",
    "SetUserPoolMfaConfig",
    "GetUserPoolMfaConfig",
    "ResendConfirmationCode",
    "AdminResetUserPassword",
    "",
];

/// One endpoint for the whole run (its RSA key is drawn once), with a pool provisioned.
fn endpoint() -> &'static (Fuzz, String, String) {
    static ENDPOINT: OnceLock<(Fuzz, String, String)> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        let fuzz = Fuzz::new();
        let (pool, client) = fuzz.provision();
        (fuzz, pool, client)
    })
}

fuzz_target!(|data: &[u8]| {
    let (fuzz, pool, client) = endpoint();
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest)
        .replace("$POOL", pool)
        .replace("$CLIENT", client);
    if selector & 0x80 != 0 {
        let _ = fuzz.requests(text.as_bytes());
    } else {
        let operation = OPERATIONS[usize::from(selector) % OPERATIONS.len()];
        let _ = fuzz.operation(operation, text.as_bytes());
    }
    // An input may delete or disable what the next ones sign in to: put it back.
    fuzz.restore();
});
