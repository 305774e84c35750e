"""The API deterministically against the vectors (start_with and a given clock reproduce
a PASSWORD_VERIFIER response byte for byte), and its refusals: typed SrpCognitoError with
the category, never a crash."""

from __future__ import annotations

import calendar
import json
import threading
import time
from typing import Any

import pytest

import srp_cognito
from conftest import VECTORS
from srp_cognito import Pending, Respond, SignIn, SignedIn, SrpCognitoError


def load(name: str) -> list[dict[str, Any]]:
    vectors: list[dict[str, Any]] = json.loads((VECTORS / name).read_text())["vectors"]
    return vectors


def unix(timestamp: str) -> int:
    return calendar.timegm(time.strptime(timestamp, "%a %b %d %H:%M:%S UTC %Y"))


def challenge(input: dict[str, str], username: str = "internal-name") -> dict[str, Any]:
    return {
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {
            "USERNAME": username,
            "USER_ID_FOR_SRP": input["user_id_for_srp"],
            "SALT": input["salt"],
            "SRP_B": input["srp_b"],
            "SECRET_BLOCK": input["secret_block"],
        },
        "Session": "the-session",
        "ResponseMetadata": {"HTTPStatusCode": 200, "RetryAttempts": 0},
    }


def test_sign_in_reproduces_every_password_verifier_vector() -> None:
    vectors = load("password_verifier.json")
    assert vectors
    for vector in vectors:
        input, expected = vector["input"], vector["expected"]
        s = SignIn(input["pool_id"], "client", "typed-alias", input["password"])
        initiate = s.start_with(input["a"])
        assert initiate["AuthFlow"] == "USER_SRP_AUTH"
        assert initiate["ClientId"] == "client"
        assert initiate["AuthParameters"]["SRP_A"] == expected["srp_a"], vector["id"]
        assert initiate["AuthParameters"]["USERNAME"] == "typed-alias"
        step = s.next(challenge(input), now=unix(input["timestamp"]))
        assert isinstance(step, Respond)
        r = step.request["ChallengeResponses"]
        assert r["TIMESTAMP"] == input["timestamp"], vector["id"]
        assert r["PASSWORD_CLAIM_SIGNATURE"] == expected["password_claim_signature"], vector["id"]
        assert r["USERNAME"] == "internal-name", "the challenge's USERNAME, not the alias"
        assert step.request["Session"] == "the-session"
        assert step.request["ChallengeName"] == "PASSWORD_VERIFIER"
        assert s.username == "internal-name"


def test_secret_hash_matches_the_vector() -> None:
    vector = load("secret_hash.json")[0]
    i = vector["input"]
    got = srp_cognito.secret_hash(i["username"], i["client_id"], i["client_secret"])
    assert got == vector["expected"]["secret_hash"]


def category(excinfo: pytest.ExceptionInfo[SrpCognitoError]) -> str:
    return excinfo.value.category


def test_refusals_are_typed_with_their_category() -> None:
    with pytest.raises(SrpCognitoError) as e:
        SignIn("no-underscore", "c", "u", "p")
    assert category(e) == "bad_pool_id"
    with pytest.raises(SrpCognitoError) as e:
        SignIn("us-east-1_Abc", "c", "u", "p", flow="USER_PASSWORD_AUTH")
    assert category(e) == "bad_input"
    with pytest.raises(SrpCognitoError) as e:
        options = {"poolId": "us-east-1_Abc", "clientId": "c", "username": "u", "deviceKey": "k"}
        srp_cognito._native.SignIn(json.dumps(options), "p")
    assert category(e) == "bad_input", "a partial device"
    s = SignIn("us-east-1_Abc", "c", "u", "p")
    with pytest.raises(SrpCognitoError) as e:
        s.next({})
    assert category(e) == "out_of_turn", "next before start"
    s.start()
    with pytest.raises(SrpCognitoError) as e:
        s.start()
    assert category(e) == "out_of_turn"
    with pytest.raises(SrpCognitoError) as e:
        s.answer("123456")
    assert category(e) == "out_of_turn", "nothing pending"
    b_zero = {"user_id_for_srp": "u", "salt": "01", "srp_b": "0", "secret_block": "AA=="}
    with pytest.raises(SrpCognitoError) as e:
        s.next(challenge(b_zero))
    assert category(e) == "b_mod_n_zero"
    with pytest.raises(SrpCognitoError) as e:
        srp_cognito.secret_hash("u", "c", "")
    assert category(e) == "empty_input"
    with pytest.raises(SrpCognitoError) as e:
        srp_cognito.confirm_device({"AccessToken": "t"})
    assert category(e) == "missing_parameter"
    with pytest.raises(SrpCognitoError) as e:
        SignIn("us-east-1_Abc", "c", "u", "p").start_with("zz")
    assert category(e) == "bad_hex"


