//! Provisioning: what the aws CLI drives before and between sign-ins. Pools and app
//! clients created (in state.rs), listed, described, updated and deleted; users listed
//! (with a filter), deleted, disabled and enabled, their attributes updated. Each change goes through the state's own methods, which
//! keep its maps consistent (a deleted user's tokens and challenges go with them).

use serde_json::{Value, json};

use super::state::{
    Pool, State, describe_client, describe_user, field, not_found, optional,
    prevent_existence_errors, strings, user_not_found,
};
use super::{Outcome, ServiceError};

/// A page of a list: MaxResults or Limit of 1 to 60 (Cognito's bound), else 60.
fn page(body: &Value, name: &str) -> usize {
    body.get(name)
        .and_then(Value::as_u64)
        .map_or(60, |n| usize::try_from(n).unwrap_or(60))
        .clamp(1, 60)
}

fn client_not_found() -> ServiceError {
    not_found("User pool client")
}

fn pool_of<'a>(state: &'a State, body: &Value) -> Result<&'a Pool, ServiceError> {
    state.pool(body)
}

pub(crate) fn list_user_pool_clients(state: &mut State, body: &Value) -> Outcome {
    let pool = pool_of(state, body)?;
    let clients: Vec<Value> = pool
        .clients
        .iter()
        .take(page(body, "MaxResults"))
        .map(
            |(id, c)| json!({"ClientId": id, "UserPoolId": pool.id.as_str(), "ClientName": c.name}),
        )
        .collect();
    Ok(json!({ "UserPoolClients": clients }))
}

pub(crate) fn describe_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    let pool = pool_of(state, body)?;
    Ok(json!({ "UserPoolClient": describe_client(pool, field(body, "ClientId")?)? }))
}

/// UpdateUserPoolClient: the name and ExplicitAuthFlows given (as Cognito, a field left
/// out goes back to its default: the flows to Cognito's default set).
pub(crate) fn update_user_pool_client(state: &mut State, body: &Value) -> Outcome {
    let id = field(body, "ClientId")?.to_owned();
    let name = optional(body, "ClientName")?.map(str::to_owned);
    let mut flows = strings(body, "ExplicitAuthFlows");
    if flows.is_empty() {
        flows = super::state::DEFAULT_FLOWS.map(str::to_owned).to_vec();
    }
    let prevent = prevent_existence_errors(body)?;
    let refresh_validity = super::state::refresh_validity(body)?;
    let pool_id = pool_of(state, body)?.id.as_str().to_owned();
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
    let pool = pool_of(state, body)?.id.as_str().to_owned();
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

/// ListUsers' `Filter`: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix),
/// on Cognito's filterable attributes.
struct Filter {
    attribute: String,
    value: String,
    prefix: bool,
}

const FILTERABLE: [&str; 11] = [
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
    "email_verified",
];

impl Filter {
    fn parse(text: &str) -> Result<Filter, ServiceError> {
        let bad = || ServiceError::new("InvalidParameterException", "Error while parsing filter.");
        let (attribute, rest, prefix) = match text.split_once("^=") {
            Some((a, r)) => (a, r, true),
            None => {
                let (a, r) = text.split_once('=').ok_or_else(bad)?;
                (a, r, false)
            }
        };
        let attribute = attribute.trim();
        let value = rest
            .trim()
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .ok_or_else(bad)?;
        if !FILTERABLE.contains(&attribute) {
            return Err(bad());
        }
        Ok(Filter {
            attribute: attribute.to_owned(),
            value: value.replace("\\\"", "\""),
            prefix,
        })
    }

    fn matches(&self, user: &super::state::User) -> bool {
        let status = user.status.as_str();
        let enabled = if user.enabled { "Enabled" } else { "Disabled" };
        let value = match self.attribute.as_str() {
            "username" => Some(user.username.as_str()),
            "cognito:user_status" => Some(status),
            "status" => Some(enabled),
            other => user.attributes.get(other).map(String::as_str),
        };
        value.is_some_and(|v| {
            if self.prefix {
                v.starts_with(&self.value)
            } else {
                v == self.value
            }
        })
    }
}

pub(crate) fn list_users(state: &mut State, body: &Value) -> Outcome {
    let pool = pool_of(state, body)?;
    let filter = optional(body, "Filter")?
        .filter(|f| !f.trim().is_empty())
        .map(Filter::parse)
        .transpose()?;
    let users: Vec<Value> = pool
        .users
        .values()
        .filter(|u| filter.as_ref().is_none_or(|f| f.matches(u)))
        .take(page(body, "Limit"))
        .map(|u| describe_user(u, "Attributes"))
        .collect();
    Ok(json!({ "Users": users }))
}

pub(crate) fn admin_delete_user(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    state
        .remove_user(&pool, &username)
        .ok_or_else(user_not_found)?;
    Ok(json!({}))
}

/// AdminDisableUser and AdminEnableUser. A disabled user's sign-in and refresh are
/// refused ("User is disabled."), and disabling signs them out everywhere, as Cognito does.
pub(crate) fn admin_set_enabled(state: &mut State, body: &Value, enabled: bool) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    let user = state
        .pools
        .get_mut(&pool)
        .and_then(|p| p.users.get_mut(&username))
        .ok_or_else(user_not_found)?;
    user.enabled = enabled;
    if !enabled {
        state.sign_out(&pool, &username);
    }
    Ok(json!({}))
}

/// AdminUpdateUserAttributes: names and values set (`sub` and `username` are read-only).
pub(crate) fn admin_update_user_attributes(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    let list = body
        .get("UserAttributes")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            ServiceError::new("InvalidParameterException", "UserAttributes is required")
        })?;
    let mut updates = Vec::with_capacity(list.len());
    for attribute in list {
        let name = field(attribute, "Name")?;
        if matches!(name, "sub" | "username") {
            return Err(ServiceError::new(
                "InvalidParameterException",
                format!("Cannot modify the non-mutable attribute {name}"),
            ));
        }
        let value = optional(attribute, "Value")?.unwrap_or("");
        updates.push((name.to_owned(), value.to_owned()));
    }
    let user = state
        .pools
        .get_mut(&pool)
        .and_then(|p| p.users.get_mut(&username))
        .ok_or_else(user_not_found)?;
    user.attributes.extend(updates);
    Ok(json!({}))
}
