// Amplify JS v6 (pinned in package-lock.json) signs in to `srp-cognito serve` through its
// `userPoolEndpoint` option: SERVE_URL, POOL_ID, CLIENT_ID, COGNITO_USERNAME,
// COGNITO_PASSWORD. Prints {"username"} (exit 0) or {"error"} (exit 1).
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';

const env = process.env;

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: env.POOL_ID,
      userPoolClientId: env.CLIENT_ID,
      userPoolEndpoint: env.SERVE_URL,
    },
  },
});

async function main() {
  const result = await signIn({
    username: env.COGNITO_USERNAME,
    password: env.COGNITO_PASSWORD,
    options: { authFlowType: 'USER_SRP_AUTH' },
  });
  if (!result.isSignedIn) {
    return { next_step: result.nextStep.signInStep };
  }
  const { tokens } = await fetchAuthSession();
  return { username: tokens.accessToken.payload.username };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ error: error.name, message: error.message }));
    process.exitCode = 1;
  },
);
