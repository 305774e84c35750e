#!/usr/bin/env bash
# `npm run build`: the package's modules, in wasm/, each the library's C ABI (crate
# srp-cognito-ffi, ffi/include/srp_cognito.h), which abi.js calls:
#   scalar.wasm           the C ABI for any WebAssembly runtime
#   simd.wasm             the same with SIMD128 dot products, where it validates
#   vectors.wasm          the scalar one built with `testing` (the test vectors' compute, for
#                         `srp-cognito/vectors`), apart so that the sign-in's module has no
#                         harness or hazmat
#   engine.js             the build for engines without WebAssembly (Hermes): the C ABI
#                         with the host-bigint backend through binaryen's wasm2js, with
#                         engine/entry.js and host.js, one ES module
# and, for the tests only, ../target/js/engine-vectors.js (engine.js with `testing`) and
# ../target/js/vectors-simd.wasm (vectors.wasm with SIMD128).
# Randomness comes from the host (host.js: crypto.getRandomValues) through getrandom's
# custom backend. binaryen's wasm-opt (npm, pinned; itself WebAssembly) then takes a fifth
# off the size and makes the engine a little faster. Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

target=../target/js
if [[ ! -f node_modules/binaryen/bin/wasm-opt ]]; then
    echo "build.sh: run npm ci first (binaryen's wasm-opt is a development dependency)" >&2
    exit 1
fi
# The features rustc's wasm32-unknown-unknown output uses (and SIMD128 for the SIMD build).
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-multivalue --enable-reference-types)

# The C ABI for wasm32 with <cargo features>, in <target folder>, through wasm-opt into <out>.
build() { # <cargo features> <target folder> <out> [rustflags] [wasm-opt flags]
    RUSTFLAGS="--cfg getrandom_backend=\"custom\" ${4:-}" cargo build --quiet --locked \
        --profile wasm --target wasm32-unknown-unknown -p srp-cognito-ffi $1 --target-dir "$target/$2"
    node node_modules/binaryen/bin/wasm-opt -O3 "${features[@]}" "${@:5}" --strip-debug \
        --strip-producers "$target/$2/wasm32-unknown-unknown/wasm/srp_cognito_ffi.wasm" -o "$3"
}

rm -rf wasm
mkdir -p wasm
# Every build but the SIMD ones shares one target folder: what they have in common
# compiles once.
simd="-C target-feature=+simd128"
build "" scalar wasm/scalar.wasm
build "" simd wasm/simd.wasm "$simd" --enable-simd
build "--features testing" scalar wasm/vectors.wasm
build "--features testing" simd "$target/vectors-simd.wasm" "$simd" --enable-simd

# The build for engines without WebAssembly: wasm2js of the C ABI with host-bigint, its
# `srp_host` import bound to host.js' engineHost, then one minified ES module.
engine() { # <cargo features> <name> <output file>
    local dir="$target/$2"
    rm -rf "$dir"
    mkdir -p "$dir"
    build "$1" scalar "$dir/engine.wasm"
    node node_modules/binaryen/bin/wasm2js -O3 "${features[@]}" "$dir/engine.wasm" -o "$dir/engine_asm.js"
    sed -i "s#^import \* as srp_host from 'srp_host';#import { engineHost } from './host.js'; const srp_host = engineHost.srp_host;#" \
        "$dir/engine_asm.js"
    if ! grep -q "^import { engineHost } from './host.js';" "$dir/engine_asm.js"; then
        echo "build.sh: wasm2js' import of srp_host not found" >&2
        exit 1
    fi
    cp engine/entry.js host.js "$dir/"
    node_modules/.bin/esbuild "$dir/entry.js" --bundle --format=esm --minify --target=es2020 \
        --log-level=warning --outfile="$3"
}
engine "--features host-bigint" engine wasm/engine.js
engine "--features host-bigint,testing" engine-vectors "$target/engine-vectors.js"
# The licence texts travel in the tarball (`npm pack`); the originals are the project's.
cp ../LICENSE-MIT ../LICENSE-APACHE .
gzip -9 <wasm/engine.js >"$target/engine.js.gz"
ls -l wasm/*.wasm wasm/engine.js "$target/engine.js.gz" | awk '{ printf "%s: %d bytes (%.1f KiB)\n", $NF, $5, $5 / 1024 }'
