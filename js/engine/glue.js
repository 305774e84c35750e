// The JavaScript build's glue: the same interface as the WebAssembly builds' wasm-bindgen
// glue (wasm/srp_cognito.js), which api.js binds, over the C ABI of js/engine/src/lib.rs
// in the wasm2js output (`asm`). Strings go in as length-prefixed UTF-8 written straight
// into the core's memory (no copy of a password in a JavaScript buffer), results come
// back as UTF-8 read out of a buffer the core then wipes. No TextEncoder (Hermes has
// none), no WebAssembly, no classes.
import * as asm from './engine_asm.js';
import { attach } from './host.js';

attach(asm.memory);

/** The core's memory (its `buffer`): what test/wipe.mjs searches for secrets. */
export const memory = asm.memory;

const ABSENT = 0xffffffff;
const OP = {
  secretHash: 0,
  backend: 1,
  signInNew: 2,
  start: 3,
  startWith: 4,
  next: 5,
  answer: 6,
  username: 7,
  free: 8,
  confirmDevice: 9,
  updateDeviceStatus: 10,
  refresh: 11,
  getTokensFromRefreshToken: 12,
  compute: 13,
  selectBackend: 14,
};

/** UTF-8 length of `s` (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
function utf8Length(s) {
  let len = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) len += 1;
    else if (c < 0x800) len += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 4;
      i++;
    } else len += 3;
  }
  return len;
}

/** Writes `s` as UTF-8 into `bytes` at `at`; returns the end. */
function utf8Write(s, bytes, at) {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && (d & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) bytes[at++] = c;
    else if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      bytes[at++] = 0xe0 | (c >> 12);
      bytes[at++] = 0x80 | ((c >> 6) & 63);
      bytes[at++] = 0x80 | (c & 63);
    } else {
      bytes[at++] = 0xf0 | (c >> 18);
      bytes[at++] = 0x80 | ((c >> 12) & 63);
      bytes[at++] = 0x80 | ((c >> 6) & 63);
      bytes[at++] = 0x80 | (c & 63);
    }
  }
  return at;
}

/** The string of `len` bytes of (valid) UTF-8 at `at`. */
function utf8Read(bytes, at, len) {
  const end = at + len;
  const units = [];
  let out = '';
  while (at < end) {
    const b = bytes[at++];
    let c;
    if (b < 0x80) c = b;
    else if (b < 0xe0) c = ((b & 31) << 6) | (bytes[at++] & 63);
    else if (b < 0xf0) c = ((b & 15) << 12) | ((bytes[at++] & 63) << 6) | (bytes[at++] & 63);
    else {
      c = ((b & 7) << 18) | ((bytes[at++] & 63) << 12) | ((bytes[at++] & 63) << 6) | (bytes[at++] & 63);
      c -= 0x10000;
      units.push(0xd800 + (c >> 10));
      c = 0xdc00 + (c & 1023);
    }
    units.push(c);
    if (units.length >= 4096) out += String.fromCharCode.apply(null, units.splice(0));
  }
  return out + String.fromCharCode.apply(null, units);
}

