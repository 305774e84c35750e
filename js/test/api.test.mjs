// The package's API on both builds, deterministically against the vectors (startWith and
// a given clock reproduce a PASSWORD_VERIFIER response byte for byte), and its refusals:
// typed SrpCognitoError, never a crash, and nothing usable after free().
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { builds } from './builds.mjs';
import * as pkg from '../index.js';

const load = async (name) =>
  JSON.parse(await readFile(new URL(`../../test-vectors/${name}`, import.meta.url))).vectors;
const verifierVectors = await load('password_verifier.json');
const [hashVector] = await load('secret_hash.json');

for (const { build, api, vectors } of builds) {
  test(`SignIn reproduces every PASSWORD_VERIFIER vector (${build} build)`, () => {
    for (const { id, input, expected } of verifierVectors) {
      const signIn = api.SignIn.userSrp({
        poolId: input.pool_id,
        clientId: 'client',
        username: 'typed-alias',
        password: input.password,
      });
      const initiate = signIn.startWith(input.a);
      assert.equal(initiate.AuthParameters.SRP_A, expected.srp_a, id);
      assert.equal(initiate.AuthParameters.USERNAME, 'typed-alias');
      const step = signIn.next(
        {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            USERNAME: 'internal-name',
            USER_ID_FOR_SRP: input.user_id_for_srp,
            SALT: input.salt,
            SRP_B: input.srp_b,
            SECRET_BLOCK: input.secret_block,
          },
          Session: 'the-session',
        },
        { unixSeconds: Date.parse(input.timestamp) / 1000 },
      );
      const r = step.respond.ChallengeResponses;
      assert.equal(r.TIMESTAMP, input.timestamp, id);
      assert.equal(r.PASSWORD_CLAIM_SIGNATURE, expected.password_claim_signature, id);
      assert.equal(r.USERNAME, 'internal-name', 'the challenge USERNAME, not the alias');
      assert.equal(step.respond.Session, 'the-session');
      assert.equal(signIn.username, 'internal-name');
      signIn.free();
    }
  });

  test(`secretHash matches the vector (${build} build)`, () => {
    const { username, client_id: clientId, client_secret: secret } = hashVector.input;
    assert.equal(api.secretHash(username, clientId, secret), hashVector.expected.secret_hash);
  });

  test(`refusals are SrpCognitoError with the category (${build} build)`, () => {
    const options = { poolId: 'us-east-1_Abc', clientId: 'c', username: 'u', password: 'p' };
    const code = (code) => (e) => e.name === 'SrpCognitoError' && e.code === code;
    assert.throws(() => api.SignIn.userSrp({ ...options, poolId: 'no-underscore' }), code('bad_pool_id'));
    assert.throws(() => new api.SignIn('USER_PASSWORD_AUTH', options), code('bad_input'));
    assert.throws(
      () => api.SignIn.userSrp({ ...options, device: { deviceKey: 'k' } }),
      code('bad_input'),
    );
    const signIn = api.SignIn.userSrp(options);
    assert.throws(() => signIn.next({}), code('out_of_turn'), 'next before start');
    signIn.start();
    assert.throws(() => signIn.start(), code('out_of_turn'));
    assert.throws(() => signIn.answer('123456'), code('out_of_turn'), 'nothing pending');
    const challenge = (b) => ({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: { USERNAME: 'u', USER_ID_FOR_SRP: 'u', SALT: '01', SRP_B: b, SECRET_BLOCK: 'AA==' },
    });
    assert.throws(() => signIn.next(challenge('0')), code('b_mod_n_zero'));
    signIn.free();
    assert.throws(() => signIn.start(), code('out_of_turn'), 'freed');
    signIn.free(); // twice is fine
    assert.throws(() => api.secretHash('u', 'c', ''), code('empty_input'));
    assert.throws(() => api.confirmDevice({ AccessToken: 't' }), code('missing_parameter'));
    assert.throws(() => api.refresh({ clientId: 'c', refreshToken: '' }), code('empty_input'));
  });

  test(`hostile input is refused, fast and typed (${build} build)`, () => {
    const started = performance.now();
    const signIn = api.SignIn.userSrp({ poolId: 'us-east-1_Abc', clientId: 'c', username: 'u', password: 'p' });
    signIn.start();
    const huge = 'f'.repeat(50_000_000);
    const parameters = { USERNAME: 'u', USER_ID_FOR_SRP: 'u', SALT: '01', SRP_B: huge, SECRET_BLOCK: 'AA==' };
    assert.throws(
      () => signIn.next({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: parameters }),
      { code: 'too_large' },
    );
    // Under the JSON cap, the library's own field limits refuse it (SRP_B ≤ 1024 digits).
    parameters.SRP_B = 'f'.repeat(100_000);
    assert.throws(
      () => signIn.next({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: parameters }),
      { code: 'too_large' },
    );
    assert.deepEqual(vectors.compute({ kind: 'srp_a', input: { a: huge } }), { error: 'bad_json' });
    assert.deepEqual(vectors.compute({ kind: 'srp_a', input: { a: huge.slice(0, 100_000) } }), {
      error: 'a_out_of_range',
    });
    assert.throws(() => api.confirmDevice({ AccessToken: huge }), { code: 'too_large' });
    assert.throws(() => api.confirmDevice(['not', 'an', 'object']), { code: 'bad_json' });
    for (const output of [null, 42, 'text', [], { ChallengeParameters: 'x' }]) {
      const fresh = api.SignIn.userSrp({ poolId: 'us-east-1_Abc', clientId: 'c', username: 'u', password: 'p' });
      fresh.start();
      assert.throws(() => fresh.next(output), (e) => e.name === 'SrpCognitoError', JSON.stringify(output));
      fresh.free();
    }
    signIn.free();
    // Refusals that read a length, not a parse: the whole test in well under 10 s.
    assert.ok(performance.now() - started < 10_000);
  });

  test(`a pending challenge and its answer (${build} build)`, () => {
    const signIn = api.SignIn.userSrp({ poolId: 'us-east-1_Abc', clientId: 'c', username: 'u', password: 'p' });
    signIn.start();
    const step = signIn.next({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeParameters: { USERNAME: 'internal' },
      Session: 's2',
    });
    assert.equal(step.pending.challengeName, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(step.pending.parameters, { USERNAME: 'internal' });
    const respond = signIn.answer('123456');
    assert.deepEqual(respond.ChallengeResponses, {
      USERNAME: 'internal',
      SOFTWARE_TOKEN_MFA_CODE: '123456',
    });
    assert.equal(respond.Session, 's2');
    const done = signIn.next({ AuthenticationResult: { AccessToken: 'a', ExpiresIn: 3600 } });
    assert.deepEqual(done.signedIn, { AccessToken: 'a', ExpiresIn: 3600 });
    assert.throws(() => signIn.start(), { code: 'out_of_turn' }, 'freed once signed in');
    assert.equal(signIn.username, 'internal');
  });
}

test('the package entry: the SIMD build on the portable32 engine', () => {
  assert.equal(pkg.build, 'simd');
  assert.deepEqual(pkg.engine(), { backend: 'portable32', simd: true });
});
