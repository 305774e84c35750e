//! `device-verifier` and `confirm-device`: a remembered device's verifier for ConfirmDevice,
//! its password kept in a 0600 file.

use std::path::Path;

use serde_json::{Value, json};
use srp_cognito::request::{ConfirmDeviceRequest, UpdateDeviceStatusRequest};
use srp_cognito::response::ConfirmDeviceResponse;
use srp_cognito::{
    Error,
    device::{ConfirmDevice, DeviceGroupKey, DeviceKey, DeviceVerifier},
};
use zeroize::Zeroizing;

use crate::api::{Api, Failure, endpoint, escape, refused, write_secret_file};
use crate::{input, shown};

/// `device-verifier`: a new ConfirmDevice verifier; the device password goes to a new
/// 0600 file (and to stdout only when asked).
pub(crate) fn device_verifier(
    device_key: &str,
    device_group_key: &str,
    password_file: &Path,
    print_password: bool,
) -> Result<Value, Failure> {
    let verifier = DeviceVerifier::generate(
        &DeviceGroupKey::new(device_group_key),
        &DeviceKey::new(device_key),
    )
    .map_err(refused("device verifier"))?;
    write_password(password_file, &verifier)?;
    let mut out = json!({
        "DeviceKey": device_key,
        "DeviceSecretVerifierConfig": {
            "PasswordVerifier": verifier.password_verifier(),
            "Salt": verifier.salt(),
        },
    });
    if print_password {
        out["DevicePassword"] = Value::from(verifier.device_password().expose_secret());
    }
    Ok(out)
}

/// Writes the device password to a new 0600 file, one line.
fn write_password(path: &Path, verifier: &DeviceVerifier) -> Result<(), Failure> {
    let line = Zeroizing::new(format!("{}\n", verifier.device_password().expose_secret()));
    write_secret_file(path, line.as_bytes())
}

/// `confirm-device`: reads a sign-in's AuthenticationResult on stdin (as `sign-in` prints
/// it, or inside the aws CLI's response), draws the device password and verifier, keeps
/// the password in a new 0600 file and calls ConfirmDevice with the access token. The file
/// is removed again if Cognito refuses. With `remember`, where the pool asks the user
/// (UserConfirmationNecessary), marks the device remembered (UpdateDeviceStatus).
pub(crate) fn confirm_device(
    password_file: &Path,
    device_name: Option<&str>,
    endpoint_url: Option<&str>,
    remember: bool,
) -> Result<Value, Failure> {
    let result = input::authentication_result()?;
    let confirm = ConfirmDevice::for_result(&result).map_err(|e| match e {
        Error::MissingParameter { .. } => Failure::Usage(
            "the sign-in result has no NewDeviceMetadata: the pool does not remember devices, \
             or the sign-in already used a remembered device"
                .into(),
        ),
        other => refused("device verifier")(other),
    })?;
    let (device_key, group_key) = (
        confirm.device_key.as_str(),
        confirm.device_group_key.as_str(),
    );
    // A device key is `<region>_<uuid>`.
    let region = device_key.split_once('_').map_or("", |(region, _)| region);
    let url = match endpoint_url {
        Some(url) => url.to_owned(),
        None => endpoint(region).ok_or_else(|| {
            Failure::Usage(format!(
                "no region in the device key {}: give --endpoint-url",
                escape(device_key)
            ))
        })?,
    };
    let verifier = &confirm.verifier;
    write_password(password_file, verifier)?;
    let access_token = &result.access_token;
    let request = ConfirmDeviceRequest::new(access_token, &confirm, device_name);
    let api = Api::new(url);
    let confirmed = api
        .call(ConfirmDeviceRequest::TARGET, &request)
        .and_then(|response| {
            serde_json::from_value::<ConfirmDeviceResponse>(Value::Object(response))
                .map_err(|_| Failure::Refused("ConfirmDevice's response is not Cognito's".into()))
        });
    let necessary = match confirmed {
        Ok(response) => response.user_confirmation_necessary,
        Err(failure) => {
            // An unconfirmed device's password is of no use.
            let _ = std::fs::remove_file(password_file);
            return Err(failure);
        }
    };
    let mut out = json!({
        "DeviceKey": device_key,
        "DeviceGroupKey": group_key,
        "DevicePasswordFile": password_file.display().to_string(),
        "UserConfirmationNecessary": necessary,
    });
    // Pools where users opt in: the device is remembered only when the user says so.
    if let Some(status) = ConfirmDevice::status_after(necessary, remember) {
        let request = UpdateDeviceStatusRequest::new(access_token, device_key, status);
        api.call(UpdateDeviceStatusRequest::TARGET, &request)
            .map_err(|(Failure::Usage(e) | Failure::Refused(e))| {
                Failure::Refused(format!(
                    "the device is confirmed (password in {}), but UpdateDeviceStatus failed: {e}",
                    shown(password_file)
                ))
            })?;
        out["DeviceRememberedStatus"] = Value::from(status.as_str());
    }
    Ok(out)
}
