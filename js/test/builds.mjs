// Both builds of the package's WebAssembly, each bound to the package's API in its own
// module instance (and the vectors' module of the same build, `vectors`, bound to
// srp-cognito/vectors' API): every test runs on each.
import { readFile } from 'node:fs/promises';

import { bind, bindVectors } from '../api.js';

async function instance(glueFile, wasmFile, build) {
  const glue = await import(`../wasm/${glueFile}?${build}`);
  glue.initSync({ module: await readFile(new URL(`../wasm/${wasmFile}`, import.meta.url)) });
  return glue;
}

export const builds = await Promise.all(
  ['scalar', 'simd'].map(async (build) => ({
    build,
    api: bind(await instance('srp_cognito.js', `${build}.wasm`, build)),
    vectors: bindVectors(
      await instance('vectors/srp_cognito_vectors.js', `vectors/${build}.wasm`, build),
    ),
  })),
);
