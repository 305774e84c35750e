"""pycognito (with boto3) signs in to `srp-cognito serve`.

Reads SERVE_URL, POOL_ID, CLIENT_ID, COGNITO_USERNAME, COGNITO_PASSWORD and, for app
clients with a secret, CLIENT_SECRET from the environment. pycognito verifies the tokens
with the JWKS it fetches from SERVE_URL/POOL_ID/.well-known/jwks.json. Prints
{"username": ...} and exits 0 on tokens; prints the error's code and exits 1 on a refusal.
"""

import json
import os
import sys

from botocore.exceptions import ClientError
from pycognito import Cognito


def main() -> int:
    env = os.environ
    user = Cognito(
        env["POOL_ID"],
        env["CLIENT_ID"],
        user_pool_region="us-east-1",
        username=env["COGNITO_USERNAME"],
        client_secret=env.get("CLIENT_SECRET"),
        access_key="test",
        secret_key="test",
        boto3_client_kwargs={"endpoint_url": env["SERVE_URL"]},
    )
    try:
        user.authenticate(password=env["COGNITO_PASSWORD"])
    except ClientError as error:
        print(json.dumps({"error": error.response["Error"]["Code"]}))
        return 1
    claims = user.access_claims
    print(json.dumps({"username": claims["username"], "token_use": claims["token_use"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
