#!/usr/bin/env python3
"""Writes the fuzz corpora's seeds (corpus/<target>/seed-*) from ../test-vectors/*.json."""
import glob, hashlib, json, os

here = os.path.dirname(os.path.abspath(__file__))
seeds = {"encodings": set(), "compute": set(), "challenge": set(), "serve": set()}
for path in glob.glob(os.path.join(here, "..", "test-vectors", "*.json")):
    doc = json.load(open(path))
    for v in doc.get("vectors", []):
        i = v["input"]
        seeds["compute"].add(json.dumps({"kind": v["kind"], "input": i}))
        for key in ("pool_id", "timestamp", "srp_b", "salt", "a", "secret_block", "value"):
            if isinstance(i.get(key), str):
                seeds["encodings"].add(i[key])
        if v["kind"] in ("password_verifier", "device_password_verifier"):
            params = {"SALT": i["salt"], "SRP_B": i["srp_b"], "USERNAME": "6f1d3f2a"}
            if "secret_block" in i:
                params["SECRET_BLOCK"] = i["secret_block"]
            if "user_id_for_srp" in i:
                params["USER_ID_FOR_SRP"] = i["user_id_for_srp"]
            name = "PASSWORD_VERIFIER" if v["kind"] == "password_verifier" else "DEVICE_PASSWORD_VERIFIER"
            seeds["challenge"].add(name + "\n" + json.dumps(params))
    if "vector" in doc:
        seeds["compute"].add(json.dumps({"kind": "rfc5054", "input": doc["vector"]}))
for name in ["SMS_MFA", "SMS_OTP", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE",
             "SELECT_CHALLENGE", "MFA_SETUP", "CUSTOM_CHALLENGE", "DEVICE_SRP_AUTH",
             "NEW_PASSWORD_REQUIRED", "PASSWORD", "PASSWORD_SRP", "WEB_AUTHN",
             "ADMIN_NO_SRP_AUTH", "SOMETHING_NEW"]:
    seeds["challenge"].add(name + "\n" + json.dumps({"USERNAME": "6f1d3f2a", "USER_ID_FOR_SRP": "6f1d3f2a"}))
# serve: a selector byte (< 0x80: an operation's index, the body after it; >= 0x80: raw
# HTTP), with $POOL and $CLIENT standing for the provisioned pool and client.
operations = ["CreateUserPool", "DescribeUserPool", "ListUserPools", "CreateUserPoolClient",
              "AdminCreateUser", "AdminSetUserPassword", "AdminGetUser", "InitiateAuth",
              "RespondToAuthChallenge", "GetTokensFromRefreshToken", "ConfirmDevice",
              "UpdateDeviceStatus", "ForgetDevice", "GetUser"]
srp_a = "4d4f4e" + "a1" * 380
bodies = {
    "CreateUserPool": {"PoolName": "p", "UsernameAttributes": ["email"],
                       "DeviceConfiguration": {"DeviceOnlyRememberedOnUserPrompt": True}},
    "DescribeUserPool": {"UserPoolId": "$POOL"},
    "ListUserPools": {"MaxResults": 10},
    "CreateUserPoolClient": {"UserPoolId": "$POOL", "ClientName": "c", "GenerateSecret": True,
                             "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]},
    "AdminCreateUser": {"UserPoolId": "$POOL", "Username": "a@example.com",
                        "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]},
    "AdminSetUserPassword": {"UserPoolId": "$POOL", "Username": "fuzz", "Password": "p",
                             "Permanent": False},
    "AdminGetUser": {"UserPoolId": "$POOL", "Username": "fuzz@example.com"},
    "InitiateAuth": {"ClientId": "$CLIENT", "AuthFlow": "USER_SRP_AUTH",
                     "AuthParameters": {"USERNAME": "fuzz", "SRP_A": srp_a, "DEVICE_KEY": "k"}},
    "RespondToAuthChallenge": {"ClientId": "$CLIENT", "ChallengeName": "PASSWORD_VERIFIER",
                               "ChallengeResponses": {"USERNAME": "fuzz", "TIMESTAMP": "Tue Nov 3 08:05:09 UTC 2026",
                                                      "PASSWORD_CLAIM_SECRET_BLOCK": "AAAA",
                                                      "PASSWORD_CLAIM_SIGNATURE": "AAAA"}},
    "GetTokensFromRefreshToken": {"ClientId": "$CLIENT", "RefreshToken": "r"},
    "ConfirmDevice": {"AccessToken": "e30.e30.e30", "DeviceKey": "k",
                      "DeviceSecretVerifierConfig": {"PasswordVerifier": "AAAA", "Salt": "AAAA"}},
    "UpdateDeviceStatus": {"AccessToken": "e30.e30.e30", "DeviceKey": "k",
                           "DeviceRememberedStatus": "remembered"},
    "ForgetDevice": {"AccessToken": "e30.e30.e30"},
    "GetUser": {"AccessToken": "e30.e30.e30"},
}
for index, operation in enumerate(operations):
    body = json.dumps(bodies[operation])
    seeds["serve"].add(chr(index) + body)
    request = ("POST / HTTP/1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService." + operation
               + "\r\nContent-Length: " + str(len(body)) + "\r\n\r\n" + body)
    seeds["serve"].add(chr(0x80) + request)
seeds["serve"].add(chr(0x80) + "GET /$POOL/.well-known/jwks.json HTTP/1.1\r\n\r\nOPTIONS / HTTP/1.1\r\n\r\n")
for target, items in seeds.items():
    directory = os.path.join(here, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    for item in items:
        data = item.encode("latin-1") if target == "serve" else item.encode()
        with open(os.path.join(directory, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
            f.write(data)
    print(f"{target}: {len(items)} seeds")
