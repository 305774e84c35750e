//! Tokens: the AuthenticationResult a sign-in ends with (RS256 JWTs, a refresh token),
//! REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken, the access tokens the self-service
//! operations take, and their end: GlobalSignOut, AdminUserGlobalSignOut, RevokeToken.

use base64ct::{Base64, Encoding};
use serde_json::{Value, json};
use srp_cognito::{ClientSecret, ServiceCode, secret_hash};

use super::groups::add_group_claims;
use super::random::{random, uuid};
use super::request::{field, optional};
use super::sign_in::{check_secret_hash, client, disabled, internal, same};
use super::state::{DEFAULT_REFRESH_VALIDITY, Grant, MAX_REFRESH, State, now_seconds};
use super::{Outcome, ServiceError};

/// Lifetime of the access and ID tokens.
const TOKEN_SECONDS: u64 = 3600;

/// The AuthenticationResult: ID and access tokens signed RS256, a refresh token (at
/// sign-in), NewDeviceMetadata for a new device.
pub(crate) fn tokens(
    state: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<String>,
    new_device: Option<String>,
) -> Outcome {
    let mut result = issue(
        state,
        pool_id,
        client_id,
        username,
        device_key.as_deref(),
        true,
        None,
    )?;
    if let Some(key) = new_device {
        let group = state
            .pools
            .get(pool_id)
            .and_then(|pool| pool.users.get(username))
            .and_then(|user| user.devices.get(&key))
            .ok_or_else(|| ServiceError::internal("the new device is gone"))?
            .group_key
            .clone();
        result["NewDeviceMetadata"] = json!({"DeviceKey": key, "DeviceGroupKey": group});
    }
    Ok(json!({"AuthenticationResult": result, "ChallengeParameters": {}}))
}

/// Signs the tokens of `username` for `client_id`.
fn issue(
    state: &mut State,
    pool_id: &str,
    client_id: &str,
    username: &str,
    device_key: Option<&str>,
    with_refresh: bool,
    origin: Option<String>,
) -> Result<Value, ServiceError> {
    let user = state
        .pools
        .get(pool_id)
        .and_then(|pool| pool.users.get(username))
        .ok_or_else(|| ServiceError::internal("the user is gone"))?;
    let now = now_seconds();
    let issuer = format!("{}/{pool_id}", state.base_url);
    // A sign-in's tokens, and those refreshed from them, share its origin_jti.
    let origin = match origin {
        Some(origin) => origin,
        None => uuid()?,
    };
    // The claims both tokens carry.
    let claims = |token_use: &str| -> Result<Value, ServiceError> {
        Ok(json!({
            "sub": user.sub,
            "token_use": token_use,
            "auth_time": now,
            "iss": issuer,
            "exp": now + TOKEN_SECONDS,
            "iat": now,
            "jti": uuid()?,
            "origin_jti": origin,
        }))
    };
    let mut id_claims = claims("id")?;
    id_claims["aud"] = Value::from(client_id);
    id_claims["cognito:username"] = Value::from(username);
    for (name, value) in &user.attributes {
        if name != "sub" {
            id_claims[name.as_str()] = Value::from(value.as_str());
        }
    }
    let mut access_claims = claims("access")?;
    if let Some(pool) = state.pools.get(pool_id) {
        add_group_claims(pool, user, &mut id_claims);
        add_group_claims(pool, user, &mut access_claims);
    }
    access_claims["scope"] = Value::from("aws.cognito.signin.user.admin");
    access_claims["client_id"] = Value::from(client_id);
    access_claims["username"] = Value::from(username);
    if let Some(key) = device_key {
        access_claims["device_key"] = Value::from(key);
    }
    let mut result = json!({
        "AccessToken": state.key.sign(&access_claims).map_err(internal)?,
        "IdToken": state.key.sign(&id_claims).map_err(internal)?,
        "ExpiresIn": TOKEN_SECONDS,
        "TokenType": "Bearer",
    });
    let mut valid_until = now + TOKEN_SECONDS;
    if with_refresh {
        let refresh = Base64::encode_string(&random::<96>()?);
        let validity = state
            .pools
            .get(pool_id)
            .and_then(|pool| pool.clients.get(client_id))
            .map_or(DEFAULT_REFRESH_VALIDITY, |client| client.refresh_validity);
        let expires = now + validity;
        valid_until = valid_until.max(expires);
        if state.refresh.len() >= MAX_REFRESH
            && let Some(old) = state.refresh.keys().next().cloned()
        {
            state.refresh.remove(&old);
        }
        state.refresh.insert(
            refresh.clone(),
            Grant {
                pool: pool_id.to_owned(),
                client: client_id.to_owned(),
                username: username.to_owned(),
                device_key: device_key.map(str::to_owned),
                origin: origin.clone(),
                expires,
            },
        );
        result["RefreshToken"] = Value::from(refresh);
    }
    state.remember_origin(&origin, pool_id, username, valid_until);
    Ok(result)
}

