// The WebAssembly builds against an independent implementation on Node's BigInt
// (bench/bigint-srp.mjs): random ephemeral secrets of 1 to 160 bytes, SRP_B below N, at or
// above it (to 2N, unreduced), short or with leading zeros, salts of odd length or with
// leading zeros, Unicode passwords; SRP_A and PASSWORD_CLAIM_SIGNATURE must agree, and where
// the protocol refuses (B ≡ 0 mod N) both refuse.
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { test } from 'node:test';

import * as reference from '../bench/bigint-srp.mjs';
import { builds } from './builds.mjs';

const CASES = 60;
const hex = (bytes) => Buffer.from(bytes).toString('hex');

function srpB() {
  switch (randomInt(5)) {
    case 0:
      return hex(randomBytes(randomInt(1, 384))); // short, maybe leading zeros
    case 1:
      return (reference.N + (BigInt(`0x${hex(randomBytes(384))}`) % reference.N)).toString(16);
    case 2:
      return `000${hex(randomBytes(383))}`;
    case 3:
      return (reference.N * BigInt(randomInt(1, 3))).toString(16); // ≡ 0: refused
    default:
      return hex(randomBytes(384)).replace(/^[89a-f]/, '7');
  }
}

function text() {
  const alphabet = ['a', 'Z', '9', '@', '.', '-', 'é', 'ß', '中', '😀', ' ', ':'];
  return Array.from({ length: randomInt(1, 16) }, () => alphabet[randomInt(alphabet.length)]).join('');
}

for (const { build, vectors } of builds) {
  test(`${CASES} random sign-ins agree with Node BigInt (${build} build)`, () => {
    for (let i = 0; i < CASES; i++) {
      let aBytes = randomBytes(randomInt(1, 161));
      if (aBytes.every((b) => b === 0)) aBytes = Buffer.from([1]);
      const poolName = hex(randomBytes(randomInt(1, 6))) + 'Xy';
      const input = {
        pool_id: `us-east-1_${poolName}`,
        user_id_for_srp: text(),
        password: text(),
        a: hex(aBytes),
        srp_b: srpB(),
        salt: `0${hex(randomBytes(randomInt(1, 17)))}`.slice(randomInt(2)),
        secret_block: randomBytes(randomInt(1, 64)).toString('base64'),
        timestamp: 'Tue Nov 3 08:05:09 UTC 2026',
      };
      const a = BigInt(`0x${input.a}`);
      const want = reference.signature({
        poolName,
        user: input.user_id_for_srp,
        password: input.password,
        a,
        srpB: input.srp_b,
        salt: input.salt,
        secretBlock: input.secret_block,
        timestamp: input.timestamp,
      });
      const got = vectors.compute({ kind: 'password_verifier', input });
      const where = JSON.stringify(input);
      if (want === null) {
        assert.equal(got.error, 'b_mod_n_zero', where);
        continue;
      }
      assert.equal(got.srp_a, reference.padHex(reference.srpA(a)).replace(/^0+/, '') || '0', where);
      assert.equal(got.password_claim_signature, want, where);
    }
  });
}
