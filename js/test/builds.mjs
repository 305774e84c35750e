// Every build of the package, each bound to the package's API in its own module instance
// (and the vectors' module of the same build, `vectors`, bound to srp-cognito/vectors' API):
// every test runs on each. `scalar` and `simd` are the WebAssembly builds; `js` is the
// build for engines without WebAssembly (wasm/engine.js, wasm2js), here in Node, with
// its host-bigint backend, and `js-portable32` the same build on the Rust limb arithmetic
// (the backend it falls back to where the engine has no BigInt), API and compute alike.
import { readFile } from 'node:fs/promises';

import { bind, bindVectors } from '../api.js';

async function instance(glueFile, wasmFile, build) {
  const glue = await import(`../wasm/${glueFile}?${build}`);
  glue.initSync({ module: await readFile(new URL(`../wasm/${wasmFile}`, import.meta.url)) });
  return glue;
}

async function engine(backend) {
  const glue = await import(`../wasm/engine.js?${backend}`);
  // The vectors' build of the same module (never in the package): compute, and the choice
  // of backend, which that instance and the test's main one each make.
  const vectors = await import(`../../target/js/engine-vectors.js?${backend}`);
  vectors.selectBackend(backend);
  return { glue, vectors };
}

const wasm = await Promise.all(
  ['scalar', 'simd'].map(async (build) => ({
    build,
    api: bind(await instance('srp_cognito.js', `${build}.wasm`, build)),
    vectors: bindVectors(
      await instance('vectors/srp_cognito_vectors.js', `vectors/${build}.wasm`, build),
    ),
  })),
);

const js = await Promise.all(
  [
    ['js', 'host-bigint'],
    ['js-portable32', 'portable32'],
  ].map(async ([build, backend]) => {
    const { glue, vectors } = await engine(backend);
    if (bind(glue).engine().backend !== 'host-bigint') throw new Error(`${build}: not host-bigint by default`);
    // The package's module runs its default backend; the API on portable32 is the vectors'
    // module (the same glue and core, plus compute and the backend choice).
    const api = bind(backend === 'host-bigint' ? glue : vectors);
    if (api.engine().backend !== backend) throw new Error(`${build}: ${api.engine().backend}`);
    return { build, api, vectors: bindVectors(vectors), backend };
  }),
);

export const builds = [...wasm, ...js];
