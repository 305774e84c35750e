//! User pools and their app clients: created (with ids and secrets drawn, or fixed by
//! `--provision`), described, listed, updated and deleted. Deletions go through the
//! state's own methods, which take what refers to them along (tokens, challenges).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use srp_cognito::{PoolId, ServiceCode};

use super::random::random_text;
use super::request::{field, limit, not_found, optional, page, paginate, strings};
use super::state::{
    Client, DEFAULT_FLOWS, DEFAULT_REFRESH_VALIDITY, MAX_CLIENTS, MAX_POOLS, Mfa, Pool, REGION,
    State, now_seconds,
};
use super::tracked::Tracked;
use super::{Outcome, ServiceError};

/// CreateUserPool, in the region of the request's SigV4 credential scope (where it names
/// one; us-east-1 otherwise), as Cognito's pool ids and ARNs carry it.
pub(crate) fn create_user_pool(state: &mut State, body: &Value, region: Option<&str>) -> Outcome {
    let id = match region.filter(|r| is_region(r)) {
        Some(region) => format!("{region}_{}", pool_suffix()?),
        None => format!("{REGION}_{}", pool_suffix()?),
    };
    create_user_pool_with(state, body, Some(&id))
}

/// `text` is shaped as an AWS region (`eu-west-1`, `us-gov-west-1`).
fn is_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts.len() <= 4
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

/// The part of a pool id after its region: 9 letters and digits.
fn pool_suffix() -> Result<String, ServiceError> {
    random_text(
        9,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    )
}

/// CreateUserPool, with the pool's id given (`--provision`) or drawn.
pub(crate) fn create_user_pool_with(state: &mut State, body: &Value, id: Option<&str>) -> Outcome {
    let name = field(body, "PoolName")?.to_owned();
    if state.pools.len() >= MAX_POOLS {
        return Err(limit("user pools"));
    }
    let id = match id {
        Some(id) => id.to_owned(),
        None => format!("{REGION}_{}", pool_suffix()?),
    };
    if state.pools.contains_key(&id) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "The pool exists already",
        ));
    }
    let id = PoolId::parse(&id)
        .map_err(|e| ServiceError::new(ServiceCode::InvalidParameter, e.to_string()))?;
    let device = body.get("DeviceConfiguration");
    let mfa = optional(body, "MfaConfiguration")?.map_or(Ok(Mfa::Off), Mfa::parse)?;
    let pool = Pool {
        name,
        username_attributes: strings(body, "UsernameAttributes"),
        alias_attributes: strings(body, "AliasAttributes"),
        devices: device.is_some_and(Value::is_object),
        remember_on_prompt: device
            .and_then(|d| d.get("DeviceOnlyRememberedOnUserPrompt"))
            .and_then(Value::as_bool)
            .unwrap_or(false),
        mfa,
        clients: BTreeMap::new(),
        users: Tracked::new(),
        groups: BTreeMap::new(),
        created: now_seconds(),
        id,
    };
    let described = describe(&pool);
    state.pools.insert(pool.id.as_str().to_owned(), pool);
    Ok(json!({ "UserPool": described }))
}

pub(crate) fn describe_user_pool(state: &mut State, body: &Value) -> Outcome {
    Ok(json!({ "UserPool": describe(state.pool(body)?) }))
}

/// ListUserPools: a page (`MaxResults`, `NextToken`) of the pools.
pub(crate) fn list_user_pools(state: &mut State, body: &Value) -> Outcome {
    let (pools, next) = paginate(
        &state.pools,
        body,
        "NextToken",
        page(body, "MaxResults"),
        |_| true,
    )?;
    let pools: Vec<Value> = pools
        .into_iter()
        .map(|(_, p)| json!({"Id": p.id.as_str(), "Name": p.name, "CreationDate": p.created}))
        .collect();
    Ok(with_next(json!({ "UserPools": pools }), "NextToken", next))
}

/// `out` with the token of the next page, where there is one.
pub(crate) fn with_next(mut out: Value, name: &str, next: Option<String>) -> Value {
    if let Some(next) = next {
        out[name] = Value::from(next);
    }
    out
}

pub(crate) fn create_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    create_user_pool_client_with(state, body, None, None)
}

