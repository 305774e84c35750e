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
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { bind } from '../api.js';
import { instantiate } from '../load.js';
import * as srp from './bigint-srp.mjs';

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

// srp-cognito, one API per build, each its own module instance.
async function ours(build) {
  const bytes = await readFile(new URL(`../wasm/${build}.wasm`, import.meta.url));
  const api = bind(await instantiate(bytes, { simd: build === 'simd' }));
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
  return () => {
    const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
    const { SALT: salt, SRP_B: srpB, SECRET_BLOCK: secretBlock } = challenge.ChallengeParameters;
    const timestamp = new Date().toUTCString();
    srp.signature({ poolName, user, password, a, srpB, salt, secretBlock, timestamp });
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
    const ratio = `${r.ofIdentityJs.toFixed(3)} (1/${(1 / r.ofIdentityJs).toFixed(1)})`;
    console.log(`| ${r.name} | ${r.medianMs.toFixed(2)} ms | ${ratio} |`);
  }
}
