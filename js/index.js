// srp-cognito: Amazon Cognito's SRP sign-in for JavaScript, on srp-cognito's constant-time
// Rust core compiled to WebAssembly. The module loads the SIMD128 build where the runtime
// validates it, else the scalar one (top-level await: Node >= 20, browsers, bundlers).
// The test vectors' `compute` is not here: it is `srp-cognito/vectors` (vectors.js).
import initWasm, * as glue from './wasm/srp_cognito.js';
import { bind, SrpCognitoError } from './api.js';
import { load } from './load.js';

/** Which build this runtime loaded: `simd` or `scalar`. */
export const build = await load(initWasm, new URL('./wasm/', import.meta.url));

export { SrpCognitoError };
export const {
  SignIn,
  secretHash,
  confirmDevice,
  updateDeviceStatus,
  refresh,
  getTokensFromRefreshToken,
  engine,
} = bind(glue);