/// CreateUserPoolClient, with the client's id and secret given (`--provision`) or
/// drawn.
pub(crate) fn create_user_pool_client_with(
    state: &mut State,
    body: &Value,
    id: Option<&str>,
    secret: Option<&str>,
) -> Outcome {
    let name = field(body, "ClientName")?.to_owned();
    let secret = match secret {
        Some(secret) => Some(secret.to_owned()),
        None => body
            .get("GenerateSecret")
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .then(|| random_text(51, b"abcdefghijklmnopqrstuvwxyz0123456789"))
            .transpose()?,
    };
    let mut flows = strings(body, "ExplicitAuthFlows");
    if flows.is_empty() {
        flows = DEFAULT_FLOWS.map(str::to_owned).to_vec();
    }
    let prevent_existence_errors = prevent_existence_errors(body)?.unwrap_or(false);
    let refresh_validity = refresh_validity(body)?;
    let id = match id {
        Some(id) if !id.is_empty() && id.len() <= 128 => id.to_owned(),
        Some(_) => {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                "ClientId: 1 to 128 characters",
            ));
        }
        None => random_text(26, b"abcdefghijklmnopqrstuvwxyz0123456789")?,
    };
    if state.client_pools.contains_key(&id) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "The client exists already",
        ));
    }
    let pool = state.pool_mut(body)?;
    if pool.clients.len() >= MAX_CLIENTS {
        return Err(limit("app clients"));
    }
    let pool_id = pool.id.as_str().to_owned();
    pool.clients.insert(
        id.clone(),
        Client {
            name,
            secret,
            flows,
            prevent_existence_errors,
            refresh_validity,
        },
    );
    let described = describe_client(pool, &id)?;
    state.client_pools.insert(id, pool_id);
    Ok(json!({ "UserPoolClient": described }))
}

fn client_not_found() -> ServiceError {
    not_found("User pool client")
}

/// ListUserPoolClients: a page (`MaxResults`, `NextToken`) of the pool's app clients.
pub(crate) fn list_user_pool_clients(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let (clients, next) = paginate(
        &pool.clients,
        body,
        "NextToken",
        page(body, "MaxResults"),
        |_| true,
    )?;
    let clients: Vec<Value> = clients
        .into_iter()
        .map(
            |(id, c)| json!({"ClientId": id, "UserPoolId": pool.id.as_str(), "ClientName": c.name}),
        )
        .collect();
    Ok(with_next(
        json!({ "UserPoolClients": clients }),
        "NextToken",
        next,
    ))
}

pub(crate) fn describe_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    Ok(json!({ "UserPoolClient": describe_client(pool, field(body, "ClientId")?)? }))
}

/// UpdateUserPoolClient: the name and ExplicitAuthFlows given (as Cognito, a field left
/// out goes back to its default: the flows to Cognito's default set).
pub(crate) fn update_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    let id = field(body, "ClientId")?.to_owned();
    let name = optional(body, "ClientName")?.map(str::to_owned);
    let mut flows = strings(body, "ExplicitAuthFlows");
    if flows.is_empty() {
        flows = DEFAULT_FLOWS.map(str::to_owned).to_vec();
    }
    let prevent = prevent_existence_errors(body)?;
    let refresh_validity = refresh_validity(body)?;
    let pool_id = state.pool(body)?.id.as_str().to_owned();
    let pool = state
        .pools
        .get_mut(&pool_id)
        .ok_or_else(|| not_found("User pool"))?;
    let client = pool.clients.get_mut(&id).ok_or_else(client_not_found)?;
    if let Some(name) = name {
        client.name = name;
    }
    client.flows = flows;
    client.prevent_existence_errors = prevent.unwrap_or(false);
    client.refresh_validity = refresh_validity;
    Ok(json!({ "UserPoolClient": describe_client(pool, &id)? }))
}

pub(crate) fn delete_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?.id.as_str().to_owned();
    state
        .remove_client(&pool, field(body, "ClientId")?)
        .ok_or_else(client_not_found)?;
    Ok(json!({}))
}

pub(crate) fn delete_user_pool(state: &mut State, body: &Value) -> Outcome {
    state
        .remove_pool(field(body, "UserPoolId")?)
        .ok_or_else(|| not_found("User pool"))?;
    Ok(json!({}))
}

