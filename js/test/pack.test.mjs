// `npm pack`'s tarball installs into an empty project, and the README's example runs there
// against `srp-cognito serve`: signed in with the right password, NotAuthorizedException
// with a wrong one.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { cognito, provision, startServe } from './serve.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(await readFile(join(here, 'package.json')));
let dir;
let serve;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'srp-cognito-pack-'));
  serve = await startServe();
});
after(async () => {
  serve?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the tarball installs into an empty project and the README example runs', async () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: here }),
  );
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'LICENSE-APACHE',
    'LICENSE-MIT',
    'README.md',
    'abi.js',
    'api.js',
    'error.js',
    'host.js',
    'index.d.ts',
    'index.js',
    'load.js',
    'package.json',
    'react-native.js',
    'vectors.d.ts',
    'vectors.js',
    'wasm/engine.js',
    'wasm/scalar.wasm',
    'wasm/simd.wasm',
    'wasm/vectors.wasm',
  ]);

  const project = join(dir, 'project');
  await mkdir(project);
  const sdk = '@aws-sdk/client-cognito-identity-provider';
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({
      private: true,
      type: 'module',
      dependencies: {
        'srp-cognito': `file:../${packed.filename}`,
        [sdk]: manifest.devDependencies[sdk],
      },
    }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent'], {
    cwd: project,
    stdio: 'inherit',
  });

  const readme = await readFile(join(here, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)[1];
  assert.match(example, /from 'srp-cognito'/);
  const top = await readFile(join(here, '..', 'README.md'), 'utf8');
  assert.ok(top.includes(example), "the project README's JavaScript example is the package's");
  await writeFile(join(project, 'example.mjs'), example);

  const password = 'Packed-Pass-1!';
  const pool = await provision(cognito(serve.url), { username: 'grace', password });
  const run = (pw) =>
    spawnSync(process.execPath, ['example.mjs'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        POOL_ID: pool.poolId,
        CLIENT_ID: pool.clientId,
        USERNAME: 'grace',
        PASSWORD: pw,
        COGNITO_ENDPOINT: serve.url,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      },
    });
  const right = run(password);
  assert.equal(right.status, 0, right.stderr);
  assert.equal(right.stdout.trim(), 'signed in');
  const wrong = run('Not-The-Pass-1!');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /NotAuthorizedException/);

  // The subpath export: the vectors' compute is there, and not in the main entry.
  const probe = [
    "const main = await import('srp-cognito');",
    "const { compute } = await import('srp-cognito/vectors');",
    "console.log(JSON.stringify([typeof main.compute, compute({ kind: 'srp_a', input: { a: '02' } })]));",
  ].join('\n');
  await writeFile(join(project, 'probe.mjs'), probe);
  const probed = spawnSync(process.execPath, ['probe.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(probed.status, 0, probed.stderr);
  assert.deepEqual(JSON.parse(probed.stdout), ['undefined', { srp_a: '4' }]);
});
