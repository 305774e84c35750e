// Every build of the package, each bound to the package's API in its own module instance
// (and the vectors' module of the same build, `vectors`, bound to srp-cognito/vectors' API):
// every test runs on each. `scalar` and `simd` are the WebAssembly builds; `js` is the
// build for engines without WebAssembly (wasm/engine.js, wasm2js), here in Node, with
// its host-bigint backend, and `js-portable32` the same build on the Rust limb arithmetic
// (the backend it falls back to where the engine has no BigInt), API and compute alike.
// All are the library's C ABI, which abi.js calls.
import { readFile } from 'node:fs/promises';

import { abi } from '../abi.js';
import { bind, bindVectors } from '../api.js';
import { instantiate } from '../load.js';

async function instance(file, build) {
  return instantiate(await readFile(new URL(file, import.meta.url)), { simd: build === 'simd' });
}

async function engine(backend) {
  const glue = abi(await import(`../wasm/engine.js?${backend}`));
  // The vectors' build of the same module (never in the package): compute, and the choice
  // of backend, which that instance and the test's main one each make.
  const vectors = abi(await import(`../../target/js/engine-vectors.js?${backend}`));
  vectors.selectBackend(backend);
  return { glue, vectors };
}

const wasm = await Promise.all(
  ['scalar', 'simd'].map(async (build) => ({
    build,
    api: bind(await instance(`../wasm/${build}.wasm`, build)),
    // The package ships the scalar vectors' module; the SIMD one is the tests' own.
    vectors: bindVectors(
      await instance(build === 'simd' ? '../../target/js/vectors-simd.wasm' : '../wasm/vectors.wasm', build),
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
