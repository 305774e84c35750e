#!/usr/bin/env bash
# `npm run build`: the package's WebAssembly, in wasm/:
#   srp_cognito.js, srp_cognito.d.ts  wasm-bindgen's glue (ES module, browsers and Node)
#   scalar.wasm                       the library for any WebAssembly runtime
#   simd.wasm                         the same with SIMD128 dot products, where it validates
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

build() { # <name> <rustflags> [wasm-opt flags]
    RUSTFLAGS="$2" cargo build --quiet --locked --profile wasm --target wasm32-unknown-unknown \
        -p srp-cognito-js --target-dir "$target/$1"
    rm -rf "$target/$1/bindgen"
    wasm-bindgen --target web --out-dir "$target/$1/bindgen" --out-name srp_cognito \
        "$target/$1/wasm32-unknown-unknown/wasm/srp_cognito_js.wasm"
    node node_modules/binaryen/bin/wasm-opt -O3 "${features[@]}" "${@:3}" \
        "$target/$1/bindgen/srp_cognito_bg.wasm" -o "$target/$1/bindgen/srp_cognito_bg.wasm"
}
build scalar ""
build simd "-C target-feature=+simd128" --enable-simd

# One glue for both: the two builds export and import the same functions.
if ! cmp -s "$target/scalar/bindgen/srp_cognito.js" "$target/simd/bindgen/srp_cognito.js"; then
    echo "build.sh: the scalar and SIMD builds' glue differ" >&2
    exit 1
fi
rm -rf wasm
mkdir wasm
cp "$target/scalar/bindgen/srp_cognito.js" "$target/scalar/bindgen/srp_cognito.d.ts" wasm/
cp "$target/scalar/bindgen/srp_cognito_bg.wasm" wasm/scalar.wasm
cp "$target/simd/bindgen/srp_cognito_bg.wasm" wasm/simd.wasm
# The licence texts travel in the tarball (`npm pack`); the originals are the project's.
cp ../LICENSE-MIT ../LICENSE-APACHE .
ls -l wasm/*.wasm | awk '{ printf "%s: %d bytes (%.1f KiB)\n", $NF, $5, $5 / 1024 }'