fn describe(pool: &Pool) -> Value {
    let mut out = Map::new();
    out.insert("Id".into(), Value::from(pool.id.as_str()));
    out.insert("Name".into(), Value::from(pool.name.as_str()));
    out.insert(
        "Arn".into(),
        Value::from(format!(
            "arn:aws:cognito-idp:{}:000000000000:userpool/{}",
            pool.id.region(),
            pool.id.as_str()
        )),
    );
    out.insert("CreationDate".into(), Value::from(pool.created));
    if !pool.username_attributes.is_empty() {
        out.insert("UsernameAttributes".into(), json!(pool.username_attributes));
    }
    if !pool.alias_attributes.is_empty() {
        out.insert("AliasAttributes".into(), json!(pool.alias_attributes));
    }
    if pool.devices {
        out.insert(
            "DeviceConfiguration".into(),
            json!({"ChallengeRequiredOnNewDevice": false,
                "DeviceOnlyRememberedOnUserPrompt": pool.remember_on_prompt}),
        );
    }
    out.insert("MfaConfiguration".into(), Value::from(pool.mfa.as_str()));
    out.insert(
        "EstimatedNumberOfUsers".into(),
        Value::from(pool.users.len()),
    );
    Value::Object(out)
}

/// `PreventUserExistenceErrors`, where given: ENABLED or LEGACY.
pub(crate) fn prevent_existence_errors(body: &Value) -> Result<Option<bool>, ServiceError> {
    match optional(body, "PreventUserExistenceErrors")? {
        None => Ok(None),
        Some("ENABLED") => Ok(Some(true)),
        Some("LEGACY") => Ok(Some(false)),
        Some(_) => Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "PreventUserExistenceErrors must be ENABLED or LEGACY",
        )),
    }
}

/// `RefreshTokenValidity` in `TokenValidityUnits.RefreshToken` (days unless it says
/// `seconds`, `minutes` or `hours`), in seconds: Cognito's range is 60 minutes to 10 years.
pub(crate) fn refresh_validity(body: &Value) -> Result<u64, ServiceError> {
    let Some(value) = body.get("RefreshTokenValidity").filter(|v| !v.is_null()) else {
        return Ok(DEFAULT_REFRESH_VALIDITY);
    };
    let amount = value.as_u64().ok_or_else(|| {
        ServiceError::new(
            ServiceCode::Serialization,
            "RefreshTokenValidity: a number was expected",
        )
    })?;
    let unit = match body.pointer("/TokenValidityUnits/RefreshToken") {
        None | Some(Value::Null) => 24 * 3600,
        Some(Value::String(unit)) => match unit.as_str() {
            "seconds" => 1,
            "minutes" => 60,
            "hours" => 3600,
            "days" => 24 * 3600,
            _ => {
                return Err(ServiceError::new(
                    ServiceCode::InvalidParameter,
                    "TokenValidityUnits.RefreshToken must be seconds, minutes, hours or days",
                ));
            }
        },
        Some(_) => {
            return Err(ServiceError::new(
                ServiceCode::Serialization,
                "TokenValidityUnits.RefreshToken: a string was expected",
            ));
        }
    };
    let seconds = amount.saturating_mul(unit);
    if !(3600..=10 * 365 * 24 * 3600).contains(&seconds) {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "The refresh token validity must be between 60 minutes and 10 years.",
        ));
    }
    Ok(seconds)
}

/// An app client as DescribeUserPoolClient describes it.
pub(crate) fn describe_client(pool: &Pool, id: &str) -> Result<Value, ServiceError> {
    let client = pool
        .clients
        .get(id)
        .ok_or_else(|| not_found("User pool client"))?;
    let mut described = json!({
        "UserPoolId": pool.id.as_str(),
        "ClientName": client.name,
        "ClientId": id,
        "ExplicitAuthFlows": client.flows,
        "PreventUserExistenceErrors":
            if client.prevent_existence_errors { "ENABLED" } else { "LEGACY" },
        "RefreshTokenValidity": client.refresh_validity,
        "TokenValidityUnits": {"RefreshToken": "seconds"},
    });
    if let Some(secret) = &client.secret {
        described["ClientSecret"] = Value::from(secret.as_str());
    }
    Ok(described)
}
