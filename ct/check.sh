#!/usr/bin/env bash
# Constant-time check in the ctgrind style: run srp-cognito-ctgrind under valgrind
# memcheck with the secrets marked undefined. The protocol run must be clean (but for the
# protocol-defined leaks in ct/ctgrind.supp); the planted leak must be reported.
# valgrind runs the portable backend (it does not emulate AVX-512, and its CPUID hides it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
fi
cargo build --quiet --profile ctgrind -p srp-cognito-ct --bin srp-cognito-ctgrind
bin=target/ctgrind/srp-cognito-ctgrind
memcheck=(valgrind --quiet --error-exitcode=1 --read-inline-info=yes --num-callers=40
    --suppressions=ct/ctgrind.supp)

"${memcheck[@]}" "$bin" protocol
echo "ctgrind: the protocol run is clean"
# The 31-bit-limb backend (wasm32's default), natively: the same code as in the wasm
# build but for the SIMD128 dot product.
"${memcheck[@]}" "$bin" protocol portable32
echo "ctgrind: the protocol run on the portable32 backend is clean"
if "${memcheck[@]}" "$bin" planted 2>/dev/null; then
    echo "ctgrind: the planted secret-dependent branch was NOT reported" >&2
    exit 1
fi
echo "ctgrind: the planted secret-dependent branch is reported"
