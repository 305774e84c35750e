// srp-cognito: Amazon Cognito's SRP sign-in for JavaScript, on srp-cognito's constant-time
// Rust core compiled to WebAssembly (its C ABI, ffi/include/srp_cognito.h, through
// abi.js). The module loads the SIMD128 build where the runtime validates it, else the
// scalar one (top-level await: Node >= 20, browsers, bundlers); where there is no
// WebAssembly at all (a locked-down browser), the same core as plain JavaScript
// (wasm/engine.js; React Native's entry is react-native.js).
// The test vectors' `compute` is not here: it is `srp-cognito/vectors` (vectors.js).
import { abi } from './abi.js';
import { bind, SrpCognitoError } from './api.js';
import { load } from './load.js';

const loaded =
  typeof WebAssembly === 'undefined'
    ? { build: 'js', abi: abi(await import('./wasm/engine.js')) }
    : await load(new URL('./wasm/', import.meta.url));

/** Which build this runtime loaded: `simd`, `scalar`, or `js` (no WebAssembly). */
export const build = loaded.build;

export { SrpCognitoError };
export const {
  SignIn,
  secretHash,
  confirmDevice,
  updateDeviceStatus,
  refresh,
  getTokensFromRefreshToken,
  engine,
} = bind(loaded.abi);
