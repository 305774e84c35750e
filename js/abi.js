// JavaScript's door to srp-cognito's C ABI (ffi/include/srp_cognito.h): the same functions
// in every build, the exports of a WebAssembly instance (wasm/*.wasm) or of the wasm2js
// module (wasm/engine.js). Arguments are written as UTF-8 straight into the module's
// memory (no copy of a password in a JavaScript buffer) and wiped there after the call;
// results are read out of the library's buffer, which it then wipes. A refusal is thrown
// as a SrpCognitoError whose `code` is the status's name, read from the library.
//
// The ABI's 64-bit integers (a sign-in's handle, the clock) cross as BigInt into
// WebAssembly, and as two 32-bit halves into wasm2js' output (which lowers every i64
// parameter so); the two are told apart by the arity of one export. No TextEncoder is
// required (Hermes has none), no BigInt literal is written (an engine without BigInt must
// parse this file), no class syntax.
import { SrpCognitoError } from './error.js';

const TWO_32 = 4294967296;

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

// An argument as JavaScript passes it: a required one takes String(x) (undefined and null
// as ''), an optional one is absent (NULL) for undefined or null.
const text = (x) => (x === undefined || x === null ? '' : String(x));
const optional = (x) => (x === undefined || x === null ? null : String(x));

/**
 * The C ABI over `exports` (an instance's exports: `memory` and the srp_cognito_
 * functions). `simd`: whether that module computes with SIMD128.
 */
export function abi(exports, { simd = false } = {}) {
  const e = exports;
  // wasm2js lowers each i64 parameter into two i32 ones (low, high).
  const split = e.srp_cognito_sign_in_free.length === 2;
  const names = new Map();
  // The out buffer (data, len) and a sign-in handle's two words, reused by every call.
  const scratch = e.srp_cognito_alloc(16);
  const OUT = scratch;
  const HANDLE = scratch + 8;

  const bytes = () => new Uint8Array(e.memory.buffer);

  function statusName(status) {
    let name = names.get(status);
    if (name === undefined) {
      const b = bytes();
      const at = e.srp_cognito_status_name(status);
      let end = at;
      while (b[end] !== 0) end++;
      name = utf8Read(b, at, end - at);
      names.set(status, name);
    }
    return name;
  }

  /** A 64-bit argument: [BigInt] into WebAssembly, [low, high] into wasm2js. */
  function i64(low, high) {
    return split ? [low, high] : [BigInt(high) * BigInt(TWO_32) + BigInt(low)];
  }

  /**
   * Calls `f` with `args` (strings, or null for absent) written into the module's memory
   * as (pointer, length) pairs, then `rest` (numbers: handles, the clock, an output
   * pointer); the arguments are wiped once it returns. Returns f's status.
   */
  function withArgs(args, f) {
    const lengths = args.map((a) => (a === null ? 0 : utf8Length(a)));
    // One block for every argument, never empty: an empty argument is a non-NULL pointer.
    const total = lengths.reduce((sum, len) => sum + len, 0) + 1;
    const block = e.srp_cognito_alloc(total);
    if (!block) throw new SrpCognitoError('internal', 'out of memory');
    try {
      const b = bytes();
      const pairs = [];
      let at = block;
      args.forEach((a, i) => {
        if (a === null) pairs.push(0, 0);
        else {
          pairs.push(at, lengths[i]);
          at = utf8Write(a, b, at);
        }
      });
      return f(pairs);
    } finally {
      e.srp_cognito_dealloc(block, total);
    }
  }

  /** The text of the out buffer (freed: wiped), or the refusal thrown for `status`. */
  function result(status) {
    const b = bytes();
    const data = u32(b, OUT);
    const len = u32(b, OUT + 4);
    const out = len ? utf8Read(b, data, len) : '';
    e.srp_cognito_buffer_free(OUT);
    if (status !== 0) throw new SrpCognitoError(statusName(status), out);
    return out;
  }

  /** Runs `name` with the string `args`, then `numbers`, then the out buffer. */
  function call(name, args, numbers = []) {
    return result(withArgs(args, (pairs) => e[name](...numbers, ...pairs, OUT)));
  }

  /** Runs a sign-in's `name` on `handle` ([low, high]) with `args` and `after` numbers. */
  function onSignIn(name, handle, args = [], after = []) {
    return result(
      withArgs(args, (pairs) => e[name](...i64(handle[0], handle[1]), ...pairs, ...after, OUT)),
    );
  }

  return {
    /** The module's memory (what the wipe test searches). */
    get memory() {
      return e.memory;
    },
    simd,
    secretHash: (username, clientId, clientSecret) =>
      call('srp_cognito_secret_hash', [text(username), text(clientId), text(clientSecret)]),
    /** A new sign-in's handle ([low, high]). */
    signInNew(options, password, clientSecret, devicePassword) {
      const args = [text(options), text(password), optional(clientSecret), optional(devicePassword)];
      const status = withArgs(args, (pairs) => e.srp_cognito_sign_in_new(...pairs, HANDLE, OUT));
      result(status);
      const b = bytes();
      return [u32(b, HANDLE), u32(b, HANDLE + 4)];
    },
    start: (handle) => onSignIn('srp_cognito_sign_in_start', handle),
    startWith: (handle, a) => onSignIn('srp_cognito_sign_in_start_with', handle, [text(a)]),
    next(handle, output, unixSeconds) {
      const seconds = Number(unixSeconds);
      if (!Number.isSafeInteger(seconds)) {
        throw new SrpCognitoError('bad_input', 'unixSeconds: a whole number');
      }
      const high = Math.floor(seconds / TWO_32);
      return result(
        withArgs([text(output)], (pairs) =>
          e.srp_cognito_sign_in_next(
            ...i64(handle[0], handle[1]),
            ...pairs,
            ...i64(seconds - high * TWO_32, high | 0),
            OUT,
          ),
        ),
      );
    },
    answer: (handle, answer, attributes) =>
      onSignIn('srp_cognito_sign_in_answer', handle, [optional(answer), optional(attributes)]),
    username: (handle) => onSignIn('srp_cognito_sign_in_username', handle),
    pending: (handle) => onSignIn('srp_cognito_sign_in_pending', handle) || null,
    free: (handle) => result(e.srp_cognito_sign_in_free(...i64(handle[0], handle[1]))),
    confirmDevice: (result, deviceName) =>
      call('srp_cognito_confirm_device', [text(result), optional(deviceName)]),
    updateDeviceStatus: (accessToken, deviceKey, remembered) =>
      result(
        withArgs([text(accessToken), text(deviceKey)], (pairs) =>
          e.srp_cognito_update_device_status(...pairs, remembered ? 1 : 0, OUT),
        ),
      ),
    refresh: (clientId, clientSecret, refreshToken, username, deviceKey) =>
      call('srp_cognito_refresh', [
        text(clientId),
        optional(clientSecret),
        text(refreshToken),
        optional(username),
        optional(deviceKey),
      ]),
    getTokensFromRefreshToken: (clientId, clientSecret, refreshToken, deviceKey) =>
      call('srp_cognito_get_tokens_from_refresh_token', [
        text(clientId),
        optional(clientSecret),
        text(refreshToken),
        optional(deviceKey),
      ]),
    backend: () => call('srp_cognito_backend', []),
    /** The test vectors' compute (only in a module built with the `testing` feature). */
    compute: (request) => call('srp_cognito_testing_compute', [text(request)]),
    /** Makes `name` the backend (only with the `testing` feature). */
    selectBackend: (name) => call('srp_cognito_testing_select_backend', [text(name)]),
  };
}
