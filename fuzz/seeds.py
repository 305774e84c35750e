#!/usr/bin/env python3
"""Writes the fuzz corpora's seeds (corpus/<target>/seed-*) from ../test-vectors/*.json."""
import glob, hashlib, json, os

here = os.path.dirname(os.path.abspath(__file__))
seeds = {"encodings": set(), "compute": set(), "challenge": set()}
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
for target, items in seeds.items():
    directory = os.path.join(here, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    for item in items:
        data = item.encode()
        with open(os.path.join(directory, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
            f.write(data)
    print(f"{target}: {len(items)} seeds")
