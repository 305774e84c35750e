//! Reading a request's members, in Cognito's words where one is missing, empty, too long
//! or of the wrong type; and the refusals every operation shares.

use std::collections::BTreeMap;
use std::ops::Bound;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;
use srp_cognito::ServiceCode;

use super::ServiceError;

/// The longest string field `serve` takes (a pool name, a username, an attribute value).
const MAX_FIELD: usize = 2048;

/// A required string field of `body`, bounded.
pub(crate) fn field<'a>(body: &'a Value, name: &str) -> Result<&'a str, ServiceError> {
    // Cognito's own wording: a request member is validated by name ("1 validation error
    // detected: ... at 'clientId' ..."), an entry of AuthParameters or ChallengeResponses
    // by "Missing required parameter"; a value of the wrong JSON type is not deserialized
    // at all (SerializationException).
    let member = name.chars().any(|c| c.is_ascii_lowercase());
    let invalid = |constraint: &str, shown: &str| {
        let message = if member {
            let mut camel = name.to_owned();
            if let Some(first) = camel.get_mut(..1) {
                first.make_ascii_lowercase();
            }
            format!(
                "1 validation error detected: Value {shown} at '{camel}' failed to satisfy \
                 constraint: Member must {constraint}"
            )
        } else {
            format!("Missing required parameter {name}")
        };
        ServiceError::new(ServiceCode::InvalidParameter, message)
    };
    match body.get(name) {
        Some(Value::String(s)) if s.is_empty() => {
            Err(invalid("have length greater than or equal to 1", "''"))
        }
        Some(Value::String(s)) if s.len() > MAX_FIELD => Err(invalid(
            &format!("have length less than or equal to {MAX_FIELD}"),
            "(too long to show)",
        )),
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(invalid("not be null", "null")),
        Some(_) => Err(ServiceError::new(
            ServiceCode::Serialization,
            format!("{name}: a string was expected"),
        )),
    }
}

/// An optional string field.
pub(crate) fn optional<'a>(body: &'a Value, name: &str) -> Result<Option<&'a str>, ServiceError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => field(body, name).map(Some),
    }
}

/// A list of strings (`UsernameAttributes`, `ExplicitAuthFlows`, ...).
pub(crate) fn strings(body: &Value, name: &str) -> Vec<String> {
    body.get(name)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn limit(what: &str) -> ServiceError {
    ServiceError::new(
        ServiceCode::LimitExceeded,
        format!("serve keeps at most so many {what}"),
    )
}

pub(crate) fn not_found(what: &str) -> ServiceError {
    ServiceError::new(
        ServiceCode::ResourceNotFound,
        format!("{what} does not exist."),
    )
}

pub(crate) fn user_not_found() -> ServiceError {
    ServiceError::new(ServiceCode::UserNotFound, "User does not exist.")
}

/// The longest page of a list: Cognito takes MaxResults (or Limit) of 1 to 60.
pub(crate) const MAX_LIST: usize = 60;

/// A page of a list: `name` (MaxResults or Limit) of 1 to [`MAX_LIST`], else the longest.
pub(crate) fn page(body: &Value, name: &str) -> usize {
    body.get(name)
        .and_then(Value::as_u64)
        .map_or(MAX_LIST, |n| usize::try_from(n).unwrap_or(MAX_LIST))
        .clamp(1, MAX_LIST)
}

/// A page of entries (key and value), and the token of the next page if there is one.
pub(crate) type Page<'a, V> = (Vec<(&'a String, &'a V)>, Option<String>);

/// A page of `entries` (in key order) that `keep` keeps: at most `limit`, after the key
/// the token under `token_name` of `body` names (from the start without one), and the
/// token of the next page where there is more. Tokens are opaque to clients (the last key
/// of the page, base64url).
pub(crate) fn paginate<'a, V>(
    entries: &'a BTreeMap<String, V>,
    body: &Value,
    token_name: &str,
    limit: usize,
    keep: impl Fn(&V) -> bool,
) -> Result<Page<'a, V>, ServiceError> {
    let after = match optional(body, token_name)? {
        None => None,
        Some(token) => Some(
            Base64UrlUnpadded::decode_vec(token)
                .ok()
                .and_then(|key| String::from_utf8(key).ok())
                .ok_or_else(|| {
                    ServiceError::new(
                        ServiceCode::InvalidParameter,
                        format!("Invalid {token_name}"),
                    )
                })?,
        ),
    };
    let start = after.as_ref().map_or(Bound::Unbounded, Bound::Excluded);
    let mut page = Vec::new();
    let mut last = None;
    for (key, value) in entries.range::<String, _>((start, Bound::Unbounded)) {
        if !keep(value) {
            continue;
        }
        if page.len() == limit {
            return Ok((
                page,
                last.map(|k: &String| Base64UrlUnpadded::encode_string(k.as_bytes())),
            ));
        }
        page.push((key, value));
        last = Some(key);
    }
    Ok((page, None))
}
