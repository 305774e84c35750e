// Every vector file of test-vectors/ through `srp-cognito/vectors`' `compute`, on both builds: each
// expected field equal, each refusal of the expected category (FORMAT.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { builds } from './builds.mjs';

const dir = new URL('../../test-vectors/', import.meta.url);
const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));

test('the vector files are there', () => {
  assert.ok(files.length >= 8, `only ${files}`);
});

for (const { build, vectors } of builds) {
  for (const file of files) {
    test(`${file} (${build} build)`, async () => {
      const document = JSON.parse(await readFile(new URL(file, dir)));
      if (document.vector) {
        // RFC 5054's appendix B: the inputs and v, A, B, S (client and server side).
        const v = document.vector;
        const input = Object.fromEntries(
          ['I', 'P', 's', 'N', 'g', 'k', 'x', 'u', 'a', 'b'].map((k) => [k, v[k]]),
        );
        const out = vectors.compute({ kind: 'rfc5054', input });
        for (const k of ['v', 'A', 'B', 'S']) assert.equal(out[k], v[k], `rfc5054 ${k}`);
        assert.equal(out.S_server, v.S, 'rfc5054 S (server side)');
        return;
      }
      let passed = 0;
      for (const vector of document.vectors) {
        const out = vectors.compute({ kind: vector.kind, input: vector.input });
        const where = `${file} ${vector.id}: ${JSON.stringify(out)}`;
        if ('error' in vector) {
          assert.deepEqual(out, { error: vector.error }, where);
        } else {
          assert.equal(out.error, undefined, where);
          for (const [key, want] of Object.entries(vector.expected)) {
            assert.equal(out[key], want, `${where}: ${key}`);
          }
        }
        passed += 1;
      }
      assert.ok(passed > 0, `${file} has no vectors`);
    });
  }
}

test('compute refuses what is not a request, as the CLI does', () => {
  for (const { vectors } of builds) {
    assert.deepEqual(vectors.compute('not json'), { error: 'bad_json' });
    assert.deepEqual(vectors.compute({ kind: 'no_such_kind', input: {} }), { error: 'unknown_kind' });
    assert.deepEqual(vectors.compute({ kind: 'timestamp', input: { nope: 1 } }), {
      error: 'bad_input',
    });
  }
});

test('the main entry has no compute; srp-cognito/vectors has', async () => {
  const main = await import('../index.js');
  assert.equal('compute' in main, false);
  assert.equal('selectBackend' in main, false);
  const entry = await import('../vectors.js');
  assert.deepEqual(entry.compute({ kind: 'srp_a', input: { a: '02' } }), { srp_a: '4' });
  assert.equal(entry.build, 'scalar');
});

test('run-vectors passes every vector of every file, and names a failing one', async () => {
  const runner = fileURLToPath(new URL('../run-vectors', import.meta.url));
  const paths = files.map((f) => fileURLToPath(new URL(f, dir)));
  let count = 0;
  for (const f of files) {
    const document = JSON.parse(await readFile(new URL(f, dir)));
    count += document.vectors ? document.vectors.length : 1;
  }
  const run = spawnSync(process.execPath, [runner, ...paths], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, `${count} passed, 0 failed\n`);
  // A vector whose expected value is wrong fails, by its id.
  const document = JSON.parse(await readFile(new URL('srp_a.json', dir)));
  document.vectors[0].expected.srp_a = '3';
  const bad = fileURLToPath(new URL('../../target/js/wrong-vector.json', import.meta.url));
  const { writeFile } = await import('node:fs/promises');
  await writeFile(bad, JSON.stringify(document));
  const wrong = spawnSync(process.execPath, [runner, bad], { encoding: 'utf8' });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stdout, new RegExp(`^FAIL .* ${document.vectors[0].id}: differs in srp_a`, 'm'));
  assert.match(wrong.stdout, new RegExp(`${document.vectors.length - 1} passed, 1 failed\n$`));
});
