//! InitiateAuth: the auth flows that start an SRP sign-in, and their `AuthParameters`.

use core::fmt;

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

impl fmt::Display for AuthFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An InitiateAuth call's `AuthFlow` and `AuthParameters`.
#[derive(Debug)]
pub struct InitiateAuth {
    /// `AuthFlow`.
    pub auth_flow: AuthFlow,
    /// `AuthParameters`.
    pub parameters: Parameters,
}

impl InitiateAuth {
    /// `USER_SRP_AUTH` with `USERNAME`, `SRP_A`, `SECRET_HASH` (when the client has a
    /// secret) and `DEVICE_KEY` (when a device is remembered).
    ///
    /// Here `USERNAME` is what the user typed (an alias is fine): Cognito answers with
    /// the internal username in the challenge, which the responses must then use.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] / [`Error::TooLarge`] for the username or device key.
    ///
    /// ```
    /// use srp_cognito::{AppClient, EphemeralSecret, InitiateAuth};
    /// let a = EphemeralSecret::random()?;
    /// let client = AppClient::new("3z57ildt8dipg4dt9wl5m6ulaf")?;
    /// let init = InitiateAuth::user_srp_auth(&client, "alice@example.com", a.srp_a(), None)?;
    /// assert_eq!(init.auth_flow.as_str(), "USER_SRP_AUTH");
    /// assert_eq!(init.parameters.keys(), ["SRP_A", "USERNAME"]);
    /// # Ok::<(), srp_cognito::Error>(())
    /// ```
    pub fn user_srp_auth(
        client: &AppClient,
        username: &str,
        srp_a: &SrpA,
        device_key: Option<&str>,
    ) -> Result<Self, Error> {
        Self::srp(AuthFlow::UserSrpAuth, client, username, srp_a, device_key)
    }

    /// `CUSTOM_AUTH` starting with SRP: as [`InitiateAuth::user_srp_auth`] plus
    /// `CHALLENGE_NAME=SRP_A`.
    ///
    /// # Errors
    /// As [`InitiateAuth::user_srp_auth`].
    pub fn custom_auth_srp(
        client: &AppClient,
        username: &str,
        srp_a: &SrpA,
        device_key: Option<&str>,
    ) -> Result<Self, Error> {
        let mut init = Self::srp(AuthFlow::CustomAuth, client, username, srp_a, device_key)?;
        init.parameters.insert("CHALLENGE_NAME", "SRP_A");
        Ok(init)
    }

    /// `USER_AUTH` preferring SRP: as [`InitiateAuth::user_srp_auth`] plus
    /// `PREFERRED_CHALLENGE=PASSWORD_SRP`.
    ///
    /// # Errors
    /// As [`InitiateAuth::user_srp_auth`].
    pub fn user_auth_password_srp(
        client: &AppClient,
        username: &str,
        srp_a: &SrpA,
        device_key: Option<&str>,
    ) -> Result<Self, Error> {
        let mut init = Self::srp(AuthFlow::UserAuth, client, username, srp_a, device_key)?;
        init.parameters
            .insert("PREFERRED_CHALLENGE", "PASSWORD_SRP");
        Ok(init)
    }

    fn srp(
        auth_flow: AuthFlow,
        client: &AppClient,
        username: &str,
        srp_a: &SrpA,
        device_key: Option<&str>,
    ) -> Result<Self, Error> {
        let mut parameters = Parameters::new();
        client.add_username(&mut parameters, username)?;
        parameters.insert("SRP_A", srp_a.as_str());
        if let Some(device_key) = device_key {
            check_identity("DEVICE_KEY", device_key)?;
            parameters.insert("DEVICE_KEY", device_key);
        }
        Ok(InitiateAuth {
            auth_flow,
            parameters,
        })
    }
}
