// wasm/engine.js, the build for engines without WebAssembly: the C ABI's module through
// binaryen's wasm2js (engine_asm.js, whose `srp_host` import is host.js' engineHost), its
// exports as they are (`memory` and the srp_cognito_ functions, which abi.js calls as it
// calls a WebAssembly instance's), given their memory's host.
import { memory } from './engine_asm.js';
import { engineHost } from './host.js';

engineHost.attach(memory);

export * from './engine_asm.js';
