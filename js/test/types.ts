// Compiled by `tsc --noEmit` in the package's tests (never run): the package's types fit
// the AWS SDK v3's command inputs and outputs as the README uses them.
import {
  CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';

import {
  SignIn,
  SrpCognitoError,
  confirmDevice,
  getTokensFromRefreshToken,
  refresh,
  updateDeviceStatus,
  type RememberedDevice,
} from '../index.js';
import { compute } from '../vectors.js';

export async function signIn(
  cognito: CognitoIdentityProviderClient,
  device?: RememberedDevice,
): Promise<string | undefined> {
  const signIn = SignIn.userSrp({ poolId: 'us-east-1_A', clientId: 'c', username: 'u', password: 'p', device });
  let output = await cognito.send(new InitiateAuthCommand(signIn.start()));
  let step;
  while ((step = signIn.next(output)).respond) {
    output = await cognito.send(new RespondToAuthChallengeCommand(step.respond));
  }
  if (step.pending) {
    output = await cognito.send(new RespondToAuthChallengeCommand(signIn.answer('123456')));
    step = signIn.next(output);
  }
  signIn.free();
  const tokens = step.signedIn;
  if (!tokens?.AccessToken || !tokens.RefreshToken) return undefined;
  const { input } = confirmDevice(tokens, { deviceName: 'laptop' });
  await cognito.send(new ConfirmDeviceCommand(input));
  await cognito.send(
    new UpdateDeviceStatusCommand(
      updateDeviceStatus({ accessToken: tokens.AccessToken, deviceKey: input.DeviceKey, remembered: true }),
    ),
  );
  await cognito.send(new InitiateAuthCommand(refresh({ clientId: 'c', refreshToken: tokens.RefreshToken })));
  await cognito.send(
    new GetTokensFromRefreshTokenCommand(getTokensFromRefreshToken({ clientId: 'c', refreshToken: tokens.RefreshToken })),
  );
  try {
    SignIn.userSrp({ poolId: 'bad', clientId: 'c', username: 'u', password: 'p' });
  } catch (e) {
    if (e instanceof SrpCognitoError) return e.code;
  }
  return tokens.AccessToken;
}

// The test vectors' entry: a request in, the expected object out.
export const expected: Record<string, unknown> = compute({ kind: 'timestamp', input: { unix_seconds: 0 } });
