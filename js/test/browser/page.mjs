// The page of the browser test (bundled by browser.test.mjs with esbuild): the README's
// sign-in with the AWS SDK for JavaScript v3, from a page served on 127.0.0.1, against
// `srp-cognito serve` on another port (so every call is a CORS request).
import {
  CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';

import { SignIn, build, confirmDevice, engine } from '../../index.js';

const client = (endpoint) =>
  new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });

window.srp = {
  build,
  engine: engine(),

  /** The sign-in: `{ tokens, answered }` or `{ error }` (the SDK's exception name). */
  async signIn(endpoint, options) {
    const cognito = client(endpoint);
    const signIn = SignIn.userSrp(options);
    const answered = [];
    try {
      let output = await cognito.send(new InitiateAuthCommand(signIn.start()));
      for (let step = signIn.next(output); ; step = signIn.next(output)) {
        if (step.signedIn) return { tokens: step.signedIn, answered };
        if (!step.respond) return { error: `pending ${step.pending.challengeName}` };
        answered.push(step.respond.ChallengeName);
        output = await cognito.send(new RespondToAuthChallengeCommand(step.respond));
      }
    } catch (e) {
      return { error: e.name };
    } finally {
      signIn.free();
    }
  },

  /** ConfirmDevice for a sign-in's tokens: the device to remember. */
  async confirmDevice(endpoint, tokens) {
    const { input, device } = confirmDevice(tokens, { deviceName: 'chromium' });
    await client(endpoint).send(new ConfirmDeviceCommand(input));
    return device;
  },
};
document.title = 'ready';
