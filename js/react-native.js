// srp-cognito for React Native (Metro picks this file: package.json's `react-native` field
// and export condition). Hermes has no WebAssembly: this is the same Rust core as plain
// JavaScript (wasm/engine.js, binaryen's wasm2js of the C ABI), its 3072-bit products on
// the engine's BigInt. Randomness is crypto.getRandomValues: import
// 'react-native-get-random-values' first (without it, a sign-in's start() is refused with
// `rng`, never weakly seeded).
import * as asm from './wasm/engine.js';
import { abi } from './abi.js';
import { bind, SrpCognitoError } from './api.js';

/** This entry's build: always `js`. */
export const build = 'js';

export { SrpCognitoError };
export const {
  SignIn,
  secretHash,
  confirmDevice,
  updateDeviceStatus,
  refresh,
  getTokensFromRefreshToken,
  engine,
} = bind(abi(asm));