/// REFRESH_TOKEN_AUTH: the refresh token, SECRET_HASH of the internal username, the
/// device key of a device sign-in.
pub(crate) fn refresh(
    state: &mut State,
    p: &Value,
    pool_id: &str,
    client_id: &str,
    secret: Option<&str>,
) -> Outcome {
    let token = field(p, "REFRESH_TOKEN")?;
    let invalid = || ServiceError::new(ServiceCode::NotAuthorized, "Invalid Refresh Token");
    let grant = state.refresh.get(token).ok_or_else(invalid)?;
    if grant.client != client_id || grant.pool != pool_id {
        return Err(invalid());
    }
    if grant.expires <= now_seconds() {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            "Refresh Token has expired",
        ));
    }
    check_secret_hash(p, &grant.username, client_id, secret)?;
    if let Some(key) = &grant.device_key
        && optional(p, "DEVICE_KEY")? != Some(key.as_str())
    {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            "Invalid device key given.",
        ));
    }
    let (username, device_key) = (grant.username.clone(), grant.device_key.clone());
    let origin = grant.origin.clone();
    let enabled = state
        .pools
        .get(pool_id)
        .and_then(|pool| pool.users.get(&username))
        .map(|user| user.enabled)
        .ok_or_else(invalid)?;
    if !enabled {
        return Err(disabled());
    }
    let result = issue(
        state,
        pool_id,
        client_id,
        &username,
        device_key.as_deref(),
        false,
        Some(origin),
    )?;
    Ok(json!({"AuthenticationResult": result, "ChallengeParameters": {}}))
}

/// GetTokensFromRefreshToken: the refresh token, the client secret itself, the device key
/// of a device sign-in.
pub(crate) fn get_tokens_from_refresh_token(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, client_id, secret) = client(state, body)?;
    let matches = match (optional(body, "ClientSecret")?, secret.as_deref()) {
        (None, None) => true,
        (Some(given), Some(secret)) => same(given, secret),
        _ => false,
    };
    if !matches {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            format!(
                "Client {client_id} is configured with secret but SECRET_HASH was not received"
            ),
        ));
    }
    let mut parameters = json!({"REFRESH_TOKEN": field(body, "RefreshToken")?});
    if let Some(key) = optional(body, "DeviceKey")? {
        parameters["DEVICE_KEY"] = Value::from(key);
    }
    let token = field(body, "RefreshToken")?;
    let username = state
        .refresh
        .get(token)
        .map(|g| g.username.clone())
        .unwrap_or_default();
    if let (Some(secret), false) = (&secret, username.is_empty()) {
        let hash = secret_hash(&username, &client_id, &ClientSecret::new(secret.as_str()))
            .map_err(internal)?;
        parameters["SECRET_HASH"] = Value::from(hash);
    }
    let mut result = refresh(state, &parameters, &pool_id, &client_id, secret.as_deref())?;
    if let Some(map) = result.as_object_mut() {
        map.remove("ChallengeParameters");
    }
    Ok(result)
}

/// The pool, username and device key of a valid access token: signed by serve, unexpired,
/// of a sign-in not signed out or revoked.
pub(crate) fn access(
    state: &State,
    body: &Value,
) -> Result<(String, String, Option<String>), ServiceError> {
    let invalid = || ServiceError::new(ServiceCode::NotAuthorized, "Invalid Access Token");
    let claims = state
        .key
        .verify(field(body, "AccessToken")?)
        .ok_or_else(invalid)?;
    if claims["token_use"] != "access" || claims["exp"].as_u64().is_none_or(|e| e < now_seconds()) {
        return Err(invalid());
    }
    let pool = claims["iss"]
        .as_str()
        .and_then(|i| i.rsplit('/').next())
        .ok_or_else(invalid)?;
    let username = claims["username"].as_str().ok_or_else(invalid)?;
    let live = claims["origin_jti"]
        .as_str()
        .and_then(|origin| state.origins.get(origin))
        .is_some_and(|o| o.pool == pool && o.username == username);
    if !live {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            "Access Token has been revoked",
        ));
    }
    if !state
        .pools
        .get(pool)
        .is_some_and(|p| p.users.contains_key(username))
    {
        return Err(invalid());
    }
    Ok((
        pool.to_owned(),
        username.to_owned(),
        claims["device_key"].as_str().map(str::to_owned),
    ))
}

