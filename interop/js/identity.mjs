// amazon-cognito-identity-js (AWS's own, pinned in package-lock.json) signs in to
// `srp-cognito serve`: SERVE_URL, POOL_ID, CLIENT_ID, COGNITO_USERNAME, COGNITO_PASSWORD.
//
//   node identity.mjs password   one sign-in: prints {"username"} (exit 0) or {"error"} (exit 1)
//   node identity.mjs device     a sign-in whose device the SDK confirms itself (and marks
//                                remembered where the pool asks), a second sign-in through
//                                DEVICE_SRP_AUTH, then one with the device password changed:
//                                prints {"device_key", "second_device_key", "wrong_device"}
//   node identity.mjs totp       in a pool whose MFA is ON: MFA_SETUP answered by the SDK
//                                (associateSoftwareToken, verifySoftwareToken), then a
//                                sign-in whose SOFTWARE_TOKEN_MFA gets a wrong code and one
//                                that gets the right one: prints {"setup", "wrong_code",
//                                "username"}
import { createHmac } from 'node:crypto';

import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

const env = process.env;

// The SDK's storage, kept here so that the device's password can be changed.
const items = new Map();
const storage = {
  setItem: (key, value) => items.set(key, value),
  getItem: (key) => (items.has(key) ? items.get(key) : null),
  removeItem: (key) => items.delete(key),
  clear: () => items.clear(),
};

const pool = new CognitoUserPool({
  UserPoolId: env.POOL_ID,
  ClientId: env.CLIENT_ID,
  endpoint: env.SERVE_URL,
  Storage: storage,
});

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

// One sign-in: the session and whether the SDK asks to confirm the device with the user.
function signIn() {
  const user = new CognitoUser({ Username: env.COGNITO_USERNAME, Pool: pool, Storage: storage });
  const details = new AuthenticationDetails({
    Username: env.COGNITO_USERNAME,
    Password: env.COGNITO_PASSWORD,
  });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session, userConfirmationNecessary) =>
        resolve({ user, session, userConfirmationNecessary }),
      onFailure: reject,
    });
  });
}

// RFC 6238 (SHA-1, 30 s, 6 digits) of a base32 secret, as authenticator apps compute it.
function totp(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// A sign-in in a pool whose MFA is ON: the SDK sets the authenticator up (MFA_SETUP),
// or answers SOFTWARE_TOKEN_MFA with `code(secret)`.
function signInWithTotp(state, code) {
  const user = new CognitoUser({ Username: env.COGNITO_USERNAME, Pool: pool, Storage: storage });
  const details = new AuthenticationDetails({
    Username: env.COGNITO_USERNAME,
    Password: env.COGNITO_PASSWORD,
  });
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session) => resolve(session),
      onFailure: reject,
      mfaSetup: () =>
        user.associateSoftwareToken({
          associateSecretCode: (secret) => {
            state.secret = secret;
            user.verifySoftwareToken(totp(secret), 'node', callbacks);
          },
          onFailure: reject,
        }),
      totpRequired: () => user.sendMFACode(code(state.secret), callbacks, 'SOFTWARE_TOKEN_MFA'),
    };
    user.authenticateUser(details, callbacks);
  });
}

function remember(user) {
  return new Promise((resolve, reject) => {
    user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject });
  });
}

async function main() {
  const mode = process.argv[2] ?? 'password';
  if (mode === 'totp') {
    const state = {};
    const setup = await signInWithTotp(state, totp);
    let wrongCode;
    try {
      await signInWithTotp(state, () => '000000');
      wrongCode = 'accepted';
    } catch (error) {
      wrongCode = error.code ?? error.name;
    }
    const session = await signInWithTotp(state, totp);
    return {
      setup: claims(setup.getAccessToken().getJwtToken()).username,
      wrong_code: wrongCode,
      username: claims(session.getAccessToken().getJwtToken()).username,
    };
  }
  const first = await signIn();
  const access = claims(first.session.getAccessToken().getJwtToken());
  if (mode === 'password') {
    return { username: access.username };
  }
  if (first.userConfirmationNecessary) {
    await remember(first.user);
  }
  const deviceKey = [...items.entries()].find(([k]) => k.endsWith('.deviceKey'))?.[1];
  const second = await signIn();
  const secondKey = claims(second.session.getAccessToken().getJwtToken()).device_key;
  // The device's password, changed: DEVICE_PASSWORD_VERIFIER must be refused.
  for (const key of items.keys()) {
    if (key.endsWith('.randomPasswordKey')) {
      items.set(key, Buffer.from('not the device password').toString('base64'));
    }
  }
  let wrongDevice;
  try {
    await signIn();
    wrongDevice = 'accepted';
  } catch (error) {
    wrongDevice = error.code ?? error.name;
  }
  return { device_key: deviceKey, second_device_key: secondKey, wrong_device: wrongDevice };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ error: error.code ?? error.name, message: error.message }));
    process.exitCode = 1;
  },
);
