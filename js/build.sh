#!/usr/bin/env bash
# `npm run build`: the package's WebAssembly, in wasm/:
#   srp_cognito.js, srp_cognito.d.ts  wasm-bindgen's glue (ES module, browsers and Node)
#   scalar.wasm                       the library for any WebAssembly runtime
#   simd.wasm                         the same with SIMD128 dot products, where it validates
#   vectors/                          the same three for `srp-cognito/vectors` (the test
#                                     vectors' compute, crate srp-cognito-js-vectors), apart
#                                     so that the sign-in's module has no harness or hazmat
#   engine.js                         the build for engines without WebAssembly (Hermes):
#                                     crate srp-cognito-js-engine through binaryen's wasm2js,
#                                     with engine/glue.js and engine/host.js, one ES module
# and, for the tests only, ../target/js/engine-vectors.js (engine.js with `compute`).
# The wasm-bindgen CLI comes from crates.io at exactly the wasm-bindgen crate's version;
# binaryen's wasm-opt (npm, pinned; itself WebAssembly) then takes a fifth off the size and
# makes the engine a little faster. Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")"
version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]]; then
    # Not --locked: that lockfile names a webpki-roots release crates.io no longer has.
    cargo install --quiet wasm-bindgen-cli --version "$version"
fi
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true

target=../target/js
if [[ ! -f node_modules/binaryen/bin/wasm-opt ]]; then
    echo "build.sh: run npm ci first (binaryen's wasm-opt is a development dependency)" >&2
    exit 1
fi
# The features rustc's wasm32-unknown-unknown output uses (and SIMD128 for the SIMD build).
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-multivalue --enable-reference-types)

build() { # <crate> <out name> <build> <rustflags> [wasm-opt flags]
    local out="$target/$2-$3" lib="${1//-/_}"
    RUSTFLAGS="$4" cargo build --quiet --locked --profile wasm --target wasm32-unknown-unknown \
        -p "$1" --target-dir "$target/$3"
    rm -rf "$out"
    wasm-bindgen --target web --out-dir "$out" --out-name "$2" \
        "$target/$3/wasm32-unknown-unknown/wasm/$lib.wasm"
    node node_modules/binaryen/bin/wasm-opt -O3 "${features[@]}" "${@:5}" \
        "$out/$2_bg.wasm" -o "$out/$2_bg.wasm"
}
# Both crates share each build's target folder: what they have in common compiles once.
for crate in srp-cognito-js:srp_cognito srp-cognito-js-vectors:srp_cognito_vectors; do
    build "${crate%%:*}" "${crate#*:}" scalar ""
    build "${crate%%:*}" "${crate#*:}" simd "-C target-feature=+simd128" --enable-simd
    # One glue for both builds: they export and import the same functions.
    if ! cmp -s "$target/${crate#*:}-scalar/${crate#*:}.js" "$target/${crate#*:}-simd/${crate#*:}.js"; then
        echo "build.sh: the scalar and SIMD builds' glue differ (${crate%%:*})" >&2
        exit 1
    fi
done
rm -rf wasm
mkdir -p wasm/vectors
place() { # <out name> <folder>
    cp "$target/$1-scalar/$1.js" "$target/$1-scalar/$1.d.ts" "$2"
    cp "$target/$1-scalar/$1_bg.wasm" "$2/scalar.wasm"
    cp "$target/$1-simd/$1_bg.wasm" "$2/simd.wasm"
}
place srp_cognito wasm
place srp_cognito_vectors wasm/vectors
# The build for engines without WebAssembly: the C-ABI crate (no wasm-bindgen, whose glue
# needs WebAssembly and whose externref table wasm2js cannot translate), randomness through
# getrandom's custom backend (engine/host.js), then wasm2js, then one minified ES module.
engine() { # <cargo features> <name> <output file>
    local dir="$target/$2"
    RUSTFLAGS='--cfg getrandom_backend="custom"' cargo build --quiet --locked --profile wasm \
        --target wasm32-unknown-unknown -p srp-cognito-js-engine $1 --target-dir "$target/$2-build"
    rm -rf "$dir"
    mkdir -p "$dir"
    node node_modules/binaryen/bin/wasm-opt -O3 "${features[@]}" --strip-debug --strip-producers \
        "$target/$2-build/wasm32-unknown-unknown/wasm/srp_cognito_js_engine.wasm" -o "$dir/engine.wasm"
    node node_modules/binaryen/bin/wasm2js -O3 "${features[@]}" "$dir/engine.wasm" -o "$dir/engine_asm.js"
    # wasm2js imports the host by the module name the Rust side links against.
    sed -i "s#^import \* as srp_host from 'srp_host';#import * as srp_host from './host.js';#" \
        "$dir/engine_asm.js"
    if ! grep -q "^import \* as srp_host from './host.js';" "$dir/engine_asm.js"; then
        echo "build.sh: wasm2js' import of srp_host not found" >&2
        exit 1
    fi
    cp engine/glue.js engine/host.js "$dir/"
    node_modules/.bin/esbuild "$dir/glue.js" --bundle --format=esm --minify --target=es2020 \
        --log-level=warning --outfile="$3"
}
engine "" engine wasm/engine.js
engine "--features vectors" engine-vectors "$target/engine-vectors.js"
# The licence texts travel in the tarball (`npm pack`); the originals are the project's.
cp ../LICENSE-MIT ../LICENSE-APACHE .
gzip -9 <wasm/engine.js >"$target/engine.js.gz"
ls -l wasm/*.wasm wasm/vectors/*.wasm wasm/engine.js "$target/engine.js.gz" | awk '{ printf "%s: %d bytes (%.1f KiB)\n", $NF, $5, $5 / 1024 }'
