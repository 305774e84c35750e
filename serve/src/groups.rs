//! Groups of a pool: created, described, listed, updated and deleted; users added and
//! removed, listed both ways; and what a user's groups put in their tokens
//! (`cognito:groups` in precedence order, `cognito:roles` and `cognito:preferred_role`).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use srp_cognito::ServiceCode;

use super::pools::with_next;
use super::request::{field, limit, not_found, optional, page, paginate};
use super::state::{Group, MAX_GROUPS, Pool, State, User, now_seconds};
use super::users::describe_user;
use super::{Outcome, ServiceError};

fn group_not_found() -> ServiceError {
    not_found("Group")
}

/// `GroupName`: 1 to 128 characters.
fn group_name(body: &Value) -> Result<&str, ServiceError> {
    let name = field(body, "GroupName")?;
    if name.chars().count() > 128 {
        return Err(ServiceError::new(
            ServiceCode::InvalidParameter,
            "1 validation error detected: Value at 'groupName' failed to satisfy constraint: \
             Member must have length less than or equal to 128",
        ));
    }
    Ok(name)
}

/// `Precedence`, where given: a non-negative integer.
fn precedence(body: &Value) -> Result<Option<u64>, ServiceError> {
    match body.get("Precedence") {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.as_u64().map(Some).ok_or_else(|| {
            ServiceError::new(
                ServiceCode::InvalidParameter,
                "Precedence must be a non-negative integer",
            )
        }),
    }
}

fn describe(pool: &Pool, name: &str, group: &Group) -> Value {
    let mut out = json!({
        "GroupName": name,
        "UserPoolId": pool.id.as_str(),
        "CreationDate": group.created,
        "LastModifiedDate": group.modified,
    });
    if let Some(description) = &group.description {
        out["Description"] = Value::from(description.as_str());
    }
    if let Some(role) = &group.role_arn {
        out["RoleArn"] = Value::from(role.as_str());
    }
    if let Some(precedence) = group.precedence {
        out["Precedence"] = Value::from(precedence);
    }
    out
}

pub(crate) fn create_group(state: &mut State, body: &Value) -> Outcome {
    let name = group_name(body)?.to_owned();
    let group = Group {
        description: optional(body, "Description")?.map(str::to_owned),
        role_arn: optional(body, "RoleArn")?.map(str::to_owned),
        precedence: precedence(body)?,
        created: now_seconds(),
        modified: now_seconds(),
    };
    let pool = state.pool_mut(body)?;
    if pool.groups.contains_key(&name) {
        return Err(ServiceError::new(
            ServiceCode::GroupExists,
            "A group with the name already exists.",
        ));
    }
    if pool.groups.len() >= MAX_GROUPS {
        return Err(limit("groups"));
    }
    let described = describe(pool, &name, &group);
    pool.groups.insert(name, group);
    Ok(json!({ "Group": described }))
}

pub(crate) fn get_group(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let name = group_name(body)?;
    let group = pool.groups.get(name).ok_or_else(group_not_found)?;
    Ok(json!({ "Group": describe(pool, name, group) }))
}

/// ListGroups: a page (`Limit`, `NextToken`) of the pool's groups.
pub(crate) fn list_groups(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let (groups, next) = paginate(&pool.groups, body, "NextToken", page(body, "Limit"), |_| {
        true
    })?;
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(name, group)| describe(pool, name, group))
        .collect();
    Ok(with_next(json!({ "Groups": groups }), "NextToken", next))
}

/// UpdateGroup: as Cognito, a field left out goes back to its default (none).
pub(crate) fn update_group(state: &mut State, body: &Value) -> Outcome {
    let name = group_name(body)?.to_owned();
    let (description, role_arn, precedence) = (
        optional(body, "Description")?.map(str::to_owned),
        optional(body, "RoleArn")?.map(str::to_owned),
        precedence(body)?,
    );
    let pool = state.pool_mut(body)?;
    let group = pool.groups.get_mut(&name).ok_or_else(group_not_found)?;
    group.description = description;
    group.role_arn = role_arn;
    group.precedence = precedence;
    group.modified = now_seconds();
    let pool = state.pool(body)?;
    let group = pool.groups.get(&name).ok_or_else(group_not_found)?;
    Ok(json!({ "Group": describe(pool, &name, group) }))
}

