"""The extension module (Rust, PyO3): JSON text in and out. Use :mod:`srp_cognito`."""

from typing import Optional

MAX_JSON_BYTES: int
MAX_AUTOMATIC_ANSWERS: int

class SrpCognitoError(Exception):
    """A refusal of srp-cognito; ``category`` names it (``bad_hex``, ``out_of_turn``, ...)."""

    category: str

class SignIn:
    def __init__(
        self,
        options: str,
        password: str,
        client_secret: Optional[str] = None,
        device_password: Optional[str] = None,
    ) -> None: ...
    def start(self) -> str: ...
    def start_with(self, a: str) -> str: ...
    def next(self, output: str, unix_seconds: int) -> str: ...
    def answer(self, answer: Optional[str] = None, attributes: Optional[str] = None) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def pending(self) -> Optional[str]: ...

def secret_hash(username: str, client_id: str, client_secret: str) -> str: ...
def confirm_device(result: str, device_name: Optional[str] = None) -> str: ...
def update_device_status(access_token: str, device_key: str, remembered: bool) -> str: ...
def refresh(
    client_id: str,
    client_secret: Optional[str],
    refresh_token: str,
    username: Optional[str] = None,
    device_key: Optional[str] = None,
) -> str: ...
def get_tokens_from_refresh_token(
    client_id: str,
    client_secret: Optional[str],
    refresh_token: str,
    device_key: Optional[str] = None,
) -> str: ...
def backend() -> str: ...
def compute(request: str) -> str:
    """Only in a build with the ``vectors`` feature (see :mod:`srp_cognito.vectors`)."""
def select_backend(name: str) -> None:
    """Only in a build with the ``vectors`` feature: the arithmetic backend, for benchmarks."""
