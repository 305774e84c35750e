// Produces tests/emulator.rs's vectors by running AWS's amazon-cognito-identity-js (6.3.21)
// through a user sign-in and a remembered-device sign-in against a fake, moto-shaped server:
// SECRET_BLOCK is a session UUID (moto 5), not base64. The SDK's random `a` and its clock are
// fixed; its network client is replaced by the conversation below. Prints the requests the
// SDK sends. Run: npm install amazon-cognito-identity-js@6.3.21 && node emulator_secret_block.js
const sdk = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper').default;

const A_HEX = process.env.A_HEX; // 256 hex digits
sdk.AuthenticationHelper.prototype.generateRandomSmallA = () => new BigInteger(A_HEX, 16);
DateHelper.prototype.getNowString = () => 'Sun Nov 22 01:02:03 UTC 2026';

const pool = 'us-east-1_0123456789abcdef0123456789abcdef';
const clientId = 'abcdefghijklmnopqrstuvwxyz';
const userId = 'f7d3a1c2-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const device = { key: 'us-east-1_6ad521da-43f4-4e55-a0f6-ab02b02e2245', group: '-xq0jx01Rv',
  password: '3qLnxDr4ci5imN53asJv0ZWt/lg3l5baGjjbq/UFsf1nnhNcSPVncA==' };
const replies = [
  { ChallengeName: 'PASSWORD_VERIFIER', Session: '81505697-18c7-4b0e-9a44-5a2a6e1f3c0d',
    ChallengeParameters: { SALT: '3b1f0e5c8d2a4f6e9b7c1d0a2e4f6a8c', SRP_B: 'c2e4a6f8b0d2e4f6a8c0e2a4b6d8f0a2',
      USERNAME: 'alice', USER_ID_FOR_SRP: userId, SECRET_BLOCK: '81505697-18c7-4b0e-9a44-5a2a6e1f3c0d' } },
  { ChallengeName: 'DEVICE_SRP_AUTH', Session: 's2', ChallengeParameters: {} },
  { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: 's3',
    ChallengeParameters: { SALT: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', SRP_B: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      SECRET_BLOCK: 'e0c4b9f2-7a1d-4c3e-8b5f-6d2a9e1c7b40', USERNAME: userId } },
  { AuthenticationResult: { AccessToken: 'x', IdToken: 'y', RefreshToken: 'z' } },
];
const store = {};
store[`CognitoIdentityServiceProvider.${clientId}.${userId}.deviceKey`] = device.key;
store[`CognitoIdentityServiceProvider.${clientId}.${userId}.randomPasswordKey`] = device.password;
store[`CognitoIdentityServiceProvider.${clientId}.${userId}.deviceGroupKey`] = device.group;
const Storage = { getItem: (k) => store[k] ?? null, setItem: (k, v) => { store[k] = v; },
  removeItem: (k) => { delete store[k]; }, clear: () => {} };
const userPool = new sdk.CognitoUserPool({ UserPoolId: pool, ClientId: clientId, Storage });
const user = new sdk.CognitoUser({ Username: 'alice', Pool: userPool, Storage });
user.client.request = (operation, params, callback) => {
  console.log(JSON.stringify({ operation, params }));
  callback(null, replies.shift());
};
user.authenticateUser(new sdk.AuthenticationDetails({ Username: 'alice', Password: 'Pässwörd-1' }), {
  onSuccess: () => console.log('signed in'),
  onFailure: (e) => { console.error(e); process.exit(1); },
});
