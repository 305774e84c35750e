// The package in headless Chromium (Debian's, driven by playwright-core): a page served on
// 127.0.0.1 loads the bundled package and the AWS SDK v3 and signs in to
// `srp-cognito serve` (right password → tokens, wrong → NotAuthorizedException, a
// remembered device). CHROMIUM names the browser (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';

import { cognito, provision, startServe } from './serve.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
let dir;
let site;
let serve;
let browser;
let page;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'srp-cognito-page-'));
  await esbuild({
    entryPoints: [fileURLToPath(new URL('browser/page.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['node:*'], // index.js reads the .wasm with node:fs only in Node
    outfile: join(dir, 'page.js'),
    logLevel: 'error',
  });
  await cp(fileURLToPath(new URL('../wasm/', import.meta.url)), join(dir, 'wasm'), {
    recursive: true,
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><title>loading</title><script type="module" src="page.js"></script>',
  );
  site = createServer(async (request, response) => {
    const path = normalize(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '');
    try {
      const body = await readFile(join(dir, path || 'index.html'));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/html' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  serve = await startServe();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
  page = await browser.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${site.address().port}/`);
  await page.waitForFunction(() => document.title === 'ready').catch((e) => {
    throw new Error(`the page did not load: ${errors.join('; ') || e.message}`);
  });
});

after(async () => {
  await browser?.close();
  serve?.stop();
  site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const inPage = (name, ...args) =>
  page.evaluate(([name, args]) => window.srp[name](...args), [name, args]);

test('the page runs the SIMD build on the portable32 engine', async () => {
  assert.equal(await page.evaluate(() => window.srp.build), 'simd');
  assert.deepEqual(await page.evaluate(() => window.srp.engine), {
    backend: 'portable32',
    simd: true,
  });
});

test('sign-in from the page: right password → tokens, wrong → NotAuthorizedException', async () => {
  const password = 'Browser-Pass-1!';
  const pool = await provision(cognito(serve.url), { username: 'erin', password });
  const right = await inPage('signIn', serve.url, { ...pool, username: 'erin', password });
  assert.ok(right.tokens?.AccessToken, JSON.stringify(right));
  assert.deepEqual(right.answered, ['PASSWORD_VERIFIER']);
  const wrong = await inPage('signIn', serve.url, { ...pool, username: 'erin', password: 'x' });
  assert.deepEqual(wrong, { error: 'NotAuthorizedException' });
});

test('a remembered device from the page', async () => {
  const password = 'Browser-Device-1!';
  const pool = await provision(cognito(serve.url), { username: 'frank', password, devices: true });
  const first = await inPage('signIn', serve.url, { ...pool, username: 'frank', password });
  const device = await inPage('confirmDevice', serve.url, first.tokens);
  const second = await inPage('signIn', serve.url, { ...pool, username: 'frank', password, device });
  assert.deepEqual(second.answered, [
    'PASSWORD_VERIFIER',
    'DEVICE_SRP_AUTH',
    'DEVICE_PASSWORD_VERIFIER',
  ]);
});
