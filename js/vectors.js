// srp-cognito/vectors: the test vectors' `compute` (test-vectors/FORMAT.md), for
// implementers who check their own SRP against this one. Its own WebAssembly (the C ABI
// built with the vector harness and the library's intermediates: wasm/vectors.wasm, the
// scalar build only), loaded apart from the sign-in's. It does not wipe its request: test
// inputs only, never real secrets.
import { bindVectors } from './api.js';
import { instantiate, read } from './load.js';

/** The build of this entry: always `scalar`. */
export const build = 'scalar';

export const { compute } = bindVectors(
  await instantiate(await read(new URL('./wasm/vectors.wasm', import.meta.url)), { simd: false }),
);
