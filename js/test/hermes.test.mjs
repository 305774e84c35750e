// The JavaScript build (wasm/engine.js) on Hermes itself, bundled as Metro would
// (test/hermes.mjs): every vector file, the package's SignIn against every
// PASSWORD_VERIFIER vector, and the randomness refusal (test/hermes/vectors.js).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundle, run } from './hermes.mjs';

const dir = new URL('../../test-vectors/', import.meta.url);

test('the JavaScript build has no BigInt literal (React Native 0.70/0.71 refused them)', async () => {
  const source = await readFile(new URL('../wasm/engine.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /(?<![\w$.])\d+n(?![\w$])/);
  assert.match(source, /BigInt\(1\)/, 'BigInt calls, not literals');
});

test('the JavaScript build passes every vector on Hermes', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  const documents = {};
  for (const f of files) documents[f] = JSON.parse(await readFile(new URL(f, dir)));
  const seconds = {};
  for (const v of documents['password_verifier.json'].vectors) {
    seconds[v.id] = Date.parse(v.input.timestamp) / 1000;
  }
  const out = fileURLToPath(new URL('../../target/js/hermes-vectors.js', import.meta.url));
  await bundle(fileURLToPath(new URL('hermes/vectors.js', import.meta.url)), out, {
    VECTOR_FILES: documents,
    UNIX_SECONDS: seconds,
  });
  const report = JSON.parse(run(out));
  assert.deepEqual(report.failures, []);
  assert.equal(report.hermes, '0.12.0');
  assert.deepEqual(report.engine, { backend: 'host-bigint', simd: false });
  for (const f of files) {
    assert.ok(report.checked[`host-bigint ${f}`] > 0, `${f} not run on host-bigint`);
  }
  for (const f of ['srp_a.json', 'password_verifier.json', 'device.json', 'rfc5054.json']) {
    assert.ok(report.checked[`portable32 ${f}`] > 0, `${f} not run on portable32`);
  }
  assert.equal(report.checked.signIns, documents['password_verifier.json'].vectors.length);
  assert.equal(report.rngRefusal, 'SrpCognitoError rng');
  assert.equal(report.srpADigits, 768);
});
