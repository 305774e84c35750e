"""A drop-in for pycognito's ``AWSSRP``: switching is one import line.

    from srp_cognito.pycognito import AWSSRP   # was: from pycognito.aws_srp import AWSSRP

Same constructor arguments, same ``authenticate_user()`` (the final
``respond_to_auth_challenge`` response, tokens in ``AuthenticationResult``), the same
exceptions for the challenges pycognito hands back (pycognito's own classes where it is
installed), ``set_new_password_challenge`` and ``get_secret_hash``. pycognito's
``Cognito`` uses it too once ``pycognito.AWSSRP`` is replaced::

    import pycognito, srp_cognito.pycognito
    pycognito.AWSSRP = srp_cognito.pycognito.AWSSRP

The SRP math is srp-cognito's (constant-time, secrets wiped in Rust); pycognito's
big-integer helpers (``calculate_a``, ``get_password_authentication_key``,
``process_challenge`` ...) are not provided.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from . import Pending, RememberedDevice, Respond, SignIn, secret_hash

try:  # pycognito's own exceptions, so that code catching them keeps working.
    from pycognito.exceptions import (
        ForceChangePasswordException,
        SMSMFAChallengeException,
        SoftwareTokenMFAChallengeException,
    )
except ImportError:  # pragma: no cover - pycognito is not required

    class ForceChangePasswordException(Exception):  # type: ignore[no-redef]
        """NEW_PASSWORD_REQUIRED: the user must choose a new password."""

    class MFAChallengeException(Exception):
        """An MFA challenge; ``get_tokens()`` gives the response to answer it with."""

        def __init__(self, message: str, tokens: Mapping[str, Any], *args: Any) -> None:
            super().__init__(message, *args)
            self._tokens = tokens

        def get_tokens(self) -> Mapping[str, Any]:
            return self._tokens

    class SMSMFAChallengeException(MFAChallengeException):  # type: ignore[no-redef]
        """SMS_MFA."""

    class SoftwareTokenMFAChallengeException(MFAChallengeException):  # type: ignore[no-redef]
        """SOFTWARE_TOKEN_MFA."""


__all__ = [
    "AWSSRP",
    "ForceChangePasswordException",
    "SMSMFAChallengeException",
    "SoftwareTokenMFAChallengeException",
]


class AWSSRP:
    """pycognito's ``AWSSRP`` on srp-cognito: ``AWSSRP(username, password, pool_id,
    client_id, client=..., client_secret=..., device_key=..., device_group_key=...,
    device_password=...).authenticate_user()``."""

    SMS_MFA_CHALLENGE = "SMS_MFA"
    SOFTWARE_TOKEN_MFA_CHALLENGE = "SOFTWARE_TOKEN_MFA"
    NEW_PASSWORD_REQUIRED_CHALLENGE = "NEW_PASSWORD_REQUIRED"
    PASSWORD_VERIFIER_CHALLENGE = "PASSWORD_VERIFIER"
    DEVICE_SRP_CHALLENGE = "DEVICE_SRP_AUTH"
    DEVICE_PASSWORD_VERIFIER_CHALLENGE = "DEVICE_PASSWORD_VERIFIER"

    def __init__(
        self,
        username: str,
        password: str,
        pool_id: str,
        client_id: str,
        pool_region: Optional[str] = None,
        client: Any = None,
        client_secret: Optional[str] = None,
        device_key: Optional[str] = None,
        device_group_key: Optional[str] = None,
        device_password: Optional[str] = None,
    ) -> None:
        if pool_region is not None and client is not None:
            raise ValueError(
                "pool_region and client should not both be specified "
                "(region should be passed to the boto3 client instead)"
            )
        device_parts = (device_key, device_group_key, device_password)
        if any(p is not None for p in device_parts) and any(p is None for p in device_parts):
            raise ValueError(
                "Either all device_key, device_group_key, and device_password "
                "should be specified or none at all "
            )
        self.username = username
        self.password = password
        self.pool_id = pool_id
        self.client_id = client_id
        self.client_secret = client_secret
        if client is None:
            import boto3  # as pycognito: a client of the pool's region by default

            client = boto3.client("cognito-idp", region_name=pool_region)
        self.client = client
        self.device_key = device_key
        self.device_group_key = device_group_key
        self.device_password = device_password
        self.access_token: Optional[str] = None
        self.device_name: Optional[str] = None

    @staticmethod
    def get_secret_hash(username: str, client_id: str, client_secret: str) -> str:
        """``base64(HMAC-SHA256(client_secret, username ‖ client_id))``."""
        return secret_hash(username, client_id, client_secret)

    def _sign_in(self) -> SignIn:
        device = None
        if self.device_key is not None and self.device_group_key is not None and self.device_password is not None:
            device = RememberedDevice(self.device_key, self.device_group_key, self.device_password)
        return SignIn(
            self.pool_id, self.client_id, self.username, self.password,
            client_secret=self.client_secret, device=device,
        )

    def _run(
        self, client: Any, client_metadata: Optional[Mapping[str, str]]
    ) -> "tuple[SignIn, Dict[str, Any], Optional[Pending]]":
        """Signs in as far as the user must answer: the last response, and the challenge
        waiting (None once there are tokens)."""
        s = self._sign_in()
        response: Dict[str, Any] = client.initiate_auth(**s.start())
        while True:
            step = s.next(response)
            if isinstance(step, Respond):
                request = dict(step.request)
                if client_metadata and request.get("ChallengeName") == self.PASSWORD_VERIFIER_CHALLENGE:
                    request["ClientMetadata"] = dict(client_metadata)
                response = client.respond_to_auth_challenge(**request)
            elif isinstance(step, Pending):
                return s, response, step
            else:
                return s, response, None

    def authenticate_user(
        self, client: Any = None, client_metadata: Optional[Mapping[str, str]] = None
    ) -> Dict[str, Any]:
        """Signs in: the final response (``AuthenticationResult`` holds the tokens).

        Raises ``ForceChangePasswordException`` (NEW_PASSWORD_REQUIRED),
        ``SMSMFAChallengeException`` and ``SoftwareTokenMFAChallengeException`` (with the
        response, as pycognito does), ``NotImplementedError`` for another challenge, and
        the client's own exceptions for Cognito's refusals."""
        boto_client = self.client or client
        _, response, pending = self._run(boto_client, client_metadata)
        if pending is None:
            return response
        name = pending.challenge_name
        if name == self.NEW_PASSWORD_REQUIRED_CHALLENGE:
            raise ForceChangePasswordException("Change password before authenticating")
        if name == self.SMS_MFA_CHALLENGE:
            raise SMSMFAChallengeException("Do SMS MFA", response)
        if name == self.SOFTWARE_TOKEN_MFA_CHALLENGE:
            raise SoftwareTokenMFAChallengeException("Do Software Token MFA", response)
        raise NotImplementedError(f"The {name} challenge is not supported")

    def set_new_password_challenge(self, new_password: str, client: Any = None) -> Dict[str, Any]:
        """Signs in with the current password and answers NEW_PASSWORD_REQUIRED with
        ``new_password``: the final response."""
        boto_client = self.client or client
        s, response, pending = self._run(boto_client, None)
        if pending is None or pending.challenge_name != self.NEW_PASSWORD_REQUIRED_CHALLENGE:
            return response
        response = dict(boto_client.respond_to_auth_challenge(**s.answer(new_password)))
        step = s.next(response)
        # After a new password Cognito may still ask for a device: drive it to the end.
        while isinstance(step, Respond):
            response = dict(boto_client.respond_to_auth_challenge(**step.request))
            step = s.next(response)
        return response
