// Loads one of the package's WebAssembly modules: the SIMD128 build where the runtime
// validates it, else the scalar one (Node reads the file, a browser fetches it). index.js
// loads the sign-in's module with it, vectors.js the test vectors'.

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

async function read(url) {
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`srp-cognito: cannot load ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Initializes wasm-bindgen's `init` with `dir`'s simd.wasm or scalar.wasm; says which. */
export async function load(init, dir) {
  const simd = await read(new URL('simd.wasm', dir));
  if (WebAssembly.validate(simd)) {
    await init({ module_or_path: simd });
    return 'simd';
  }
  await init({ module_or_path: await read(new URL('scalar.wasm', dir)) });
  return 'scalar';
}
