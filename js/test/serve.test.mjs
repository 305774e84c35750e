// The package with the AWS SDK for JavaScript v3 against `srp-cognito serve`, which
// verifies every claim: the README's sign-in (right password → tokens, wrong one →
// NotAuthorizedException), USER_AUTH, SECRET_HASH, NEW_PASSWORD_REQUIRED, a remembered
// device (ConfirmDevice, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER,
// UpdateDeviceStatus), REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ConfirmDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';

import {
  SignIn,
  build,
  confirmDevice,
  getTokensFromRefreshToken,
  refresh,
  updateDeviceStatus,
} from '../index.js';
import { cognito, provision, startServe } from './serve.mjs';

let serve;
let client;
before(async () => {
  serve = await startServe();
  client = cognito(serve.url);
});
after(() => serve?.stop());

/** The README's sign-in; returns the tokens and the challenges answered on the way. */
async function signIn(options, flow = 'USER_SRP_AUTH') {
  const signIn = new SignIn(flow, options);
  const answered = [];
  try {
    let output = await client.send(new InitiateAuthCommand(signIn.start()));
    for (let step = signIn.next(output); ; step = signIn.next(output)) {
      if (step.signedIn) return { tokens: step.signedIn, answered, username: signIn.username };
      if (!step.respond) throw new Error(`pending ${step.pending.challengeName}`);
      answered.push(step.respond.ChallengeName);
      output = await client.send(new RespondToAuthChallengeCommand(step.respond));
    }
  } finally {
    signIn.free();
  }
}

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));
}

test(`the package loads its ${build} build`, () => {
  assert.equal(build, 'simd', 'Node >= 20 validates SIMD128');
});

test('right password: tokens that GetUser accepts; wrong password: NotAuthorizedException', async () => {
  const password = 'Correct-Horse-9!';
  const pool = await provision(client, { username: 'alice', password });
  const { tokens, answered } = await signIn({ ...pool, username: 'alice', password });
  assert.deepEqual(answered, ['PASSWORD_VERIFIER']);
  const user = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
  assert.equal(user.Username, 'alice');
  await assert.rejects(signIn({ ...pool, username: 'alice', password: 'Correct-Horse-8!' }), {
    name: 'NotAuthorizedException',
  });
});

test('USER_AUTH with PASSWORD_SRP', async () => {
  const password = 'User-Auth-Flow-1!';
  const pool = await provision(client, { username: 'ursula', password });
  const { tokens, answered } = await signIn({ ...pool, username: 'ursula', password }, 'USER_AUTH');
  assert.deepEqual(answered, ['PASSWORD_VERIFIER']);
  assert.ok(tokens.AccessToken);
  await assert.rejects(signIn({ ...pool, username: 'ursula', password: 'x' }, 'USER_AUTH'), {
    name: 'NotAuthorizedException',
  });
});

test('a client with a secret: SECRET_HASH on every step, and refresh', async () => {
  const password = 'Secret-Client-1!';
  const pool = await provision(client, { username: 'bob', password, secret: true });
  assert.ok(pool.clientSecret);
  const { tokens, username } = await signIn({ ...pool, username: 'bob', password });
  const refreshed = await client.send(
    new InitiateAuthCommand(refresh({ ...pool, refreshToken: tokens.RefreshToken, username })),
  );
  assert.ok(refreshed.AuthenticationResult.AccessToken);
  await assert.rejects(
    signIn({ ...pool, clientSecret: 'not-the-secret', username: 'bob', password }),
    { name: 'NotAuthorizedException' },
  );
});

test('NEW_PASSWORD_REQUIRED comes back pending and is answered', async () => {
  const pool = await provision(client, {
    username: 'carol',
    password: 'Temporary-Pass-1!',
    temporary: true,
  });
  const flow = SignIn.userSrp({ ...pool, username: 'carol', password: 'Temporary-Pass-1!' });
  let output = await client.send(new InitiateAuthCommand(flow.start()));
  let step = flow.next(output);
  output = await client.send(new RespondToAuthChallengeCommand(step.respond));
  step = flow.next(output);
  assert.equal(step.pending?.challengeName, 'NEW_PASSWORD_REQUIRED');
  output = await client.send(new RespondToAuthChallengeCommand(flow.answer('Permanent-Pass-2!')));
  assert.ok(flow.next(output).signedIn.AccessToken);
  const again = await signIn({ ...pool, username: 'carol', password: 'Permanent-Pass-2!' });
  assert.ok(again.tokens.AccessToken);
});

test('a remembered device: ConfirmDevice, then DEVICE_SRP_AUTH with its password', async () => {
  const password = 'Device-Owner-1!';
  const pool = await provision(client, { username: 'dave', password, devices: true });
  const first = await signIn({ ...pool, username: 'dave', password });
  assert.ok(first.tokens.NewDeviceMetadata, 'the pool remembers devices');
  const { input, device } = confirmDevice(first.tokens, { deviceName: 'node' });
  await client.send(new ConfirmDeviceCommand(input));
  const second = await signIn({ ...pool, username: 'dave', password, device });
  assert.deepEqual(second.answered, [
    'PASSWORD_VERIFIER',
    'DEVICE_SRP_AUTH',
    'DEVICE_PASSWORD_VERIFIER',
  ]);
  assert.equal(claims(second.tokens.AccessToken).device_key, device.deviceKey);
  await client.send(
    new UpdateDeviceStatusCommand(
      updateDeviceStatus({
        accessToken: second.tokens.AccessToken,
        deviceKey: device.deviceKey,
        remembered: true,
      }),
    ),
  );
  const fresh = await client.send(
    new GetTokensFromRefreshTokenCommand(
      getTokensFromRefreshToken({
        ...pool,
        refreshToken: second.tokens.RefreshToken,
        deviceKey: device.deviceKey,
      }),
    ),
  );
  assert.ok(fresh.AuthenticationResult.AccessToken);
  const wrong = { ...device, devicePassword: `${device.devicePassword.slice(1)}A` };
  await assert.rejects(signIn({ ...pool, username: 'dave', password, device: wrong }), {
    name: 'NotAuthorizedException',
  });
});
