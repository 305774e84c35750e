// Runs a wasm32-wasip1 program (a Rust test binary) in Node's WASI: cargo's runner for the
// library's own tests in Node (test/engine.test.mjs). Usage: node wasi-runner.mjs <.wasm> [args]
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
// The tests read the vector files by their absolute paths: the host's / is preopened.
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env: process.env,
  preopens: { '/': '/' },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
