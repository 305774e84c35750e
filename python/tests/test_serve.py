"""Sign-ins through boto3 against `srp-cognito serve` (a local Cognito that verifies the
claim) and moto: right and wrong passwords, a client with a secret, an email pool (the
challenge's USERNAME is internal), a remembered device, refresh; and the pycognito
drop-in, used as pycognito's own users use it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

import srp_cognito
from conftest import PASSWORD, Pool, provision
from srp_cognito import PendingSignIn, RememberedDevice, SignedIn, sign_in


def signed_in(outcome: Any) -> dict[str, Any]:
    assert isinstance(outcome, SignedIn), outcome
    result: dict[str, Any] = outcome.result
    return result


def code(error: pytest.ExceptionInfo[ClientError]) -> str:
    name: str = error.value.response["Error"]["Code"]
    return name


def test_the_readme_sample(serve: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sign-in of the READMEs and the book, run as written in python/README.md (which
    tools/tests/book.rs keeps equal to theirs); boto3 finds serve through the environment."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"```python\n(.*?)```", readme, re.S)
    assert sample, "python/README.md has a Python sample"
    pool = provision(serve)
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", serve.meta.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    names: dict[str, Any] = {"POOL_ID": pool.pool_id, "CLIENT_ID": pool.client_id, "USERNAME": pool.username, "PASSWORD": PASSWORD}
    exec(compile(sample.group(1), "python/README.md", "exec"), names)
    tokens = names["tokens"]
    assert serve.get_user(AccessToken=tokens["AccessToken"])["Username"] == pool.username


@pytest.mark.parametrize("secret", [False, True], ids=["no-secret", "secret"])
@pytest.mark.parametrize("email", [False, True], ids=["username", "email"])
def test_right_and_wrong_passwords(serve: Any, secret: bool, email: bool) -> None:
    pool = provision(serve, secret=secret, email=email)
    result = signed_in(sign_in(serve, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret))
    user = serve.get_user(AccessToken=result["AccessToken"])
    assert user["Username"] == (pool.username if not email else user["Username"])
    with pytest.raises(ClientError) as e:
        sign_in(serve, pool.pool_id, pool.client_id, pool.username, "Wr0ng-password!", pool.client_secret)
    assert code(e) == "NotAuthorizedException"
    if secret:
        with pytest.raises(ClientError) as e:
            sign_in(serve, pool.pool_id, pool.client_id, pool.username, PASSWORD, "not-the-secret")
        assert code(e) == "NotAuthorizedException"


def test_new_password_then_refresh(serve: Any) -> None:
    pool = provision(serve, secret=True, confirmed=False)
    outcome = sign_in(serve, pool.pool_id, pool.client_id, pool.username, "Temp-0rary!", pool.client_secret)
    assert isinstance(outcome, PendingSignIn)
    assert outcome.challenge.challenge_name == "NEW_PASSWORD_REQUIRED"
    result = signed_in(outcome.answer("N3w-passw0rd!"))
    internal = outcome.sign_in.username
    # REFRESH_TOKEN_AUTH: SECRET_HASH of the internal username.
    request = srp_cognito.refresh(pool.client_id, result["RefreshToken"], client_secret=pool.client_secret, username=internal)
    refreshed = serve.initiate_auth(**request)["AuthenticationResult"]
    assert serve.get_user(AccessToken=refreshed["AccessToken"])["Username"] == internal
    got = serve.get_tokens_from_refresh_token(
        **srp_cognito.get_tokens_from_refresh_token(pool.client_id, result["RefreshToken"], client_secret=pool.client_secret)
    )["AuthenticationResult"]
    assert got["AccessToken"]
    # The new password signs in; the temporary one no longer does.
    signed_in(sign_in(serve, pool.pool_id, pool.client_id, pool.username, "N3w-passw0rd!", pool.client_secret))
    with pytest.raises(ClientError):
        sign_in(serve, pool.pool_id, pool.client_id, pool.username, "Temp-0rary!", pool.client_secret)


def test_remembered_device(serve: Any) -> None:
    pool = provision(serve, secret=True, devices=True)
    result = signed_in(sign_in(serve, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret))
    request, device = srp_cognito.confirm_device(result, "pytest")
    serve.confirm_device(**request)
    serve.update_device_status(**srp_cognito.update_device_status(result["AccessToken"], device.key, True))
    # Signed in again with the device: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER
    # answered by the core, and the token names the device.
    again = signed_in(sign_in(serve, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret, device))
    assert "NewDeviceMetadata" not in again
    claims = _claims(again["AccessToken"])
    assert claims["device_key"] == device.key
    # The device as the user and an administrator list it.
    mine = serve.list_devices(AccessToken=again["AccessToken"])["Devices"]
    assert [d["DeviceKey"] for d in mine] == [device.key]
    names = {a["Name"]: a["Value"] for a in mine[0]["DeviceAttributes"]}
    assert names["device_name"] == "pytest"
    assert names["dev:device_remembered_status"] == "remembered"
    listed = serve.admin_list_devices(UserPoolId=pool.pool_id, Username=pool.username)["Devices"]
    assert [d["DeviceKey"] for d in listed] == [device.key]
    got = serve.admin_get_device(UserPoolId=pool.pool_id, Username=pool.username, DeviceKey=device.key)
    assert got["Device"]["DeviceKey"] == device.key
    wrong = RememberedDevice(device.key, device.group_key, device.password[:-1] + ("A" if device.password[-1] != "A" else "B"))
    with pytest.raises(ClientError) as e:
        sign_in(serve, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret, wrong)
    assert code(e) == "NotAuthorizedException"


def _claims(token: str) -> dict[str, Any]:
    import base64
    import json

    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims


def test_moto(moto: Any) -> None:
    pool = provision(moto, secret=True)
    # moto's SECRET_BLOCK is not standard base64: strict decoding refuses it, typed.
    with pytest.raises(srp_cognito.SrpCognitoError) as refused:
        sign_in(moto, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret)
    assert refused.value.category == "bad_base64"
    result = signed_in(
        sign_in(moto, pool.pool_id, pool.client_id, pool.username, PASSWORD, pool.client_secret, lenient_secret_block=True)
    )
    assert moto.get_user(AccessToken=result["AccessToken"])["Username"] == pool.username
    # (moto does not check the claim's signature, so a wrong password is tested on serve.)
    with pytest.raises(ClientError) as e:
        sign_in(moto, pool.pool_id, pool.client_id, "nobody", PASSWORD, pool.client_secret, lenient_secret_block=True)
    assert code(e) in ("UserNotFoundException", "NotAuthorizedException")


# The pycognito drop-in.


def test_awssrp_drop_in(serve: Any) -> None:
    from srp_cognito.pycognito import AWSSRP, ForceChangePasswordException

    for secret in (False, True):
        pool = provision(serve, secret=secret)
        aws = AWSSRP(
            username=pool.username,
            password=PASSWORD,
            pool_id=pool.pool_id,
            client_id=pool.client_id,
            client=serve,
            client_secret=pool.client_secret,
        )
        tokens = aws.authenticate_user()
        assert tokens["AuthenticationResult"]["TokenType"] == "Bearer"
        assert AWSSRP.get_secret_hash("u", "c", "s") == srp_cognito.secret_hash("u", "c", "s")
        wrong = AWSSRP(pool.username, "Wr0ng-password!", pool.pool_id, pool.client_id, client=serve, client_secret=pool.client_secret)
        with pytest.raises(ClientError) as e:
            wrong.authenticate_user()
        assert code(e) == "NotAuthorizedException"
    fresh = provision(serve, confirmed=False)
    temporary = AWSSRP(fresh.username, "Temp-0rary!", fresh.pool_id, fresh.client_id, client=serve)
    with pytest.raises(ForceChangePasswordException):
        temporary.authenticate_user()
    tokens = temporary.set_new_password_challenge("N3w-passw0rd!")
    assert tokens["AuthenticationResult"]["AccessToken"]
    with pytest.raises(ValueError):
        AWSSRP("u", "p", fresh.pool_id, "c", client=serve, device_key="only-the-key")
    with pytest.raises(ValueError):
        AWSSRP("u", "p", fresh.pool_id, "c", pool_region="us-east-1", client=serve)


def test_pycognito_signs_in_with_the_drop_in(serve: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # pycognito's Cognito, unchanged, with its AWSSRP replaced by ours (the one line a
    # user changes), against serve: its tokens verified by pycognito against serve's JWKS.
    import pycognito

    import srp_cognito.pycognito

    calls: list[str] = []

    class Counting(srp_cognito.pycognito.AWSSRP):
        def authenticate_user(self, client: Any = None, client_metadata: Any = None) -> dict[str, Any]:
            calls.append(self.username)
            return super().authenticate_user(client, client_metadata)

    monkeypatch.setattr(pycognito, "AWSSRP", Counting)
    pool = provision(serve, secret=True)
    user = pycognito.Cognito(
        pool.pool_id,
        pool.client_id,
        user_pool_region="us-east-1",
        username=pool.username,
        client_secret=pool.client_secret,
        access_key="test",
        secret_key="test",
        boto3_client_kwargs={"endpoint_url": serve.meta.endpoint_url},
    )
    user.authenticate(password=PASSWORD)
    assert calls == [pool.username], "pycognito used our AWSSRP"
    assert user.access_claims["username"] == pool.username
    assert user.id_token and user.refresh_token
    # pycognito's own refresh with the tokens our AWSSRP obtained.
    user.renew_access_token()
    assert user.access_claims["token_use"] == "access"
    with pytest.raises(ClientError) as e:
        user.authenticate(password="Wr0ng-password!")
    assert code(e) == "NotAuthorizedException"
