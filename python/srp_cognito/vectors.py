"""The test-vector harness of ``test-vectors/FORMAT.md``, for people checking an SRP
implementation against srp-cognito's vectors.

Only in a build with the ``vectors`` feature (``maturin build --features vectors``, or
``MATURIN_PEP517_ARGS="--features vectors" pip install ./python``): what a plain
``pip install ./python`` builds carries no harness and none of the intermediates
(``x``, ``S``, the key) it exposes. ``compute`` does not wipe its request: test vectors
only, never real secrets.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping

from . import _native

__all__ = ["compute"]

if not hasattr(_native, "compute"):
    raise ImportError(
        "srp_cognito.vectors: this build has no vector harness "
        "(build with `--features vectors`)"
    )


def compute(request: Mapping[str, Any]) -> Dict[str, Any]:
    """A FORMAT.md request (``{"kind": ..., "input": {...}}``) in; the expected object,
    or ``{"error": category}`` for a refusal, out."""
    result: Dict[str, Any] = json.loads(_native.compute(json.dumps(dict(request))))
    return result
