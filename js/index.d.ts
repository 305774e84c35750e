// Types of the srp-cognito package (index.js). Command inputs and outputs are the AWS SDK
// for JavaScript v3's (`@aws-sdk/client-cognito-identity-provider`), typed structurally
// here so that the package depends on nothing.

/** An input srp-cognito refused. */
export class SrpCognitoError extends Error {
  readonly name: 'SrpCognitoError';
  /** The category: `bad_hex`, `bad_pool_id`, `b_mod_n_zero`, `out_of_turn`, ... */
  readonly code: string;
}

/** A device Cognito remembers; keep it as secret as a password. */
export interface RememberedDevice {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

export interface SignInOptions {
  /** The user pool id, `region_name`. */
  poolId: string;
  clientId: string;
  /** The app client's secret, if it has one: SECRET_HASH goes on every request. */
  clientSecret?: string;
  /** What the user typed: a username or an alias (email, phone). */
  username: string;
  password: string;
  /** A remembered device: DEVICE_SRP_AUTH is answered with it. */
  device?: RememberedDevice;
  /** Accept SECRET_BLOCKs that are not strict base64 (some local emulators). */
  lenientSecretBlock?: boolean;
}

/** `InitiateAuthCommandInput`. */
export interface InitiateAuthInput {
  AuthFlow: 'USER_SRP_AUTH' | 'USER_AUTH' | 'CUSTOM_AUTH' | 'REFRESH_TOKEN_AUTH';
  AuthParameters: Record<string, string>;
  ClientId: string;
}

/** Cognito's challenge names (the SDK's `ChallengeNameType`). */
export type ChallengeName =
  | 'ADMIN_NO_SRP_AUTH'
  | 'CUSTOM_CHALLENGE'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'DEVICE_SRP_AUTH'
  | 'EMAIL_OTP'
  | 'MFA_SETUP'
  | 'NEW_PASSWORD_REQUIRED'
  | 'PASSWORD'
  | 'PASSWORD_SRP'
  | 'PASSWORD_VERIFIER'
  | 'SELECT_CHALLENGE'
  | 'SELECT_MFA_TYPE'
  | 'SMS_MFA'
  | 'SMS_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'WEB_AUTHN';

/** `RespondToAuthChallengeCommandInput`. */
export interface RespondInput {
  ChallengeName: ChallengeName;
  ChallengeResponses: Record<string, string>;
  ClientId: string;
  Session?: string;
}

/** `AuthenticationResultType`. */
export interface AuthenticationResult {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
  TokenType?: string;
  NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
}

/** The output of InitiateAuthCommand or RespondToAuthChallengeCommand. */
export interface AuthOutput {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AvailableChallenges?: string[];
  AuthenticationResult?: AuthenticationResult;
}

/** A challenge for the caller to answer with `SignIn.answer`. */
export interface Pending {
  challengeName: string;
  parameters: Record<string, string>;
  codeDeliveryDestination: string | null;
  mfaTypes: string[];
  requiredAttributes: string[];
  availableChallenges: string[];
}

export type Step =
  | { respond: RespondInput; pending?: undefined; signedIn?: undefined }
  | { pending: Pending; respond?: undefined; signedIn?: undefined }
  | { signedIn: AuthenticationResult; respond?: undefined; pending?: undefined };

/** The SRP sign-in, sans IO: it holds the password and the ephemeral secrets in
 * WebAssembly memory, wiped by `free()` (or once signed in, or when collected). */
export class SignIn {
  constructor(flow: 'USER_SRP_AUTH' | 'USER_AUTH' | 'CUSTOM_AUTH', options: SignInOptions);
  static userSrp(options: SignInOptions): SignIn;
  static userAuth(options: SignInOptions): SignIn;
  static customAuth(options: SignInOptions): SignIn;
  /** The InitiateAuthCommand input, with a fresh ephemeral secret. */
  start(): InitiateAuthInput;
  /** `start()` with the ephemeral secret `a` (hex): the deterministic entry point. */
  startWith(a: string): InitiateAuthInput;
  /** The next step after an output; `unixSeconds` sets the clock (default: now). */
  next(output: AuthOutput, options?: { unixSeconds?: number }): Step;
  /** The RespondToAuthChallengeCommand input answering the pending challenge. */
  answer(answer?: string, attributes?: Record<string, string>): RespondInput;
  /** Cognito's internal username once a challenge named it, else the one typed. */
  readonly username: string;
  free(): void;
  [Symbol.dispose](): void;
}

/** Which build this runtime loaded. */
export const build: 'simd' | 'scalar' | 'js';

/** SECRET_HASH = base64(HMAC-SHA256(clientSecret, username ‖ clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string;

/** ConfirmDevice for a sign-in's NewDeviceMetadata: the command input and the device. */
export function confirmDevice(
  authenticationResult: AuthenticationResult,
  options?: { deviceName?: string },
): {
  input: {
    AccessToken: string;
    DeviceKey: string;
    DeviceSecretVerifierConfig: { PasswordVerifier: string; Salt: string };
    DeviceName?: string;
  };
  device: RememberedDevice;
};

/** The UpdateDeviceStatusCommand input. */
export function updateDeviceStatus(options: {
  accessToken: string;
  deviceKey: string;
  remembered: boolean;
}): {
  AccessToken: string;
  DeviceKey: string;
  DeviceRememberedStatus: 'remembered' | 'not_remembered';
};

/** The InitiateAuthCommand input of REFRESH_TOKEN_AUTH. */
export function refresh(options: {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  /** Cognito's internal username (`signIn.username`): needed with a client secret. */
  username?: string;
  deviceKey?: string;
}): InitiateAuthInput;

/** The GetTokensFromRefreshTokenCommand input. */
export function getTokensFromRefreshToken(options: {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  deviceKey?: string;
}): { ClientId: string; ClientSecret?: string; RefreshToken: string; DeviceKey?: string };

/** The arithmetic backend in use, and whether this build has SIMD128 dot products. */
export function engine(): { backend: string; simd: boolean };
