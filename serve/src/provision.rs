//! `--provision FILE`: pools, app clients and users created at start, with the ids and
//! secrets the file fixes, so that a test suite needs no aws CLI and knows its ids in
//! advance. The shape (JSON), in Cognito's own field names:
//!
//! ```json
//! {"UserPools": [{
//!     "Id": "us-east-1_TestPool1", "PoolName": "test",
//!     "UsernameAttributes": ["email"], "AliasAttributes": [], "MfaConfiguration": "OFF",
//!     "DeviceConfiguration": {"DeviceOnlyRememberedOnUserPrompt": false},
//!     "Clients": [{"ClientId": "testclient0000000000000001", "ClientName": "app",
//!                  "ClientSecret": "optional", "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"],
//!                  "PreventUserExistenceErrors": "ENABLED"}],
//!     "Users": [{"Username": "alice", "Password": "Correct-Horse-7!",
//!                "UserAttributes": [{"Name": "email", "Value": "alice@example.com"}],
//!                "Permanent": true}]
//! }]}
//! ```
//!
//! `Id`, `ClientId` and `ClientSecret` are drawn as CreateUserPool and
//! CreateUserPoolClient draw them where the file leaves them out; `Permanent: false` makes
//! the password temporary (FORCE_CHANGE_PASSWORD). A pool, client or user that exists
//! already (from `--state`) is left as it is.

use serde_json::{Value, json};
use srp_cognito::PoolId;

use super::ServiceError;
use super::state::State;

fn list<'a>(value: &'a Value, name: &str) -> &'a [Value] {
    value
        .get(name)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn bad(what: &str, e: &ServiceError) -> String {
    format!("{what}: {}: {}", e.name(), e.message())
}

/// Creates what `document` describes in `state`.
pub(crate) fn provision(state: &mut State, document: &Value) -> Result<(), String> {
    let pools = document
        .get("UserPools")
        .and_then(Value::as_array)
        .ok_or("the provisioning file has no \"UserPools\" list")?;
    for spec in pools {
        let id = match spec.get("Id").and_then(Value::as_str) {
            Some(id) => Some(
                PoolId::parse(id)
                    .map_err(|e| format!("UserPools: Id {id:?}: {e}"))?
                    .as_str()
                    .to_owned(),
            ),
            None => None,
        };
        let pool = match id.as_deref().filter(|id| state.pools.contains_key(*id)) {
            Some(id) => id.to_owned(),
            None => {
                let created = super::pools::create_user_pool_with(state, spec, id.as_deref())
                    .map_err(|e| bad("CreateUserPool", &e))?;
                created["UserPool"]["Id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            }
        };
        for client in list(spec, "Clients") {
            let fixed = client.get("ClientId").and_then(Value::as_str);
            if fixed.is_some_and(|c| state.client_pools.contains_key(c)) {
                continue;
            }
            let mut body = client.clone();
            body["UserPoolId"] = Value::from(pool.as_str());
            let secret = client.get("ClientSecret").and_then(Value::as_str);
            super::pools::create_user_pool_client_with(state, &body, fixed, secret)
                .map_err(|e| bad("CreateUserPoolClient", &e))?;
        }
        for user in list(spec, "Users") {
            let name = user
                .get("Username")
                .and_then(Value::as_str)
                .ok_or("Users: a user without Username")?;
            if state
                .pools
                .get(&pool)
                .is_some_and(|p| p.find(name).is_some())
            {
                continue;
            }
            let password = user
                .get("Password")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("Users: {name}: no Password"))?;
            let mut create = json!({"UserPoolId": pool, "Username": name,
                "TemporaryPassword": password, "MessageAction": "SUPPRESS"});
            if let Some(attributes) = user.get("UserAttributes") {
                create["UserAttributes"] = attributes.clone();
            }
            super::users::admin_create_user(state, &create)
                .map_err(|e| bad("AdminCreateUser", &e))?;
            let permanent = user
                .get("Permanent")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            super::users::admin_set_user_password(
                state,
                &json!({"UserPoolId": pool, "Username": name,
                    "Password": password, "Permanent": permanent}),
            )
            .map_err(|e| bad("AdminSetUserPassword", &e))?;
        }
    }
    Ok(())
}
