// srp-cognito: Amazon Cognito's SRP sign-in for JavaScript, on srp-cognito's constant-time
// Rust core compiled to WebAssembly. The module loads the SIMD128 build where the runtime
// validates it, else the scalar one (top-level await: Node >= 20, browsers, bundlers).
import initWasm, * as glue from './wasm/srp_cognito.js';
import { bind, SrpCognitoError } from './api.js';

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

async function read(name) {
  const url = new URL(`./wasm/${name}`, import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`srp-cognito: cannot load ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function load() {
  const simd = await read('simd.wasm');
  if (WebAssembly.validate(simd)) {
    await initWasm({ module_or_path: simd });
    return 'simd';
  }
  await initWasm({ module_or_path: await read('scalar.wasm') });
  return 'scalar';
}

/** Which build this runtime loaded: `simd` or `scalar`. */
export const build = await load();

export { SrpCognitoError };
export const {
  SignIn,
  compute,
  secretHash,
  confirmDevice,
  updateDeviceStatus,
  refresh,
  getTokensFromRefreshToken,
  engine,
  selectBackend,
} = bind(glue);