/// DeleteGroup: its members leave it (their next tokens no longer name it).
pub(crate) fn delete_group(state: &mut State, body: &Value) -> Outcome {
    let name = group_name(body)?.to_owned();
    let pool = state.pool_mut(body)?;
    pool.groups.remove(&name).ok_or_else(group_not_found)?;
    let members: Vec<String> = pool
        .users
        .values()
        .filter(|u| u.groups.contains(&name))
        .map(|u| u.username.clone())
        .collect();
    for username in members {
        if let Some(user) = pool.users.get_mut(&username) {
            user.groups.remove(&name);
            user.changed();
        }
    }
    Ok(json!({}))
}

/// AdminAddUserToGroup and AdminRemoveUserFromGroup (adding twice, or removing a user who
/// is not in the group, changes nothing and is not an error).
pub(crate) fn admin_set_membership(state: &mut State, body: &Value, member: bool) -> Outcome {
    let name = group_name(body)?.to_owned();
    let (pool_id, username) = state.named_user(body)?;
    let pool = state
        .pools
        .get_mut(&pool_id)
        .ok_or_else(|| not_found("User pool"))?;
    if !pool.groups.contains_key(&name) {
        return Err(group_not_found());
    }
    let user = pool
        .users
        .get_mut(&username)
        .ok_or_else(super::request::user_not_found)?;
    let changed = if member {
        user.groups.insert(name)
    } else {
        user.groups.remove(&name)
    };
    if changed {
        user.changed();
    }
    Ok(json!({}))
}

/// AdminListGroupsForUser: a page (`Limit`, `NextToken`) of the user's groups.
pub(crate) fn admin_list_groups_for_user(state: &mut State, body: &Value) -> Outcome {
    let (_, username) = state.named_user(body)?;
    let pool = state.pool(body)?;
    let user = pool
        .users
        .get(&username)
        .ok_or_else(super::request::user_not_found)?;
    let mine: BTreeMap<String, &Group> = user
        .groups
        .iter()
        .filter_map(|name| Some((name.clone(), pool.groups.get(name)?)))
        .collect();
    let (groups, next) = paginate(&mine, body, "NextToken", page(body, "Limit"), |_| true)?;
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(name, group)| describe(pool, name, group))
        .collect();
    Ok(with_next(json!({ "Groups": groups }), "NextToken", next))
}

/// ListUsersInGroup: a page (`Limit`, `NextToken`) of the group's members.
pub(crate) fn list_users_in_group(state: &mut State, body: &Value) -> Outcome {
    let pool = state.pool(body)?;
    let name = group_name(body)?;
    if !pool.groups.contains_key(name) {
        return Err(group_not_found());
    }
    let (users, next) = paginate(&pool.users, body, "NextToken", page(body, "Limit"), |u| {
        u.groups.contains(name)
    })?;
    let users: Vec<Value> = users
        .into_iter()
        .map(|(_, user)| describe_user(user, "Attributes"))
        .collect();
    Ok(with_next(json!({ "Users": users }), "NextToken", next))
}

/// What `user`'s groups put in their ID and access tokens, as Cognito does: the groups in
/// `cognito:groups` (by precedence, the lowest first; those without one last, by name),
/// their role ARNs in `cognito:roles`, the role of the first that has one in
/// `cognito:preferred_role`. Nothing for a user in no group.
pub(crate) fn add_group_claims(pool: &Pool, user: &User, claims: &mut Value) {
    let mut groups: Vec<(&String, &Group)> = user
        .groups
        .iter()
        .filter_map(|name| Some((name, pool.groups.get(name)?)))
        .collect();
    if groups.is_empty() {
        return;
    }
    groups.sort_by_key(|(name, group)| (group.precedence.unwrap_or(u64::MAX), *name));
    claims["cognito:groups"] = json!(groups.iter().map(|(name, _)| name).collect::<Vec<_>>());
    let roles: Vec<&str> = groups
        .iter()
        .filter_map(|(_, group)| group.role_arn.as_deref())
        .collect();
    if let Some(first) = roles.first() {
        claims["cognito:preferred_role"] = Value::from(*first);
        claims["cognito:roles"] = json!(roles);
    }
}
