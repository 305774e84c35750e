// Loads one of the package's WebAssembly modules of the C ABI: the SIMD128 build where the
// runtime validates it, else the scalar one (Node reads the file, a browser fetches it),
// instantiated with its host (randomness from crypto.getRandomValues). index.js loads the
// sign-in's module with it; vectors.js instantiates the test vectors' with it.
import { abi } from './abi.js';
import { createHost } from './host.js';

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

/** The bytes at `url`. */
export async function read(url) {
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`srp-cognito: cannot load ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The C ABI (abi.js) of a new instance of the module `bytes`. */
export async function instantiate(bytes, { simd }) {
  const host = createHost();
  const { instance } = await WebAssembly.instantiate(bytes, { srp_host: host.srp_host });
  host.attach(instance.exports.memory);
  return abi(instance.exports, { simd });
}

/** `dir`'s simd.wasm or scalar.wasm, instantiated: `{ build, abi }`. */
export async function load(dir) {
  const simd = await read(new URL('simd.wasm', dir));
  if (WebAssembly.validate(simd)) return { build: 'simd', abi: await instantiate(simd, { simd: true }) };
  const scalar = await read(new URL('scalar.wasm', dir));
  return { build: 'scalar', abi: await instantiate(scalar, { simd: false }) };
}
