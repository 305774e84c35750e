// `npm run bench:hermes`: one sign-in's client work on the hermes VM (React Native's engine,
// from npm's hermes-engine-cli 0.12.0), interleaved in one Hermes process: this package's
// JavaScript build on each backend, amazon-cognito-identity-js 6.3.21, and plain BigInt
// (bench/hermes/sign-in.js). Prints medians and ratios to identity-js as a Markdown table;
// `--json` as JSON; `--rounds N` (default 7: identity-js takes seconds a sign-in there).
// Run `npm run build` first.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { bundle, run } from '../test/hermes.mjs';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 7;
const json = args.includes('--json');

const { vectors } = JSON.parse(
  await readFile(new URL('../../test-vectors/password_verifier.json', import.meta.url)),
);
const [{ input, expected }] = vectors;
const out = fileURLToPath(new URL('../../target/js/hermes-bench.js', import.meta.url));
await bundle(fileURLToPath(new URL('hermes/sign-in.js', import.meta.url)), out, {
  CHALLENGE: input,
  UNIX_SECONDS: Date.parse(input.timestamp) / 1000,
  EXPECTED_SIGNATURE: expected.password_claim_signature,
  ROUNDS: rounds,
});
const { hermes, samples } = JSON.parse(run(out));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const baseline = median(samples['amazon-cognito-identity-js 6.3.21']);
const rows = Object.entries(samples).map(([name, xs]) => ({
  name,
  medianMs: median(xs),
  ofIdentityJs: median(xs) / baseline,
}));
const engine = await readFile(new URL('../wasm/engine.js', import.meta.url));
const size = { bytes: (await stat(new URL('../wasm/engine.js', import.meta.url))).size, gzipBytes: gzipSync(engine, { level: 9 }).length };
if (json) {
  console.log(JSON.stringify({ rounds, hermes, rows, size }, null, 2));
} else {
  console.log(`One sign-in's client work on Hermes ${hermes} (hermes -O), median of ${rounds} interleaved rounds:\n`);
  console.log('| implementation | median | time / identity-js |');
  console.log('|---|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.ofIdentityJs.toFixed(4)} (1/${(1 / r.ofIdentityJs).toFixed(1)}) |`);
  }
  console.log(`\nwasm/engine.js: ${size.bytes} bytes, ${size.gzipBytes} gzipped (-9)`);
}
