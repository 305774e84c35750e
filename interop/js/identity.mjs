// amazon-cognito-identity-js (AWS's own, pinned in package-lock.json) signs in to
// `srp-cognito serve`: SERVE_URL, POOL_ID, CLIENT_ID, COGNITO_USERNAME, COGNITO_PASSWORD.
//
//   node identity.mjs password   one sign-in: prints {"username"} (exit 0) or {"error"} (exit 1)
//   node identity.mjs device     a sign-in whose device the SDK confirms itself (and marks
//                                remembered where the pool asks), a second sign-in through
//                                DEVICE_SRP_AUTH, then one with the device password changed:
//                                prints {"device_key", "second_device_key", "wrong_device"}
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

function remember(user) {
  return new Promise((resolve, reject) => {
    user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject });
  });
}

async function main() {
  const mode = process.argv[2] ?? 'password';
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
