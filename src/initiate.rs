//! InitiateAuth: the auth flows that start an SRP sign-in, and their `AuthParameters`.

use core::fmt;
use core::str::FromStr;

use crate::srp::check_identity;
use crate::{AppClient, Error, Parameters, SrpA};

/// An InitiateAuth `AuthFlow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthFlow {
    /// `USER_SRP_AUTH`: SRP sign-in, answered by PASSWORD_VERIFIER.
    UserSrpAuth,
    /// `CUSTOM_AUTH`: custom challenges, here starting with SRP (`CHALLENGE_NAME=SRP_A`).
    CustomAuth,
    /// `USER_AUTH`: choice-based sign-in, here preferring `PASSWORD_SRP`.
    UserAuth,
    /// `REFRESH_TOKEN_AUTH`: new tokens for a refresh token ([`crate::refresh`]).
    RefreshTokenAuth,
}

impl AuthFlow {
    /// The flow's name as Cognito spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AuthFlow::UserSrpAuth => "USER_SRP_AUTH",
            AuthFlow::CustomAuth => "CUSTOM_AUTH",
            AuthFlow::UserAuth => "USER_AUTH",
            AuthFlow::RefreshTokenAuth => "REFRESH_TOKEN_AUTH",
        }
    }
}

impl FromStr for AuthFlow {
    type Err = Error;

    /// The flow Cognito names `name` (`USER_SRP_AUTH`, `USER_AUTH`, `CUSTOM_AUTH`,
    /// `REFRESH_TOKEN_AUTH`).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for any other name.
    fn from_str(name: &str) -> Result<Self, Error> {
        [
            AuthFlow::UserSrpAuth,
            AuthFlow::CustomAuth,
            AuthFlow::UserAuth,
            AuthFlow::RefreshTokenAuth,
        ]
        .into_iter()
        .find(|flow| flow.as_str() == name)
        .ok_or(Error::UnknownName { what: "AuthFlow" })
    }
}

impl fmt::Display for AuthFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An InitiateAuth call's `AuthFlow` and `AuthParameters`.
#[derive(Debug)]
#[non_exhaustive]
pub struct InitiateAuth {
    /// `AuthFlow`.
    pub auth_flow: AuthFlow,
    /// `AuthParameters`.
    pub parameters: Parameters,
}

impl InitiateAuth {
    /// The InitiateAuth that starts an SRP sign-in of `flow`: `USERNAME`, `SRP_A`,
    /// `SECRET_HASH` (when the client has a secret) and `DEVICE_KEY` (when a device is
    /// remembered); for `CUSTOM_AUTH` also `CHALLENGE_NAME=SRP_A`, for `USER_AUTH`
    /// `PREFERRED_CHALLENGE=PASSWORD_SRP`.
    ///
    /// Here `USERNAME` is what the user typed (an alias is fine): Cognito answers with
    /// the internal username in the challenge, which the responses must then use.
    /// [`crate::SignIn::start`] calls this; call it yourself only to drive the steps by hand.
    ///
    /// # Errors
    /// [`Error::UnsupportedFlow`] for `REFRESH_TOKEN_AUTH` (see [`crate::refresh`]);
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for the username or device key.
    ///
    /// ```
    /// use srp_cognito::{AppClient, AuthFlow, steps::{EphemeralSecret, InitiateAuth}};
    /// let a = EphemeralSecret::random()?;
    /// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
    /// let init = InitiateAuth::srp(AuthFlow::UserSrpAuth, &client, "alice@example.com", a.srp_a(), None)?;
    /// assert_eq!(init.auth_flow.as_str(), "USER_SRP_AUTH");
    /// assert_eq!(init.parameters.keys(), ["SRP_A", "USERNAME"]);
    /// # Ok::<(), srp_cognito::Error>(())
    /// ```
    pub fn srp(
        auth_flow: AuthFlow,
        client: &AppClient,
        username: &str,
        srp_a: &SrpA,
        device_key: Option<&str>,
    ) -> Result<Self, Error> {
        if auth_flow == AuthFlow::RefreshTokenAuth {
            return Err(Error::UnsupportedFlow);
        }
        let mut parameters = Parameters::new();
        client.add_username(&mut parameters, username)?;
        parameters.insert("SRP_A", srp_a.as_str());
        if let Some(device_key) = device_key {
            check_identity("DEVICE_KEY", device_key)?;
            parameters.insert("DEVICE_KEY", device_key);
        }
        match auth_flow {
            AuthFlow::CustomAuth => parameters.insert("CHALLENGE_NAME", "SRP_A"),
            AuthFlow::UserAuth => parameters.insert("PREFERRED_CHALLENGE", "PASSWORD_SRP"),
            _ => {}
        }
        Ok(InitiateAuth {
            auth_flow,
            parameters,
        })
    }

    /// The InitiateAuth of a refresh (built by [`crate::refresh`]).
    pub(crate) fn refresh(parameters: Parameters) -> Self {
        InitiateAuth {
            auth_flow: AuthFlow::RefreshTokenAuth,
            parameters,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_parse_as_cognito_names_them() {
        for flow in [
            AuthFlow::UserSrpAuth,
            AuthFlow::CustomAuth,
            AuthFlow::UserAuth,
            AuthFlow::RefreshTokenAuth,
        ] {
            assert_eq!(flow.as_str().parse::<AuthFlow>(), Ok(flow));
        }
        for bad in ["", "user_srp_auth", "USER_PASSWORD_AUTH"] {
            assert_eq!(
                bad.parse::<AuthFlow>(),
                Err(Error::UnknownName { what: "AuthFlow" })
            );
        }
    }
}
