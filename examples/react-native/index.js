// The app's entry. The polyfills come first: crypto.getRandomValues on Hermes (srp-cognito's
// ephemeral secret, and the AWS SDK's request ids), and URL for the SDK's endpoint handling.
import 'react-native-get-random-values';
import 'react-native-url-polyfill/auto';
import { AppRegistry } from 'react-native';

import App from './App';

AppRegistry.registerComponent('SrpCognitoExample', () => App);