pub(crate) fn admin_user_global_sign_out(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    state.sign_out(&pool, &username);
    Ok(json!({}))
}

pub(crate) fn global_sign_out(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    state.sign_out(&pool, &username);
    Ok(json!({}))
}

/// RevokeToken: a refresh token of this client (its secret given where it has one) stops
/// working, with the access tokens of its sign-in. An unknown token is not an error.
pub(crate) fn revoke_token(state: &mut State, body: &Value) -> Outcome {
    let (_, client_id, secret) = client(state, body)?;
    let given = optional(body, "ClientSecret")?;
    let secret_ok = match (secret.as_deref(), given) {
        (None, None) => true,
        (Some(expected), Some(given)) => same(given, expected),
        _ => false,
    };
    if !secret_ok {
        return Err(ServiceError::new(
            ServiceCode::NotAuthorized,
            "Client secret is missing or incorrect.",
        ));
    }
    let token = field(body, "Token")?;
    if state
        .refresh
        .get(token)
        .is_some_and(|grant| grant.client == client_id)
        && let Some(grant) = state.refresh.remove(token)
    {
        state.origins.remove(&grant.origin);
    }
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use serde_json::json;
    use srp_cognito::ServiceCode;

    use super::super::state::{Grant, State, now_seconds};
    use super::refresh;

    const POOL: &str = "us-east-1_Expiring1";
    const CLIENT: &str = "expiringclient000000000001";

    fn state() -> State {
        let mut state = State::new("http://127.0.0.1:1").expect("a state");
        let document = json!({"UserPools": [{"Id": POOL, "PoolName": "expiring",
            "Clients": [{"ClientId": CLIENT, "ClientName": "app"}],
            "Users": [{"Username": "ann", "Password": "Expiring-Password-1!"}]}]});
        super::super::provision::provision(&mut state, &document).expect("provisioned");
        state
    }

    fn grant(expires: u64) -> Grant {
        Grant {
            pool: POOL.into(),
            client: CLIENT.into(),
            username: "ann".into(),
            device_key: None,
            origin: "origin".into(),
            expires,
        }
    }

    #[test]
    fn a_refresh_token_past_its_validity_is_refused_and_then_pruned() {
        let mut state = state();
        let now = now_seconds();
        state.refresh.insert("old".into(), grant(now - 1));
        state.refresh.insert("fresh".into(), grant(now + 3600));
        let error = refresh(
            &mut state,
            &json!({"REFRESH_TOKEN": "old"}),
            POOL,
            CLIENT,
            None,
        )
        .expect_err("expired");
        assert_eq!(error.kind, ServiceCode::NotAuthorized);
        assert_eq!(error.message(), "Refresh Token has expired");
        refresh(
            &mut state,
            &json!({"REFRESH_TOKEN": "fresh"}),
            POOL,
            CLIENT,
            None,
        )
        .expect("still valid");
        // Pruned at the next minute's sweep, so that what is kept stays what is valid.
        state.expire();
        assert!(
            state.refresh.contains_key("old"),
            "not before the sweep is due"
        );
        state.pruned = Instant::now()
            .checked_sub(Duration::from_secs(61))
            .expect("an instant");
        state.expire();
        assert!(!state.refresh.contains_key("old"));
        assert!(state.refresh.contains_key("fresh"));
    }

    #[test]
    fn tokens_live_as_long_as_the_clients_refresh_token_validity() {
        let mut state = state();
        let body = json!({"UserPoolId": POOL, "ClientId": CLIENT, "RefreshTokenValidity": 2,
            "TokenValidityUnits": {"RefreshToken": "hours"}});
        super::super::pools::update_user_pool_client(&mut state, &body).expect("updated");
        let result =
            super::issue(&mut state, POOL, CLIENT, "ann", None, true, None).expect("tokens");
        let token = result["RefreshToken"].as_str().expect("a refresh token");
        let expires = state.refresh.get(token).expect("kept").expires;
        assert!(
            (7199..=7201).contains(&(expires - now_seconds())),
            "{expires}"
        );
        for (amount, unit) in [(59, "minutes"), (3651, "days"), (1, "weeks")] {
            let body = json!({"UserPoolId": POOL, "ClientId": CLIENT,
                "RefreshTokenValidity": amount, "TokenValidityUnits": {"RefreshToken": unit}});
            let error = super::super::pools::update_user_pool_client(&mut state, &body)
                .expect_err("out of range");
            assert_eq!(error.kind, ServiceCode::InvalidParameter, "{amount} {unit}");
        }
    }
}