def test_hostile_input_is_refused_typed_and_fast() -> None:
    s = SignIn("us-east-1_Abc", "c", "u", "p")
    s.start()
    huge = {"user_id_for_srp": "u", "salt": "01", "srp_b": "f" * (50 << 20), "secret_block": "AA=="}
    began = time.monotonic()
    with pytest.raises(SrpCognitoError) as e:
        s.next(challenge(huge))
    assert category(e) == "too_large"
    with pytest.raises(SrpCognitoError) as e:
        SignIn("us-east-1_Abc", "c", "u", "p").start_with("1" * (50 << 20))
    assert category(e) in ("too_large", "a_out_of_range")
    with pytest.raises(TypeError):
        s.next({"ChallengeName": object()})  # not JSON: Python's own error, before Rust
    assert time.monotonic() - began < 5


def test_pending_challenges_are_handed_back_and_answered() -> None:
    s = SignIn("us-east-1_Abc", "c", "alice", "p")
    s.start()
    step = s.next({
        "ChallengeName": "SOFTWARE_TOKEN_MFA",
        "ChallengeParameters": {"USERNAME": "internal"},
        "Session": "s1",
    })
    assert step == Pending("SOFTWARE_TOKEN_MFA")
    assert s.pending == "SOFTWARE_TOKEN_MFA"
    request = s.answer("123456")
    assert request["ChallengeResponses"] == {"USERNAME": "internal", "SOFTWARE_TOKEN_MFA_CODE": "123456"}
    assert request["Session"] == "s1"
    token = "access-token-marker"
    done = s.next({"AuthenticationResult": {"AccessToken": token, "IdToken": "i", "ExpiresIn": 3600, "TokenType": "Bearer"}})
    assert isinstance(done, SignedIn)
    assert done.result["AccessToken"] == token
    # Secrets stay out of reprs.
    assert token not in repr(done)
    assert "password-marker" not in repr(SignIn("us-east-1_Abc", "c", "u", "password-marker"))


def test_new_password_with_attributes() -> None:
    s = SignIn("us-east-1_Abc", "c", "alice", "old", client_secret="shh")
    s.start()
    step = s.next({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": {"USERNAME": "alice"}, "Session": "x"})
    assert isinstance(step, Pending)
    request = s.answer("N3w-password!", {"name": "Alice"})
    r = request["ChallengeResponses"]
    assert r["NEW_PASSWORD"] == "N3w-password!"
    assert r["userAttributes.name"] == "Alice"
    assert r["SECRET_HASH"] == srp_cognito.secret_hash("alice", "c", "shh")


def test_the_big_number_work_releases_the_gil() -> None:
    # While this thread is inside a sign-in's native call, another Python thread can run
    # only if the call released the GIL. The other thread counts; each call checks whether
    # the count moved while it ran. Held, it could not (but for the two bytecodes between
    # reading the count and the call); released, it moves in most calls, whether the
    # machine gives the two threads two cores or shares one (no timing is asserted).
    vector = load("password_verifier.json")[0]["input"]
    count = 0
    stop = False

    def counter() -> None:
        nonlocal count
        while not stop:
            count += 1

    thread = threading.Thread(target=counter, daemon=True)
    thread.start()
    moved = calls = 0
    try:
        for _ in range(100):
            s = SignIn(vector["pool_id"], "c", "u", vector["password"])
            s.start()
            response = challenge(vector)
            before = count
            s.next(response)
            moved += count != before
            calls += 1
    finally:
        stop = True
        thread.join()
    assert moved >= calls // 4, f"another thread ran during {moved} of {calls} native calls"


def test_refresh_and_device_requests() -> None:
    r = srp_cognito.refresh("c", "rt", client_secret="shh", username="internal", device_key="dk")
    assert r["AuthFlow"] == "REFRESH_TOKEN_AUTH"
    assert r["AuthParameters"]["SECRET_HASH"] == srp_cognito.secret_hash("internal", "c", "shh")
    assert r["AuthParameters"]["DEVICE_KEY"] == "dk"
    g = srp_cognito.get_tokens_from_refresh_token("c", "rt", client_secret="shh", device_key="dk")
    assert g == {"ClientId": "c", "RefreshToken": "rt", "ClientSecret": "shh", "DeviceKey": "dk"}
    u = srp_cognito.update_device_status("at", "dk", True)
    assert u["DeviceRememberedStatus"] == "remembered"
    request, device = srp_cognito.confirm_device(
        {"AccessToken": "at", "NewDeviceMetadata": {"DeviceKey": "us-east-1_dk", "DeviceGroupKey": "-grp"}},
        "laptop",
    )
    assert request["DeviceKey"] == "us-east-1_dk" and request["DeviceName"] == "laptop"
    assert set(request["DeviceSecretVerifierConfig"]) == {"PasswordVerifier", "Salt"}
    assert device.key == "us-east-1_dk" and device.group_key == "-grp" and len(device.password) > 20
    assert device.password not in repr(device)
