// Both builds of the package's WebAssembly, each bound to the package's API in its own
// module instance: every test runs on each.
import { readFile } from 'node:fs/promises';

import { bind } from '../api.js';

export const builds = await Promise.all(
  ['scalar', 'simd'].map(async (build) => {
    const glue = await import(`../wasm/srp_cognito.js?${build}`);
    glue.initSync({ module: await readFile(new URL(`../wasm/${build}.wasm`, import.meta.url)) });
    return { build, api: bind(glue) };
  }),
);
