// The library's own unit tests (the engine's differential tests against num-bigint among
// them) and its protocol-level differential test against srp-cognito-reference, compiled to
// wasm32-wasip1 and run in this Node (test/wasi-runner.mjs): once as the scalar build, once
// with SIMD128, as the package's two builds run the engine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runner = fileURLToPath(new URL('wasi-runner.mjs', import.meta.url));

for (const [build, rustflags] of [
  ['scalar', ''],
  ['simd', '-C target-feature=+simd128'],
]) {
  test(`the library's tests in Node's WASI (${build} build)`, () => {
    const run = spawnSync(
      'cargo',
      [
        'test',
        '--locked',
        '--target',
        'wasm32-wasip1',
        '--target-dir',
        `target/wasi-${build}`,
        '-p',
        'srp-cognito',
        '--lib',
        '--test',
        'reference',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 900_000,
        env: {
          ...process.env,
          RUSTFLAGS: rustflags,
          CARGO_TARGET_WASM32_WASIP1_RUNNER: `${process.execPath} --no-warnings ${runner}`,
        },
      },
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const passed = [...run.stdout.matchAll(/test result: ok\. (\d+) passed/g)].map((m) => +m[1]);
    assert.equal(passed.length, 2, run.stdout);
    assert.ok(passed[0] >= 50, `the unit tests: ${passed[0]}`);
    assert.match(run.stdout, /arith::differential::portable32::limbs32_100 \.\.\. ok/);
  });
}
