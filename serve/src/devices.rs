//! Remembered devices: ConfirmDevice, UpdateDeviceStatus, ForgetDevice, and their
//! listing (ListDevices, AdminListDevices, AdminGetDevice). The device SRP itself
//! (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER) is part of signing in.

use serde_json::{Value, json};
use srp_cognito::ServiceCode;
use srp_cognito::server::Verifier;

use super::request::{field, not_found, optional, user_not_found};
use super::state::{Device, State};
use super::tokens::access;
use super::{Outcome, ServiceError};

pub(crate) fn device_not_found() -> ServiceError {
    ServiceError::new(ServiceCode::ResourceNotFound, "Device does not exist.")
}

pub(crate) fn confirm_device(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, username, _) = access(state, body)?;
    let key = field(body, "DeviceKey")?;
    let name = optional(body, "DeviceName")?.map(str::to_owned);
    let config = body.get("DeviceSecretVerifierConfig").ok_or_else(|| {
        ServiceError::new(
            ServiceCode::InvalidParameter,
            "DeviceSecretVerifierConfig is required",
        )
    })?;
    let verifier =
        Verifier::from_device_config(field(config, "PasswordVerifier")?, field(config, "Salt")?)
            .map_err(|e| ServiceError::new(ServiceCode::InvalidParameter, e.to_string()))?;
    let pool = state.pools.get_mut(&pool_id).ok_or_else(device_not_found)?;
    let on_prompt = pool.remember_on_prompt;
    let user = pool.users.get_mut(&username).ok_or_else(device_not_found)?;
    let device = user.devices.get_mut(key).ok_or_else(device_not_found)?;
    device.verifier = Some(verifier);
    device.remembered = !on_prompt;
    device.name = name;
    Ok(json!({"UserConfirmationNecessary": on_prompt}))
}

pub(crate) fn update_device_status(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, username, _) = access(state, body)?;
    let key = field(body, "DeviceKey")?;
    let remembered = match field(body, "DeviceRememberedStatus")? {
        "remembered" => true,
        "not_remembered" => false,
        _ => {
            return Err(ServiceError::new(
                ServiceCode::InvalidParameter,
                "DeviceRememberedStatus must be remembered or not_remembered",
            ));
        }
    };
    let device = state
        .pools
        .get_mut(&pool_id)
        .and_then(|p| p.users.get_mut(&username))
        .and_then(|u| u.devices.get_mut(key))
        .ok_or_else(device_not_found)?;
    device.remembered = remembered;
    Ok(json!({}))
}

pub(crate) fn forget_device(state: &mut State, body: &Value) -> Outcome {
    let (pool_id, username, token_device) = access(state, body)?;
    let key = match optional(body, "DeviceKey")? {
        Some(key) => key.to_owned(),
        None => token_device.ok_or_else(device_not_found)?,
    };
    state
        .pools
        .get_mut(&pool_id)
        .and_then(|p| p.users.get_mut(&username))
        .and_then(|u| u.devices.remove(&key))
        .ok_or_else(device_not_found)?;
    Ok(json!({}))
}

fn describe_device(key: &str, device: &Device) -> Value {
    let mut attributes = vec![json!({"Name": "device_status", "Value": "valid"})];
    attributes.push(json!({"Name": "dev:device_remembered_status",
        "Value": if device.remembered { "remembered" } else { "not_remembered" }}));
    if let Some(name) = &device.name {
        attributes.push(json!({"Name": "device_name", "Value": name}));
    }
    json!({
        "DeviceKey": key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": device.created,
        "DeviceLastModifiedDate": device.created,
    })
}

fn devices_of(state: &State, pool: &str, username: &str) -> Result<Vec<Value>, ServiceError> {
    let user = state
        .pools
        .get(pool)
        .and_then(|p| p.users.get(username))
        .ok_or_else(user_not_found)?;
    Ok(user
        .devices
        .iter()
        .filter(|(_, d)| d.verifier.is_some())
        .map(|(key, d)| describe_device(key, d))
        .collect())
}

pub(crate) fn admin_list_devices(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    Ok(json!({ "Devices": devices_of(state, &pool, &username)? }))
}

pub(crate) fn list_devices(state: &mut State, body: &Value) -> Outcome {
    let (pool, username, _) = access(state, body)?;
    Ok(json!({ "Devices": devices_of(state, &pool, &username)? }))
}

pub(crate) fn admin_get_device(state: &mut State, body: &Value) -> Outcome {
    let (pool, username) = state.named_user(body)?;
    let key = field(body, "DeviceKey")?;
    let device = state
        .pools
        .get(&pool)
        .and_then(|p| p.users.get(&username))
        .and_then(|u| u.devices.get(key))
        .filter(|d| d.verifier.is_some())
        .ok_or_else(|| not_found("Device"))?;
    Ok(json!({ "Device": describe_device(key, device) }))
}