function u32(bytes, at) {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function putU32(bytes, at, v) {
  bytes[at] = v & 255;
  bytes[at + 1] = (v >>> 8) & 255;
  bytes[at + 2] = (v >>> 16) & 255;
  bytes[at + 3] = v >>> 24;
}

/** Runs `op` with `args` (strings, or null for absent); `{ value, text }` or throws. */
function call(op, handle, args) {
  const lengths = args.map((a) => (a === null ? ABSENT : utf8Length(a)));
  const total = lengths.reduce((sum, len) => sum + 4 + (len === ABSENT ? 0 : len), 0);
  const ptr = total ? asm.srp_alloc(total) : 0;
  if (total && !ptr) throw new Error('internal: out of memory');
  let bytes = new Uint8Array(asm.memory.buffer);
  let at = ptr;
  args.forEach((a, i) => {
    putU32(bytes, at, lengths[i]);
    at = a === null ? at + 4 : utf8Write(a, bytes, at + 4);
  });
  const out = asm.srp_call(op, handle, ptr, total);
  bytes = new Uint8Array(asm.memory.buffer); // the call may have grown the memory
  const len = u32(bytes, out + 8);
  const result = { value: u32(bytes, out + 4), text: utf8Read(bytes, out + 12, len) };
  const refused = u32(bytes, out) !== 0;
  asm.srp_free(out, 12 + len);
  if (refused) throw new Error(result.text);
  return result;
}

// As wasm-bindgen passes them: a string parameter takes String(x) (undefined as ''), an
// optional one null for null or undefined.
const str = (x) => (x === undefined || x === null ? '' : String(x));
const opt = (x) => (x === undefined || x === null ? null : String(x));
const flag = (x) => (x ? '1' : '0');

const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((handle) => call(OP.free, handle, []))
    : null;

/** The sans-IO sign-in; its password and ephemeral secret live (and are wiped) in the core. */
export function SignIn(flow, poolId, clientId, clientSecret, username, password, deviceKey, deviceGroupKey, devicePassword, lenient) {
  this.handle = call(OP.signInNew, 0, [
    str(flow),
    str(poolId),
    str(clientId),
    opt(clientSecret),
    str(username),
    str(password),
    opt(deviceKey),
    opt(deviceGroupKey),
    opt(devicePassword),
    flag(lenient),
  ]).value;
  if (finalizer) finalizer.register(this, this.handle, this);
}

SignIn.prototype.start = function () {
  return call(OP.start, this.handle, []).text;
};
SignIn.prototype.startWith = function (a) {
  return call(OP.startWith, this.handle, [str(a)]).text;
};
SignIn.prototype.next = function (output, unixSeconds) {
  return call(OP.next, this.handle, [str(output), String(Number(unixSeconds))]).text;
};
SignIn.prototype.answer = function (answer, attributes) {
  return call(OP.answer, this.handle, [opt(answer), opt(attributes)]).text;
};
Object.defineProperty(SignIn.prototype, 'username', {
  get() {
    return call(OP.username, this.handle, []).text;
  },
});
SignIn.prototype.free = function () {
  if (this.handle) {
    if (finalizer) finalizer.unregister(this);
    call(OP.free, this.handle, []);
    this.handle = 0;
  }
};

export function secretHash(username, clientId, clientSecret) {
  return call(OP.secretHash, 0, [str(username), str(clientId), str(clientSecret)]).text;
}

export function confirmDevice(result, deviceName) {
  return call(OP.confirmDevice, 0, [str(result), opt(deviceName)]).text;
}

export function updateDeviceStatus(accessToken, deviceKey, remembered) {
  return call(OP.updateDeviceStatus, 0, [str(accessToken), str(deviceKey), flag(remembered)]).text;
}

export function refresh(clientId, clientSecret, refreshToken, username, deviceKey) {
  return call(OP.refresh, 0, [str(clientId), opt(clientSecret), str(refreshToken), opt(username), opt(deviceKey)]).text;
}

export function getTokensFromRefreshToken(clientId, clientSecret, refreshToken, deviceKey) {
  return call(OP.getTokensFromRefreshToken, 0, [str(clientId), opt(clientSecret), str(refreshToken), opt(deviceKey)]).text;
}

/** The arithmetic backend: `host-bigint` where the engine has BigInt, else `portable32`. */
export function backend() {
  return call(OP.backend, 0, []).text;
}

/** This build has no SIMD128 (it is not WebAssembly). */
export function simd() {
  return false;
}

/** The test vectors' compute (only in the vectors' build of the engine). */
export function compute(request) {
  return call(OP.compute, 0, [str(request)]).text;
}

/** Makes `name` the arithmetic backend (only in the vectors' build of the engine). */
export function selectBackend(name) {
  return call(OP.selectBackend, 0, [str(name)]).text;
}
