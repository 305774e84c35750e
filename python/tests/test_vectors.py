"""Every vector file of test-vectors/ through `srp_cognito.vectors.compute`: each expected
field equal, each refusal of the expected category (FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import VECTORS
from srp_cognito.vectors import compute

FILES = sorted(p for p in VECTORS.glob("*.json"))


def test_the_vector_files_are_there() -> None:
    assert len(FILES) >= 8, FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_vector_file(path: Path) -> None:
    document = json.loads(path.read_text())
    if "vector" in document:
        # RFC 5054's appendix B: the inputs and v, A, B, S (client and server side).
        v = document["vector"]
        keys = ["I", "P", "s", "N", "g", "k", "x", "u", "a", "b"]
        out = compute({"kind": "rfc5054", "input": {k: v[k] for k in keys}})
        for k in ["v", "A", "B", "S"]:
            assert out[k] == v[k], k
        assert out["S_server"] == v["S"]
        return
    assert document["vectors"], f"{path.name} has no vectors"
    for vector in document["vectors"]:
        out = compute({"kind": vector["kind"], "input": vector["input"]})
        where = f"{path.name} {vector['id']}: {out}"
        if "error" in vector:
            assert out == {"error": vector["error"]}, where
        else:
            assert "error" not in out, where
            for key, want in vector["expected"].items():
                assert out[key] == want, f"{where}: {key}"


def test_compute_refuses_what_is_not_a_request() -> None:
    assert compute({"kind": "no_such_kind", "input": {}}) == {"error": "unknown_kind"}
    assert compute({"kind": "timestamp", "input": {"nope": 1}}) == {"error": "bad_input"}
    huge = "a" * (2 << 20)
    assert compute({"kind": "srp_a", "input": {"a": huge}}) == {"error": "bad_json"}
