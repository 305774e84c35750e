// `npm run bench`: the client's work of one SRP sign-in (SRP_A for InitiateAuth, then the
// PASSWORD_VERIFIER response) in one Node process, each implementation in turn within
// every round (interleaved, so that the machine's noise falls on all alike):
//   srp-cognito (simd)     this package's SIMD128 build, through its API (SignIn)
//   srp-cognito (scalar)   the same API on the scalar build
//   amazon-cognito-identity-js 6.3.21   AuthenticationHelper + the signature, as CognitoUser
//   @aws-amplify/auth 6.21.1            getAuthenticationHelper + getSignatureString
//   Node BigInt            the same math on Node's BigInt and node:crypto (variable-time)
// Prints medians and each one's ratio to amazon-cognito-identity-js's, as a Markdown table;
// `--json` prints them as JSON. `--rounds N` (default 31) sets the rounds.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { bind } from '../api.js';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 31;
const json = args.includes('--json');

// One PASSWORD_VERIFIER challenge (a published vector's SRP_B, salt and secret block).
const vectors = JSON.parse(
  await readFile(new URL('../../test-vectors/password_verifier.json', import.meta.url)),
);
const { input } = vectors.vectors[0];
const poolId = input.pool_id;
const poolName = poolId.split('_')[1];
const user = input.user_id_for_srp;
const password = input.password;
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

// srp-cognito, one API per build (a query string gives each its own module instance).
async function ours(build) {
  const glue = await import(`../wasm/srp_cognito.js?${build}`);
  glue.initSync({ module: await readFile(new URL(`../wasm/${build}.wasm`, import.meta.url)) });
  const api = bind(glue);
  return () => {
    const signIn = api.SignIn.userSrp({ poolId, clientId: 'client', username: user, password });
    signIn.start();
    const step = signIn.next(challenge);
    signIn.free();
    if (!step.respond) throw new Error('srp-cognito did not respond');
  };
}

// amazon-cognito-identity-js: what CognitoUser.authenticateUserDefaultAuth computes.
function identityJs() {
  const { AuthenticationHelper, DateHelper } = require('amazon-cognito-identity-js');
  const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
  const { Sha256 } = require('@aws-crypto/sha256-js');
  return () => {
    const helper = new AuthenticationHelper(poolName);
    let srpA;
    helper.getLargeAValue((err, a) => {
      if (err) throw err;
      srpA = a.toString(16);
    });
    const b = new BigInteger(challenge.ChallengeParameters.SRP_B, 16);
    const salt = new BigInteger(challenge.ChallengeParameters.SALT, 16);
    let signature;
    helper.getPasswordAuthenticationKey(user, password, b, salt, (err, hkdf) => {
      if (err) throw err;
      const message = Buffer.concat([
        Buffer.from(poolName, 'utf8'),
        Buffer.from(user, 'utf8'),
        Buffer.from(challenge.ChallengeParameters.SECRET_BLOCK, 'base64'),
        Buffer.from(new DateHelper().getNowString(), 'utf8'),
      ]);
      const hash = new Sha256(hkdf);
      hash.update(message);
      signature = Buffer.from(hash.digestSync()).toString('base64');
    });
    if (!srpA || !signature) throw new Error('identity-js did not finish synchronously');
  };
}

// Amplify v6: its SRP helpers, as signInWithSRP calls them (async).
async function amplify() {
  const srp = fileURLToPath(
    new URL(
      '../node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/index.mjs',
      import.meta.url,
    ),
  );
  const { getAuthenticationHelper, getNowString, getSignatureString } = await import(srp);
  const BigInteger = (
    await import(srp.replace('index.mjs', 'BigInteger/BigInteger.mjs'))
  ).default;
  return async () => {
    const helper = await getAuthenticationHelper(poolName);
    helper.A.toString(16);
    const hkdf = await helper.getPasswordAuthenticationKey({
      username: user,
      password,
      serverBValue: new BigInteger(challenge.ChallengeParameters.SRP_B, 16),
      salt: new BigInteger(challenge.ChallengeParameters.SALT, 16),
    });
    getSignatureString({
      userPoolName: poolName,
      username: user,
      challengeParameters: challenge.ChallengeParameters,
      dateNow: getNowString(),
      hkdf,
    });
  };
}

// The same math on Node's BigInt (square-and-multiply, variable-time) and node:crypto.
function nodeBigInt() {
  const N = BigInt(
    '0x' +
      'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
      'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
      'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
      '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
      'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
      '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
      'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
      'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
  );
  const g = 2n;
  const padHex = (n) => {
    let h = n.toString(16);
    if (h.length % 2) h = '0' + h;
    return '89abcdef'.includes(h[0]) ? '00' + h : h;
  };
  const hexHash = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
  const modPow = (base, exp, m) => {
    let result = 1n;
    base %= m;
    while (exp > 0n) {
      if (exp & 1n) result = (result * base) % m;
      base = (base * base) % m;
      exp >>= 1n;
    }
    return result;
  };
  const k = BigInt('0x' + hexHash(padHex(N) + padHex(g)));
  return () => {
    const a = BigInt('0x' + require('node:crypto').randomBytes(128).toString('hex'));
    const A = modPow(g, a, N);
    const B = BigInt('0x' + challenge.ChallengeParameters.SRP_B);
    const u = BigInt('0x' + hexHash(padHex(A) + padHex(B)));
    const inner = createHash('sha256').update(`${poolName}${user}:${password}`).digest('hex');
    const x = BigInt('0x' + hexHash(padHex(BigInt('0x' + challenge.ChallengeParameters.SALT)) + inner));
    const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
    const S = modPow(base, a + u * x, N);
    const key = Buffer.from(
      hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16),
    );
    createHmac('sha256', key)
      .update(
        Buffer.concat([
          Buffer.from(poolName),
          Buffer.from(user),
          Buffer.from(challenge.ChallengeParameters.SECRET_BLOCK, 'base64'),
          Buffer.from('Tue Nov 3 08:05:09 UTC 2026'),
        ]),
      )
      .digest('base64');
  };
}

const contenders = [
  ['srp-cognito (simd)', await ours('simd')],
  ['srp-cognito (scalar)', await ours('scalar')],
  ['amazon-cognito-identity-js 6.3.21', identityJs()],
  ['@aws-amplify/auth 6.21.1', await amplify()],
  ['Node BigInt', nodeBigInt()],
];

const samples = new Map(contenders.map(([name]) => [name, []]));
for (let round = -2; round < rounds; round++) {
  for (const [name, signIn] of contenders) {
    const start = performance.now();
    await signIn();
    const ms = performance.now() - start;
    if (round >= 0) samples.get(name).push(ms); // two rounds of warm-up
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const baseline = median(samples.get('amazon-cognito-identity-js 6.3.21'));
const rows = contenders.map(([name]) => {
  const m = median(samples.get(name));
  return { name, medianMs: m, ofIdentityJs: m / baseline };
});
if (json) {
  console.log(JSON.stringify({ rounds, node: process.version, rows }, null, 2));
} else {
  console.log(`One sign-in's client work, median of ${rounds} interleaved rounds (Node ${process.version}):\n`);
  console.log('| implementation | median | time / identity-js |');
  console.log('|---|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.medianMs.toFixed(2)} ms | ${r.ofIdentityJs < 0.1 ? '1/' + (1 / r.ofIdentityJs).toFixed(0) : r.ofIdentityJs.toFixed(2)} |`);
  }
}
