"""One sign-in's client work (SRP_A, then the PASSWORD_VERIFIER response), timed in one
Python process with the implementations interleaved round by round, so that the
machine's noise falls on all of them alike: srp-cognito (the real path: SignIn.start and
SignIn.next, JSON and all), pycognito's AWSSRP math (its constructor draws a and computes
A; process_challenge the rest) and warrant-lite's (the same, as pycognito forked it).

    python python/benches/sign_in.py [--rounds N] [--json] [--backend portable]

Prints each implementation's median and its ratio to pycognito's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any, Callable, Dict, List

import srp_cognito

VECTOR = json.loads(
    (Path(__file__).resolve().parents[2] / "test-vectors" / "password_verifier.json").read_text()
)["vectors"][0]["input"]
PARAMETERS = {
    "USERNAME": "alice",
    "USER_ID_FOR_SRP": VECTOR["user_id_for_srp"],
    "SALT": VECTOR["salt"],
    "SRP_B": VECTOR["srp_b"],
    "SECRET_BLOCK": VECTOR["secret_block"],
}
CHALLENGE = {"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": PARAMETERS, "Session": "s"}
POOL = VECTOR["pool_id"]


def ours() -> None:
    s = srp_cognito.SignIn(POOL, "client", "alice", VECTOR["password"])
    s.start()
    step = s.next(CHALLENGE)
    assert isinstance(step, srp_cognito.Respond)


def pycognito() -> None:
    from pycognito.aws_srp import AWSSRP

    aws = AWSSRP("alice", VECTOR["password"], POOL, "client", client=object())
    aws.process_challenge(PARAMETERS, aws.get_auth_params())


def warrant_lite() -> None:
    import contextlib

    import warrant_lite
    from warrant_lite import WarrantLite

    # warrant-lite switches to the en_US.UTF-8 locale around strftime, which this
    # machine lacks; its C locale formats the same English timestamp. The math is as is.
    warrant_lite.temp_locale = lambda _: contextlib.nullcontext()

    w = WarrantLite("alice", VECTOR["password"], POOL, "client", client=object())
    w.process_challenge(PARAMETERS)


IMPLEMENTATIONS: Dict[str, Callable[[], None]] = {
    "srp-cognito": ours,
    "pycognito 2024.5.1 (AWSSRP)": pycognito,
    "warrant-lite 1.0.4": warrant_lite,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=41)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--backend",
        help="srp-cognito's arithmetic backend (portable, avx512ifma): "
        "needs a build with the vectors feature",
    )
    args = parser.parse_args()
    if args.backend:
        srp_cognito._native.select_backend(args.backend)
    for run in IMPLEMENTATIONS.values():  # warm-up: imports, the comb tables
        run()
    samples: Dict[str, List[float]] = {name: [] for name in IMPLEMENTATIONS}
    for _ in range(args.rounds):
        for name, run in IMPLEMENTATIONS.items():
            began = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - began)
    base = statistics.median(samples["pycognito 2024.5.1 (AWSSRP)"])
    report: List[Dict[str, Any]] = []
    for name, times in samples.items():
        median = statistics.median(times)
        report.append({"implementation": name, "median_ms": median * 1e3, "ratio": median / base})
    if args.json:
        print(json.dumps({"rounds": args.rounds, "backend": srp_cognito.backend(), "results": report}))
        return
    print(f"{args.rounds} interleaved rounds, srp-cognito backend {srp_cognito.backend()}")
    print("| implementation | median | / pycognito |")
    print("|---|---:|---:|")
    for row in report:
        r = row["ratio"]
        print(f"| {row['implementation']} | {row['median_ms']:.2f} ms | {r:.3f} (1/{1 / r:.1f}) |")


if __name__ == "__main__":
    main()
