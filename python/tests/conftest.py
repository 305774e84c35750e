"""Fixtures: boto3 clients of `srp-cognito serve` (started by tests/python.rs, which
passes SERVE_URL) and of moto's server (started here, in-process), and provisioning."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import boto3
import pytest
from botocore.config import Config

VECTORS = Path(__file__).resolve().parents[2] / "test-vectors"
PASSWORD = "Corr3ct-horse!"
# Every call has a timeout; no retry hides a refusal.
CONFIG = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 1})


def cognito(url: str) -> Any:
    return boto3.client(
        "cognito-idp",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=CONFIG,
    )


@pytest.fixture(scope="session")
def serve() -> Any:
    url = os.environ.get("SERVE_URL")
    if not url:
        pytest.fail("SERVE_URL is not set: run these tests through `cargo test -p srp-cognito-python`")
    return cognito(url)


@pytest.fixture(scope="session")
def moto() -> Iterator[Any]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield cognito(f"http://{host}:{port}")
    finally:
        server.stop()


@dataclass
class Pool:
    client: Any
    pool_id: str
    client_id: str
    client_secret: Optional[str]
    username: str


def provision(
    client: Any,
    *,
    secret: bool = False,
    devices: bool = False,
    email: bool = False,
    confirmed: bool = True,
) -> Pool:
    """A pool (remembering devices when asked), an app client and a user with PASSWORD."""
    body: dict[str, Any] = {"PoolName": "py-" + uuid.uuid4().hex[:8]}
    if devices:
        body["DeviceConfiguration"] = {
            "ChallengeRequiredOnNewDevice": False,
            "DeviceOnlyRememberedOnUserPrompt": False,
        }
    if email:
        body["UsernameAttributes"] = ["email"]
    pool_id = client.create_user_pool(**body)["UserPool"]["Id"]
    app = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="py",
        GenerateSecret=secret,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    username = "alice@example.com" if email else "alice"
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword="Temp-0rary!",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
    )
    if confirmed:
        client.admin_set_user_password(
            UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True
        )
    return Pool(client, pool_id, app["ClientId"], app.get("ClientSecret"), username)
