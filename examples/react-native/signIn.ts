// The sign-in itself: srp-cognito computes every SRP step, the AWS SDK for JavaScript v3
// carries them. On React Native, Metro resolves `srp-cognito` to its `react-native` entry:
// the Rust core as plain JavaScript (Hermes has no WebAssembly), its 3072-bit products on
// Hermes' BigInt.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SignIn, SrpCognitoError, type AuthenticationResult } from 'srp-cognito';

export type Outcome =
  | { kind: 'signedIn'; result: AuthenticationResult }
  | { kind: 'challenge'; name: string }
  | { kind: 'refused'; message: string };

/** Signs `username` in to the pool with USER_SRP_AUTH (PASSWORD_VERIFIER answered here). */
export async function signIn(
  client: CognitoIdentityProviderClient,
  poolId: string,
  clientId: string,
  username: string,
  password: string,
): Promise<Outcome> {
  const flow = SignIn.userSrp({ poolId, clientId, username, password });
  try {
    let output = await client.send(new InitiateAuthCommand(flow.start()));
    for (;;) {
      const step = flow.next(output);
      if (step.signedIn) return { kind: 'signedIn', result: step.signedIn };
      if (step.pending) return { kind: 'challenge', name: step.pending.challengeName };
      if (!step.respond) return { kind: 'refused', message: 'no step' };
      output = await client.send(new RespondToAuthChallengeCommand(step.respond));
    }
  } catch (e) {
    // A refusal of srp-cognito's (`rng` without react-native-get-random-values, a
    // malformed challenge...) or Cognito's (NotAuthorizedException for a wrong password).
    const message = e instanceof SrpCognitoError ? `${e.code}: ${e.message}` : String(e);
    return { kind: 'refused', message };
  } finally {
    flow.free(); // wipes the password and the ephemeral secret in the core's memory
  }
}
