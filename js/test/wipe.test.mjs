// The wiping the README promises, observed: the password and the device password of a
// SignIn are in WebAssembly memory while it lives, and nowhere in it once it is freed by
// free(), by signing in, or by the garbage collector (api.js's FinalizationRegistry):
// on both WebAssembly builds and the engine build (`js`), whose memory is the wasm2js
// module's ArrayBuffer.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('wipe.mjs', import.meta.url));

for (const build of ['scalar', 'simd', 'js']) {
  for (const mode of ['free', 'signed-in', 'gc']) {
    test(`secrets leave WebAssembly memory (${build} build, ${mode})`, () => {
      const out = execFileSync(process.execPath, ['--expose-gc', child, build, mode], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const report = JSON.parse(out);
      assert.equal(report.whileAlive.length, 3, `the markers are found while alive: ${out}`);
      assert.deepEqual(report.after, [], out);
      assert.equal(report.tokenLeft, false, out);
      assert.equal(report.newDevicePasswordLeft, false, out);
    });
  }
}
