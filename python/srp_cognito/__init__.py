"""Amazon Cognito's SRP sign-in for Python, on srp-cognito's constant-time Rust core.

Two levels:

- :class:`SignIn`, the sans-IO conversation: ``start()`` gives the keyword arguments of
  boto3's ``initiate_auth``, ``next(response)`` turns each response into the next step
  (the keyword arguments of ``respond_to_auth_challenge``, a challenge only the user can
  answer, or the tokens). Any client that speaks Cognito's API drives it (boto3,
  aiobotocore, your own).
- :func:`sign_in`, the whole sign-in over a boto3 client in one call, and
  :class:`srp_cognito.pycognito.AWSSRP`, a drop-in for pycognito's.

Secrets: the password, ``a``, the key and the device password live in Rust memory that is
wiped when it is dropped; Python's own ``str`` objects (the password you pass in, the
requests and tokens handed back) cannot be wiped.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _native
from ._native import SrpCognitoError, secret_hash

__all__ = [
    "SrpCognitoError",
    "SignIn",
    "Respond",
    "Pending",
    "SignedIn",
    "Step",
    "RememberedDevice",
    "PendingSignIn",
    "secret_hash",
    "sign_in",
    "confirm_device",
    "update_device_status",
    "refresh",
    "get_tokens_from_refresh_token",
    "backend",
    "MAX_AUTOMATIC_ANSWERS",
]

#: The most responses one sign-in sends without the user (the library's cap), after
#: which a server that keeps asking is refused rather than answered forever.
MAX_AUTOMATIC_ANSWERS: int = _native.MAX_AUTOMATIC_ANSWERS

#: What of a response the core reads; the rest (boto3's ``ResponseMetadata``) stays here.
_RESPONSE_KEYS = (
    "ChallengeName",
    "ChallengeParameters",
    "Session",
    "AuthenticationResult",
    "AvailableChallenges",
)


@dataclass(frozen=True)
class RememberedDevice:
    """A device remembered after ConfirmDevice: keep all three (the password is secret)."""

    key: str
    group_key: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class Respond:
    """Send ``client.respond_to_auth_challenge(**request)``; its response goes to ``next``."""

    request: Dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class Pending:
    """A challenge only the user can answer: answer it with :meth:`SignIn.answer`."""

    challenge_name: str
    code_delivery_destination: Optional[str] = None
    mfa_types: List[str] = field(default_factory=list)
    required_attributes: List[str] = field(default_factory=list)
    available_challenges: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class SignedIn:
    """Signed in: ``result`` is Cognito's ``AuthenticationResult`` (tokens, and
    ``NewDeviceMetadata`` where the pool remembers devices)."""

    result: Dict[str, Any] = field(repr=False)


Step = Union[Respond, Pending, SignedIn]


def _json_of(response: Mapping[str, Any]) -> str:
    return json.dumps({k: response[k] for k in _RESPONSE_KEYS if k in response})


def _step(text: str) -> Step:
    step = json.loads(text)
    if "respond" in step:
        return Respond(step["respond"])
    if "signedIn" in step:
        return SignedIn(step["signedIn"])
    pending = step["pending"]
    return Pending(
        challenge_name=pending["challengeName"],
        code_delivery_destination=pending.get("codeDeliveryDestination"),
        mfa_types=list(pending.get("mfaTypes") or []),
        required_attributes=list(pending.get("requiredAttributes") or []),
        available_challenges=list(pending.get("availableChallenges") or []),
    )


class SignIn:
    """The sans-IO sign-in: it computes and decides; the caller sends the requests.

    >>> s = SignIn("us-east-1_AbCdEf123", "3z57ildt8dipg4dt9wl5m6ulaf", "alice", "pw")
    >>> s.start()["AuthFlow"]
    'USER_SRP_AUTH'

    ``flow`` is ``USER_SRP_AUTH`` (the default), ``USER_AUTH`` (choice-based, preferring
    PASSWORD_SRP) or ``CUSTOM_AUTH`` (SRP first). It answers PASSWORD_VERIFIER and the
    device challenges itself; SMS/TOTP codes, new passwords and the like come back as
    :class:`Pending`. Raises :class:`SrpCognitoError` (with ``category``) on bad input
    and on what Cognito must not be answered (``B ≡ 0 mod N``, a wrong turn, ...).
    """

    def __init__(
        self,
        pool_id: str,
        client_id: str,
        username: str,
        password: str,
        *,
        client_secret: Optional[str] = None,
        device: Optional[RememberedDevice] = None,
        flow: str = "USER_SRP_AUTH",
        lenient_secret_block: bool = False,
    ) -> None:
        # What the sign-in is, as JSON; the secrets go as arguments of their own.
        options: Dict[str, Any] = {
            "flow": flow,
            "poolId": pool_id,
            "clientId": client_id,
            "username": username,
            "lenientSecretBlock": lenient_secret_block,
        }
        if device is not None:
            options["deviceKey"] = device.key
            options["deviceGroupKey"] = device.group_key
        self._native = _native.SignIn(
            json.dumps(options),
            password,
            client_secret,
            device.password if device else None,
        )

    def start(self) -> Dict[str, Any]:
        """The keyword arguments of ``initiate_auth``, with a fresh ``a`` from the OS."""
        result: Dict[str, Any] = json.loads(self._native.start())
        return result

    def start_with(self, a_hex: str) -> Dict[str, Any]:
        """:meth:`start` with a given ``a`` (hex): the deterministic entry point."""
        result: Dict[str, Any] = json.loads(self._native.start_with(a_hex))
        return result

    def next(self, response: Mapping[str, Any], now: Optional[int] = None) -> Step:
        """The step after ``initiate_auth``'s or ``respond_to_auth_challenge``'s response,
        at ``now`` (Unix seconds) or the system clock."""
        seconds = int(time.time()) if now is None else now
        return _step(self._native.next(_json_of(response), seconds))

    def answer(
        self, answer: Optional[str] = None, attributes: Optional[Mapping[str, str]] = None
    ) -> Dict[str, Any]:
        """The keyword arguments of ``respond_to_auth_challenge`` answering the pending
        challenge: the code (SMS_MFA, SMS_OTP, EMAIL_OTP, SOFTWARE_TOKEN_MFA), the custom
        answer, the MFA type chosen (SELECT_MFA_TYPE), the new password
        (NEW_PASSWORD_REQUIRED, with ``attributes``), the password (PASSWORD); nothing
        for MFA_SETUP."""
        text = None if attributes is None else json.dumps(dict(attributes))
        result: Dict[str, Any] = json.loads(self._native.answer(answer, text))
        return result

    @property
    def username(self) -> str:
        """Cognito's internal username once a challenge named it (for a refresh's
        SECRET_HASH), else the one typed."""
        return self._native.username

    @property
    def pending(self) -> Optional[str]:
        """The challenge waiting for :meth:`answer`, if any."""
        return self._native.pending

    def __repr__(self) -> str:
        return f"SignIn(username={self.username!r}, pending={self.pending!r})"


class PendingSignIn:
    """A sign-in by :func:`sign_in` waiting on the user: ``challenge`` says what for;
    :meth:`answer` sends the answer and goes on."""

    def __init__(self, client: Any, sign_in: SignIn, challenge: Pending) -> None:
        self.client = client
        self.sign_in = sign_in
        self.challenge = challenge

    def answer(
        self, answer: Optional[str] = None, attributes: Optional[Mapping[str, str]] = None
    ) -> Union[SignedIn, "PendingSignIn"]:
        """Answers the challenge and drives the sign-in on: tokens or the next challenge."""
        request = self.sign_in.answer(answer, attributes)
        return _drive(self.client, self.sign_in, self.client.respond_to_auth_challenge(**request))

    def __repr__(self) -> str:
        return f"PendingSignIn({self.challenge!r})"


def _drive(client: Any, sign_in: SignIn, response: Mapping[str, Any]) -> Union[SignedIn, PendingSignIn]:
    # The core caps the automatic answers (MAX_AUTOMATIC_ANSWERS): this loop ends.
    while True:
        step = sign_in.next(response)
        if isinstance(step, Respond):
            response = client.respond_to_auth_challenge(**step.request)
        elif isinstance(step, Pending):
            return PendingSignIn(client, sign_in, step)
        else:
            return step


def sign_in(
    client: Any,
    pool_id: str,
    client_id: str,
    username: str,
    password: str,
    client_secret: Optional[str] = None,
    device: Optional[RememberedDevice] = None,
    *,
    flow: str = "USER_SRP_AUTH",
    lenient_secret_block: bool = False,
) -> Union[SignedIn, PendingSignIn]:
    """Signs in over a boto3 ``cognito-idp`` client: :class:`SignedIn` with the tokens,
    or :class:`PendingSignIn` when the user must answer (MFA, a new password, ...).

    Cognito's refusals are the client's own exceptions (``NotAuthorizedException``, ...).
    ``lenient_secret_block`` accepts a ``SECRET_BLOCK`` that is not standard base64, as
    the AWS SDKs do (moto sends one).
    """
    s = SignIn(
        pool_id, client_id, username, password,
        client_secret=client_secret, device=device, flow=flow,
        lenient_secret_block=lenient_secret_block,
    )
    return _drive(client, s, client.initiate_auth(**s.start()))


def confirm_device(
    result: Mapping[str, Any], device_name: Optional[str] = None
) -> "tuple[Dict[str, Any], RememberedDevice]":
    """For a sign-in's ``AuthenticationResult`` with ``NewDeviceMetadata``: the keyword
    arguments of ``confirm_device`` (a fresh verifier) and the device to remember."""
    out = json.loads(_native.confirm_device(json.dumps(dict(result)), device_name))
    device = out["device"]
    return out["input"], RememberedDevice(
        device["deviceKey"], device["deviceGroupKey"], device["devicePassword"]
    )


def update_device_status(access_token: str, device_key: str, remembered: bool) -> Dict[str, Any]:
    """The keyword arguments of ``update_device_status``."""
    result: Dict[str, Any] = json.loads(
        _native.update_device_status(access_token, device_key, remembered)
    )
    return result


def refresh(
    client_id: str,
    refresh_token: str,
    *,
    client_secret: Optional[str] = None,
    username: Optional[str] = None,
    device_key: Optional[str] = None,
) -> Dict[str, Any]:
    """The keyword arguments of ``initiate_auth`` for ``REFRESH_TOKEN_AUTH``; with a
    client secret, ``username`` is Cognito's internal one (:attr:`SignIn.username`)."""
    result: Dict[str, Any] = json.loads(
        _native.refresh(client_id, client_secret, refresh_token, username, device_key)
    )
    return result


def get_tokens_from_refresh_token(
    client_id: str,
    refresh_token: str,
    *,
    client_secret: Optional[str] = None,
    device_key: Optional[str] = None,
) -> Dict[str, Any]:
    """The keyword arguments of ``get_tokens_from_refresh_token``."""
    result: Dict[str, Any] = json.loads(
        _native.get_tokens_from_refresh_token(client_id, client_secret, refresh_token, device_key)
    )
    return result


def backend() -> str:
    """The arithmetic backend in use (``avx512ifma`` or ``portable``)."""
    return _native.backend()
