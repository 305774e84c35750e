// srp-cognito/vectors: the test vectors' `compute` (test-vectors/FORMAT.md), for
// implementers who check their own SRP against this one. Its own WebAssembly (the
// vector harness and the library's intermediates), loaded apart from the sign-in's.
// It does not wipe its request: test inputs only, never real secrets.
import initWasm, * as glue from './wasm/vectors/srp_cognito_vectors.js';
import { bindVectors } from './api.js';
import { load } from './load.js';

/** Which build this runtime loaded: `simd` or `scalar`. */
export const build = await load(initWasm, new URL('./wasm/vectors/', import.meta.url));

export const { compute } = bindVectors(glue);
