// One screen: a username, a password, and the sign-in (signIn.ts) with the result shown.
import { useState } from 'react';
import { Button, SafeAreaView, Text, TextInput } from 'react-native';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

import { signIn, type Outcome } from './signIn';

// Your pool's region, id and app client id (a client without a secret: an app cannot keep one).
const REGION = 'us-east-1';
const POOL_ID = 'us-east-1_EXAMPLE';
const CLIENT_ID = 'exampleclientid';
const client = new CognitoIdentityProviderClient({ region: REGION });

function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'signedIn':
      return `signed in; the access token expires in ${outcome.result.ExpiresIn ?? '?'} s`;
    case 'challenge':
      return `Cognito asks for ${outcome.name}`;
    case 'refused':
      return `refused: ${outcome.message}`;
  }
}

export default function App() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const onPress = async () => {
    setBusy(true);
    const started = Date.now();
    const outcome = await signIn(client, POOL_ID, CLIENT_ID, username, password);
    setStatus(`${describe(outcome)} (${Date.now() - started} ms)`);
    setBusy(false);
  };

  return (
    <SafeAreaView>
      <TextInput placeholder="username" autoCapitalize="none" value={username} onChangeText={setUsername} />
      <TextInput placeholder="password" secureTextEntry value={password} onChangeText={setPassword} />
      <Button title={busy ? 'Signing in…' : 'Sign in'} disabled={busy} onPress={onPress} />
      <Text>{status}</Text>
    </SafeAreaView>
  );
}
