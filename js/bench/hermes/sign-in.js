// Runs under Hermes (bench/hermes.mjs bundles it as Metro would): the client's work of one
// SRP sign-in (SRP_A, then the PASSWORD_VERIFIER response), each implementation in turn
// within every round (interleaved), ROUNDS rounds after one of warm-up; prints the
// samples as JSON. CHALLENGE is a published vector's input, defined by the bundler.
//   srp-cognito (host-bigint)   the package's React Native entry: wasm/engine.js, its
//                               products on Hermes' BigInt
//   srp-cognito (portable32)    the same module on the Rust limb arithmetic (the fallback
//                               where an engine has no BigInt)
//   amazon-cognito-identity-js 6.3.21   AuthenticationHelper + the signature, as CognitoUser
//   plain BigInt                the same math on Hermes' BigInt (square-and-multiply, %)
//                               with @aws-crypto/sha256-js (variable-time)
// First: identity-js reads crypto when its modules load.
import './stand-in-random.js';
// Its modules one by one, as CognitoUser uses them (its index also loads a fetch polyfill).
import * as helperModule from 'amazon-cognito-identity-js/lib/AuthenticationHelper.js';
import * as bigIntegerModule from 'amazon-cognito-identity-js/lib/BigInteger.js';
import * as dateModule from 'amazon-cognito-identity-js/lib/DateHelper.js';
import * as sha256Module from 'amazon-cognito-identity-js/node_modules/@aws-crypto/sha256-js/build/index.js';

import * as engineModule from '../../wasm/engine.js';
import * as vectorsModule from '../../../target/js/engine-vectors.js';
import { abi } from '../../abi.js';
import { bind } from '../../api.js';

const engine = abi(engineModule);
const vectorsEngine = abi(vectorsModule);

// CommonJS modules with `exports.default` (Babel's output): their default is that.
const cjsDefault = (m) => (typeof m.default === 'function' ? m.default : m.default.default);
const AuthenticationHelper = cjsDefault(helperModule);
const BigInteger = cjsDefault(bigIntegerModule);
const DateHelper = cjsDefault(dateModule);
const Sha256 = sha256Module.Sha256 || sha256Module.default.Sha256;

// Byte helpers (no Buffer: the benchmark's own code stays off Node's APIs).
const hexToBytes = (h) => {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(2 * i, 2), 16);
  return out;
};
const hex = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
};
const utf8 = (s) => {
  const binary = unescape(encodeURIComponent(s));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
};
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const fromBase64 = (s) => {
  const clean = s.replace(/=+$/, '');
  const out = [];
  let bits = 0;
  let value = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 255);
    }
  }
  return new Uint8Array(out);
};
const toBase64 = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    s += B64[n >> 18] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
};
const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const input = CHALLENGE;
const poolName = input.pool_id.split('_')[1];
const user = input.user_id_for_srp;
const challenge = {
  ChallengeName: 'PASSWORD_VERIFIER',
  ChallengeParameters: {
    USERNAME: user,
    USER_ID_FOR_SRP: user,
    SALT: input.salt,
    SRP_B: input.srp_b,
    SECRET_BLOCK: input.secret_block,
  },
  Session: 'session',
};

function ours(api) {
  // First, the answer must be the vector's.
  const check = api.SignIn.userSrp({ poolId: input.pool_id, clientId: 'c', username: user, password: input.password });
  check.startWith(input.a);
  const signature = check.next(challenge, { unixSeconds: UNIX_SECONDS }).respond.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE;
  if (signature !== EXPECTED_SIGNATURE) throw new Error(`srp-cognito (${api.engine().backend}): wrong signature`);
  return () => {
    const signIn = api.SignIn.userSrp({ poolId: input.pool_id, clientId: 'c', username: user, password: input.password });
    signIn.start();
    const step = signIn.next(challenge);
    signIn.free();
    if (!step.respond) throw new Error('srp-cognito did not respond');
  };
}

function identityJs() {
  return () => {
    const helper = new AuthenticationHelper(poolName);
    let srpA;
    helper.getLargeAValue((err, a) => {
      if (err) throw err;
      srpA = a.toString(16);
    });
    let signature;
    helper.getPasswordAuthenticationKey(
      user,
      input.password,
      new BigInteger(input.srp_b, 16),
      new BigInteger(input.salt, 16),
      (err, hkdf) => {
        if (err) throw err;
        const message = concat([
          utf8(poolName),
          utf8(user),
          fromBase64(input.secret_block),
          utf8(new DateHelper().getNowString()),
        ]);
        const hash = new Sha256(hkdf);
        hash.update(message);
        signature = toBase64(hash.digestSync());
      },
    );
    if (!srpA || !signature) throw new Error('identity-js did not finish synchronously');
  };
}

// The plain BigInt sign-in (as bench/bigint-srp.mjs, on sha256-js instead of node:crypto).
const sha = (data, key) => {
  const h = new Sha256(key);
  h.update(data);
  return h.digestSync();
};
const N = BigInt(`0x${'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF'}`);
const g = BigInt(2);
const padHex = (n) => {
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  return '89abcdef'.indexOf(h[0]) >= 0 ? `00${h}` : h;
};
const hashHex = (h) => hex(sha(hexToBytes(h)));
const k = BigInt(`0x${hashHex(padHex(N) + padHex(g))}`);
function modPow(base, exp, m) {
  let result = BigInt(1);
  base %= m;
  while (exp > BigInt(0)) {
    if (exp & BigInt(1)) result = (result * base) % m;
    base = (base * base) % m;
    exp >>= BigInt(1);
  }
  return result;
}
function plainBigInt() {
  return () => {
    const bytes = crypto.getRandomValues(new Uint8Array(128));
    const a = BigInt(`0x${hex(bytes)}`);
    const A = modPow(g, a, N);
    const B = BigInt(`0x${input.srp_b}`);
    const u = BigInt(`0x${hashHex(padHex(A) + padHex(B))}`);
    const inner = hex(sha(utf8(`${poolName}${user}:${input.password}`)));
    const x = BigInt(`0x${hashHex(padHex(BigInt(`0x${input.salt}`)) + inner)}`);
    const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
    const S = modPow(base, a + u * x, N);
    // HKDF-SHA256 (one block) and the HMAC of the claim.
    const prk = sha(hexToBytes(padHex(S)), hexToBytes(padHex(u)));
    const key = sha(concat([utf8('Caldera Derived Key'), new Uint8Array([1])]), prk).slice(0, 16);
    const message = concat([
      utf8(poolName),
      utf8(user),
      fromBase64(input.secret_block),
      utf8(new DateHelper().getNowString()),
    ]);
    return toBase64(sha(message, key));
  };
}

vectorsEngine.selectBackend('portable32');
const contenders = [
  ['srp-cognito (host-bigint)', ours(bind(engine))],
  ['srp-cognito (portable32)', ours(bind(vectorsEngine))],
  ['amazon-cognito-identity-js 6.3.21', identityJs()],
  ['plain BigInt', plainBigInt()],
];
const samples = {};
for (const [name] of contenders) samples[name] = [];
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, signIn] of contenders) {
    const start = Date.now();
    signIn();
    if (round >= 0) samples[name].push(Date.now() - start);
  }
}
print(JSON.stringify({ hermes: HermesInternal.getRuntimeProperties()['OSS Release Version'], samples }));
