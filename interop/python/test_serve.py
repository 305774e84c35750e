"""`srp-cognito serve` through clients no one here wrote: pycognito (its own SRP, sign-up,
password and TOTP methods) and boto3 (USER_PASSWORD_AUTH, AdminInitiateAuth, MFA_SETUP).
Run by cli/tests/interop.rs, which starts serve with `--code 246810` and passes SERVE_URL.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time
import uuid
from typing import Any, Optional

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from pycognito import Cognito
from pycognito.exceptions import SoftwareTokenMFAChallengeException

URL = os.environ["SERVE_URL"]
CODE = "246810"
PASSWORD = "Correct-Horse-7!"


def totp(secret: str, at: Optional[float] = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as authenticator apps compute it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture(scope="module")
def idp() -> Any:
    return boto3.client(
        "cognito-idp",
        endpoint_url=URL,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 1}),
    )


def pool(idp: Any, *, secret: bool = False, prevent: bool = False, mfa: str = "OFF") -> tuple[str, str, Optional[str]]:
    pool_id = idp.create_user_pool(PoolName="py-" + uuid.uuid4().hex[:6], MfaConfiguration=mfa)["UserPool"]["Id"]
    app = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="py",
        GenerateSecret=secret,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
        PreventUserExistenceErrors="ENABLED" if prevent else "LEGACY",
    )["UserPoolClient"]
    return pool_id, app["ClientId"], app.get("ClientSecret")


def user(idp: Any, pool_id: str, name: str) -> None:
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)


def cognito(pool_id: str, client_id: str, secret: Optional[str], name: str) -> Cognito:
    return Cognito(pool_id, client_id, user_pool_region="us-east-1", username=name,
                   client_secret=secret, access_key="test", secret_key="test",
                   boto3_client_kwargs={"endpoint_url": URL})


def code(error: pytest.ExceptionInfo[ClientError]) -> str:
    name: str = error.value.response["Error"]["Code"]
    return name


def test_user_password_auth_and_admin_flows(idp: Any) -> None:
    pool_id, client_id, secret = pool(idp, secret=True)
    user(idp, pool_id, "carol")
    u = cognito(pool_id, client_id, secret, "carol")
    # ADMIN_NO_SRP_AUTH through pycognito's admin_authenticate.
    u.admin_authenticate(PASSWORD)
    assert u.access_claims["username"] == "carol"
    from pycognito.aws_srp import AWSSRP

    hashed = AWSSRP.get_secret_hash("carol", client_id, secret)
    result = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "carol", "PASSWORD": PASSWORD, "SECRET_HASH": hashed})
    assert result["AuthenticationResult"]["AccessToken"]
    admin = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "carol", "PASSWORD": PASSWORD, "SECRET_HASH": hashed})
    assert admin["AuthenticationResult"]["IdToken"]
    with pytest.raises(ClientError) as e:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "carol", "PASSWORD": "Wr0ng!", "SECRET_HASH": hashed})
    assert code(e) == "NotAuthorizedException"
    # The admin flow is not open to InitiateAuth.
    with pytest.raises(ClientError) as e:
        idp.initiate_auth(ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "carol", "PASSWORD": PASSWORD, "SECRET_HASH": hashed})
    assert code(e) == "InvalidParameterException"
    # A client without the flow: refused.
    narrow = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="srp-only",
                                         ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"])["UserPoolClient"]["ClientId"]
    with pytest.raises(ClientError) as e:
        idp.initiate_auth(ClientId=narrow, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "carol", "PASSWORD": PASSWORD})
    assert code(e) == "InvalidParameterException"
    # AdminInitiateAuth with USER_SRP_AUTH, the SRP math pycognito's AWSSRP's own, then
    # AdminRespondToAuthChallenge; a claim for a wrong password refused.
    for password, right in [(PASSWORD, True), ("Wr0ng-Horse!", False)]:
        srp = AWSSRP("carol", password, pool_id, client_id, client=idp, client_secret=secret)
        parameters = srp.get_auth_params()
        challenge = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id,
                                            AuthFlow="USER_SRP_AUTH", AuthParameters=parameters)
        assert challenge["ChallengeName"] == "PASSWORD_VERIFIER"
        answer = lambda: idp.admin_respond_to_auth_challenge(  # noqa: E731
            UserPoolId=pool_id, ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
            Session=challenge["Session"],
            ChallengeResponses=srp.process_challenge(challenge["ChallengeParameters"], parameters))
        if right:
            assert answer()["AuthenticationResult"]["AccessToken"]
        else:
            with pytest.raises(ClientError) as e:
                answer()
            assert code(e) == "NotAuthorizedException"
    # pycognito's SRP through InitiateAuth; a disabled user is refused.
    u.authenticate(PASSWORD)
    idp.admin_disable_user(UserPoolId=pool_id, Username="carol")
    with pytest.raises(ClientError) as e:
        u.authenticate(PASSWORD)
    assert code(e) == "NotAuthorizedException" and "disabled" in str(e.value)


@pytest.mark.parametrize("prevent", [False, True], ids=["LEGACY", "ENABLED"])
def test_user_existence_errors(idp: Any, prevent: bool) -> None:
    pool_id, client_id, _ = pool(idp, prevent=prevent)
    user(idp, pool_id, "dora")
    described = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
    assert described["PreventUserExistenceErrors"] == ("ENABLED" if prevent else "LEGACY")
    with pytest.raises(ClientError) as e:
        idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "nobody", "PASSWORD": PASSWORD})
    assert code(e) == ("NotAuthorizedException" if prevent else "UserNotFoundException")
    srp = lambda: idp.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH",  # noqa: E731
                                    AuthParameters={"USERNAME": "nobody", "SRP_A": "ab" * 384})
    if prevent:
        # A simulated first step: the same salt and internal id each time.
        first, second = srp(), srp()
        assert first["ChallengeName"] == "PASSWORD_VERIFIER"
        p1, p2 = first["ChallengeParameters"], second["ChallengeParameters"]
        assert p1["SALT"] == p2["SALT"] and p1["USER_ID_FOR_SRP"] == p2["USER_ID_FOR_SRP"]
        # Shaped as a real user's in a pool of usernames: the name itself.
        assert p1["USER_ID_FOR_SRP"] == "nobody"
        assert p1["SRP_B"] != p2["SRP_B"]
        # pycognito's whole sign-in of the nobody: the wrong password's answer.
        with pytest.raises(ClientError) as e:
            cognito(pool_id, client_id, None, "nobody").authenticate(PASSWORD)
        assert code(e) == "NotAuthorizedException"
        # ForgotPassword answers as for a user that exists.
        assert idp.forgot_password(ClientId=client_id, Username="nobody")["CodeDeliveryDetails"]
    else:
        with pytest.raises(ClientError) as e:
            srp()
        assert code(e) == "UserNotFoundException"
        with pytest.raises(ClientError) as e:
            idp.forgot_password(ClientId=client_id, Username="nobody")
        assert code(e) == "UserNotFoundException"


def test_sign_up_confirm_forgot_and_change_password(idp: Any) -> None:
    pool_id, client_id, secret = pool(idp, secret=True)
    u = cognito(pool_id, client_id, secret, "erin")
    u.set_base_attributes(email="erin@example.com")
    signed_up = u.register("erin", PASSWORD)
    assert signed_up["UserConfirmed"] is False
    assert signed_up["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    # Unconfirmed: the password is right but the user may not sign in yet.
    with pytest.raises(ClientError) as e:
        u.authenticate(PASSWORD)
    assert code(e) == "UserNotConfirmedException"
    with pytest.raises(ClientError) as e:
        u.confirm_sign_up("000000")
    assert code(e) == "CodeMismatchException"
    u.confirm_sign_up(CODE)
    got = idp.admin_get_user(UserPoolId=pool_id, Username="erin")
    assert got["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in got["UserAttributes"]
    u.authenticate(PASSWORD)
    # ChangePassword: the old one no longer signs in, the new one does.
    u.change_password(PASSWORD, "N3w-Horse-8!")
    with pytest.raises(ClientError):
        u.authenticate(PASSWORD)
    u.authenticate("N3w-Horse-8!")
    with pytest.raises(ClientError) as e:
        u.change_password("not-it", "0ther-Horse-9!")
    assert code(e) == "NotAuthorizedException"
    # ForgotPassword, then the code and a third password.
    u.initiate_forgot_password()
    with pytest.raises(ClientError) as e:
        u.confirm_forgot_password("000000", "Th1rd-Horse-9!")
    assert code(e) == "CodeMismatchException"
    u.confirm_forgot_password(CODE, "Th1rd-Horse-9!")
    u.authenticate("Th1rd-Horse-9!")
    # An administrator's reset: the sign-in is refused until the password is reset with
    # the code (pycognito's admin_reset_password and confirm_forgot_password).
    u.admin_reset_password("erin")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="erin")["UserStatus"] == "RESET_REQUIRED"
    with pytest.raises(ClientError) as e:
        u.authenticate("Th1rd-Horse-9!")
    assert code(e) == "PasswordResetRequiredException"
    u.confirm_forgot_password(CODE, "F0urth-Horse-1!")
    u.authenticate("F0urth-Horse-1!")
    # ResendConfirmationCode: only while unconfirmed.
    w = cognito(pool_id, client_id, secret, "gwen")
    w.set_base_attributes(email="gwen@example.com")
    w.register("gwen", PASSWORD)
    w.resend_confirmation_code("gwen")
    w.confirm_sign_up(CODE)
    with pytest.raises(ClientError) as e:
        w.resend_confirmation_code("gwen")
    assert code(e) == "InvalidParameterException"
    # AdminConfirmSignUp of another sign-up; a second sign-up of the same name refused.
    v = cognito(pool_id, client_id, secret, "fred")
    v.register("fred", PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="fred")
    v.authenticate(PASSWORD)
    with pytest.raises(ClientError) as e:
        v.register("fred", PASSWORD)
    assert code(e) == "UsernameExistsException"


def test_totp_through_pycognito(idp: Any) -> None:
    pool_id, client_id, secret = pool(idp, secret=True, mfa="OPTIONAL")
    user(idp, pool_id, "gina")
    u = cognito(pool_id, client_id, secret, "gina")
    u.authenticate(PASSWORD)
    shared = u.associate_software_token()
    assert len(shared) == 32
    assert not _verifies(u, "000000")
    assert u.verify_software_token(totp(shared), "phone")
    u.set_user_mfa_preference(False, True, "SOFTWARE_TOKEN")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="gina")["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    # Signing in now asks for the code: pycognito raises, then answers with it.
    with pytest.raises(SoftwareTokenMFAChallengeException):
        u.authenticate(PASSWORD)
    with pytest.raises(ClientError) as e:
        u.respond_to_software_token_mfa_challenge("000000")
    assert code(e) == "CodeMismatchException"
    with pytest.raises(SoftwareTokenMFAChallengeException):
        u.authenticate(PASSWORD)
    u.respond_to_software_token_mfa_challenge(totp(shared))
    assert u.access_claims["username"] == "gina"
    # Turned off again: no challenge; then on by an administrator.
    u.set_user_mfa_preference(False, False)
    u.authenticate(PASSWORD)
    idp.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="gina",
                                      SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    with pytest.raises(SoftwareTokenMFAChallengeException):
        u.authenticate(PASSWORD)
    # The pool's MFA turned off: no second factor asked, whatever the users chose.
    idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OFF")
    assert idp.get_user_pool_mfa_config(UserPoolId=pool_id)["MfaConfiguration"] == "OFF"
    u.authenticate(PASSWORD)
    # A user who never verified an authenticator cannot choose it.
    user(idp, pool_id, "ivan")
    with pytest.raises(ClientError) as e:
        idp.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="ivan",
                                          SoftwareTokenMfaSettings={"Enabled": True})
    assert code(e) == "InvalidParameterException"


def _verifies(u: Cognito, given: str) -> bool:
    try:
        return bool(u.verify_software_token(given))
    except ClientError as error:
        assert error.response["Error"]["Code"] == "EnableSoftwareTokenMFAException"
        return False


def test_mfa_setup_through_boto3(idp: Any) -> None:
    # MfaConfiguration ON: a user without MFA is asked to set it up (MFA_SETUP), with
    # AssociateSoftwareToken and VerifySoftwareToken under the challenge's session.
    pool_id, client_id, _ = pool(idp, mfa="ON")
    user(idp, pool_id, "hank")
    first = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "hank", "PASSWORD": PASSWORD})
    assert first["ChallengeName"] == "MFA_SETUP"
    associated = idp.associate_software_token(Session=first["Session"])
    shared = associated["SecretCode"]
    verified = idp.verify_software_token(Session=associated["Session"], UserCode=totp(shared))
    assert verified["Status"] == "SUCCESS"
    done = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="MFA_SETUP",
                                         Session=verified["Session"], ChallengeResponses={"USERNAME": "hank"})
    assert done["AuthenticationResult"]["AccessToken"]
    # From now on SOFTWARE_TOKEN_MFA, answered with the code.
    second = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "hank", "PASSWORD": PASSWORD})
    assert second["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    tokens = idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA",
                                           Session=second["Session"],
                                           ChallengeResponses={"USERNAME": "hank", "SOFTWARE_TOKEN_MFA_CODE": totp(shared)})
    assert tokens["AuthenticationResult"]["IdToken"]
    assert idp.get_user_pool_mfa_config(UserPoolId=pool_id)["MfaConfiguration"] == "ON"
