// `srp-cognito serve`, the project's verifying Cognito endpoint, for the package's tests:
// built with cargo (a no-op once built), started on a free loopback port, stopped after.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts serve; resolves to `{ url, stop }` once it prints its URL (10 s at most). */
export async function startServe() {
  const built = spawnSync('cargo', ['build', '--quiet', '-p', 'srp-cognito-cli', '--features', 'serve'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('cargo build -p srp-cognito-cli --features serve failed');
  const child = spawn(`${root}target/debug/srp-cognito`, ['serve', '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start in 10 s')), 10_000);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

/** The AWS SDK's client for `url`: one attempt, 10 s timeouts, dummy credentials. */
export function cognito(url) {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 10_000 },
  });
}

/**
 * A pool (devices remembered when `devices`), an app client (with a secret when `secret`)
 * and a user `username` with `password` (temporary, FORCE_CHANGE_PASSWORD, when
 * `temporary`): `{ poolId, clientId, clientSecret }`.
 */
export async function provision(client, { username, password, secret, devices, temporary }) {
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'js',
      ...(devices && {
        DeviceConfiguration: {
          ChallengeRequiredOnNewDevice: true,
          DeviceOnlyRememberedOnUserPrompt: false,
        },
      }),
    }),
  );
  const poolId = pool.UserPool.Id;
  const app = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'js',
      GenerateSecret: Boolean(secret),
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      ...(temporary && { TemporaryPassword: password }),
    }),
  );
  if (!temporary) {
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    );
  }
  return {
    poolId,
    clientId: app.UserPoolClient.ClientId,
    clientSecret: app.UserPoolClient.ClientSecret,
  };
}
