#!/usr/bin/env bash
# `npm run build`: the package's WebAssembly, in wasm/:
#   srp_cognito.js, srp_cognito.d.ts  wasm-bindgen's glue (ES module, browsers and Node)
#   scalar.wasm                       the library for any WebAssembly runtime
#   simd.wasm                         the same with SIMD128 dot products, where it validates
#   vectors/                          the same three for `srp-cognito/vectors` (the test
#                                     vectors' compute, crate srp-cognito-js-vectors), apart
#                                     so that the sign-in's module has no harness or hazmat
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
# The licence texts travel in the tarball (`npm pack`); the originals are the project's.
cp ../LICENSE-MIT ../LICENSE-APACHE .
ls -l wasm/*.wasm wasm/vectors/*.wasm | awk '{ printf "%s: %d bytes (%.1f KiB)\n", $NF, $5, $5 / 1024 }'
