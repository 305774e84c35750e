// A child process of test/wipe.test.mjs (run with --expose-gc): signs in with a marked
// password and device password on one build, then reports whether those bytes are still
// anywhere in WebAssembly memory after free(), after the automatic free once signed in,
// and after the garbage collector collected an unfreed SignIn (api.js's
// FinalizationRegistry); and
// whether a token passed in, or the device password confirmDevice made, stayed there.
import { readFile } from 'node:fs/promises';

import { abi } from '../abi.js';
import { bind } from '../api.js';
import { instantiate } from '../load.js';

const [build, mode] = process.argv.slice(2);
// The engine build (`js`, wasm2js: no WebAssembly) keeps its memory in an ArrayBuffer of
// its own, which it exports as `memory`, as a WebAssembly instance does.
const exports =
  build === 'js'
    ? abi(await import('../wasm/engine.js'))
    : await instantiate(await readFile(new URL(`../wasm/${build}.wasm`, import.meta.url)), {
        simd: build === 'simd',
      });
const api = bind(exports);

// Non-ASCII at the end (written by abi.js's own UTF-8 encoder); its ASCII prefix is looked
// for on its own too.
const prefix = 'Wipe-Marker-Password-7f3a9c';
const password = `${prefix}-é中`;
const devicePassword = 'Wipe-Marker-Device-Password-51bd0e';
const found = () => {
  const memory = Buffer.from(exports.memory.buffer);
  return [prefix, password, devicePassword].filter((m) => memory.includes(Buffer.from(m)));
};

const vector = JSON.parse(
  await readFile(new URL('../../test-vectors/password_verifier.json', import.meta.url)),
).vectors[0].input;
const device = { deviceKey: 'us-east-1_dev', deviceGroupKey: 'group', devicePassword };

function signIn() {
  const s = api.SignIn.userSrp({
    poolId: vector.pool_id,
    clientId: 'client',
    username: 'u',
    password,
    device,
  });
  s.start();
  s.next({
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      USERNAME: 'u',
      USER_ID_FOR_SRP: 'u',
      SALT: vector.salt,
      SRP_B: vector.srp_b,
      SECRET_BLOCK: vector.secret_block,
    },
  });
  return s;
}

const report = {};
const tokenMarker = 'Wipe-Marker-Token-eyJraWQiOi-3c81';
// In a function of its own, so that nothing keeps the SignIn reachable after it returns.
function use() {
  const s = signIn();
  report.whileAlive = found();
  if (mode === 'free') {
    s.free();
  } else if (mode === 'signed-in') {
    s.next({ AuthenticationResult: { AccessToken: tokenMarker, RefreshToken: tokenMarker } });
  }
}
use();
// Tokens in, and a fresh device password out: neither stays in WebAssembly memory.
const confirmed = api.confirmDevice({
  AccessToken: tokenMarker,
  NewDeviceMetadata: { DeviceKey: 'us-east-1_dev', DeviceGroupKey: 'group' },
});
const memory = () => Buffer.from(exports.memory.buffer);
report.tokenLeft = memory().includes(Buffer.from(tokenMarker));
report.newDevicePasswordLeft = memory().includes(Buffer.from(confirmed.device.devicePassword));
if (mode === 'gc') {
  // Let the collector find the unreachable SignIn and its registry free it.
  for (let i = 0; i < 20 && found().length; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
report.after = found();
console.log(JSON.stringify(report));
