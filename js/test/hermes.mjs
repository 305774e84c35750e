// Bundles a script for the `hermes` VM of npm's hermes-engine-cli (0.12.0: React Native's
// engine, no WebAssembly) as Metro would for an app: esbuild resolves the modules into one
// script, then Babel lowers what that Hermes cannot parse (classes, class fields and
// private methods: the plugins React Native's Babel preset applies), and runs it there.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { transformAsync } from '@babel/core';
import { build } from 'esbuild';

const js = fileURLToPath(new URL('..', import.meta.url));
export const hermes = `${js}node_modules/hermes-engine-cli/linux64-bin/hermes`;

/** Bundles `entry` into `outfile` for Hermes, with `globals` (JSON values) defined first. */
export async function bundle(entry, outfile, globals = {}) {
  const banner = Object.entries(globals)
    .map(([name, value]) => `var ${name} = ${JSON.stringify(value)};`)
    .join('\n');
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    // What Metro defines for an app's bundle; no Node built-ins exist there.
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    platform: 'neutral',
    mainFields: ['react-native', 'main', 'module'],
    conditions: ['react-native'],
    banner: { js: banner },
    outfile,
    logLevel: 'warning',
  });
  const code = await readFile(outfile, 'utf8');
  const out = await transformAsync(code, {
    babelrc: false,
    configFile: false,
    compact: true,
    plugins: [
      '@babel/plugin-transform-class-properties',
      '@babel/plugin-transform-private-methods',
      '@babel/plugin-transform-classes',
    ],
  });
  await writeFile(outfile, out.code);
  return outfile;
}

/** Runs `file` under hermes -O (as a release app's bytecode is compiled); its stdout. */
export function run(file) {
  return execFileSync(hermes, ['-O', file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 15 * 60_000,
  });
}
