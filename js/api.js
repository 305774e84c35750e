// The package's API over one loaded build of the library's C ABI (abi.js over a
// WebAssembly instance or the wasm2js module): plain objects in and out, in the shapes of
// the AWS SDK for JavaScript v3's commands, and errors as SrpCognitoError. index.js binds
// it to the build this runtime can run; the benchmark binds it to each build in turn.
// bindVectors is the same for the vectors' module (wasm/vectors.wasm, vectors.js).
import { SrpCognitoError } from './error.js';

export { SrpCognitoError };

/** The API over `abi`, the C ABI of one module instance (abi.js). */
export function bind(abi) {
  // Frees a sign-in the garbage collector found unreachable (wiping its secrets).
  const finalizer =
    typeof FinalizationRegistry === 'function'
      ? new FinalizationRegistry((handle) => {
          try {
            abi.free(handle);
          } catch (_) {
            // Freed already: nothing left to wipe.
          }
        })
      : null;

  class SignIn {
    #handle;
    #username;

    /**
     * A sign-in of `flow` (USER_SRP_AUTH, USER_AUTH or CUSTOM_AUTH). The password is
     * copied into WebAssembly memory, where it is wiped when the sign-in is freed.
     */
    constructor(flow, options) {
      const { poolId, clientId, clientSecret, username, password, device, lenientSecretBlock } =
        options ?? {};
      this.#username = username;
      // What the sign-in is, as JSON; the secrets go as arguments of their own.
      const what = { flow, poolId, clientId, username, lenientSecretBlock: Boolean(lenientSecretBlock) };
      if (device?.deviceKey != null) what.deviceKey = device.deviceKey;
      if (device?.deviceGroupKey != null) what.deviceGroupKey = device.deviceGroupKey;
      this.#handle = abi.signInNew(JSON.stringify(what), password, clientSecret, device?.devicePassword);
      if (finalizer) finalizer.register(this, this.#handle, this);
    }

    /** A USER_SRP_AUTH sign-in. */
    static userSrp(options) {
      return new SignIn('USER_SRP_AUTH', options);
    }

    /** A USER_AUTH sign-in preferring PASSWORD_SRP. */
    static userAuth(options) {
      return new SignIn('USER_AUTH', options);
    }

    /** A CUSTOM_AUTH sign-in starting with SRP. */
    static customAuth(options) {
      return new SignIn('CUSTOM_AUTH', options);
    }

    #live() {
      if (!this.#handle) throw new SrpCognitoError('out_of_turn', 'the sign-in was freed');
      return this.#handle;
    }

    /** The InitiateAuthCommand input, with a fresh ephemeral secret. */
    start() {
      return JSON.parse(abi.start(this.#live()));
    }

    /** start() with the ephemeral secret `a` (hex): the deterministic entry point. */
    startWith(a) {
      return JSON.parse(abi.startWith(this.#live(), a));
    }

    /**
     * The next step after an InitiateAuthCommand or RespondToAuthChallengeCommand output:
     * `{ respond }` (the next RespondToAuthChallengeCommand input), `{ pending }` (a
     * challenge for the caller: `answer` it) or `{ signedIn }` (the AuthenticationResult;
     * the sign-in's secrets are wiped then). `options.unixSeconds` sets the clock.
     */
    next(output, options) {
      const handle = this.#live();
      const step = JSON.parse(
        abi.next(
          handle,
          JSON.stringify(output),
          options?.unixSeconds ?? Math.floor(Date.now() / 1000),
        ),
      );
      if (step.pending) step.pending.parameters = { ...(output?.ChallengeParameters ?? {}) };
      if (step.signedIn) this.free();
      return step;
    }

    /**
     * The RespondToAuthChallengeCommand input answering the pending challenge: the code,
     * the new password (with `attributes`), the MFA type, the custom answer...
     */
    answer(answer, attributes) {
      const json = attributes === undefined ? undefined : JSON.stringify(attributes);
      return JSON.parse(abi.answer(this.#live(), answer, json));
    }

    /** Cognito's internal username once a challenge named it (a refresh's SECRET_HASH). */
    get username() {
      return this.#handle ? abi.username(this.#handle) : this.#username;
    }

    /** Wipes the password and the ephemeral secrets now (also done once signed in). */
    free() {
      if (this.#handle) {
        this.#username = abi.username(this.#handle);
        if (finalizer) finalizer.unregister(this);
        abi.free(this.#handle);
        this.#handle = undefined;
      }
    }

    [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
      this.free();
    }
  }

  return {
    SignIn,

    /** SECRET_HASH = base64(HMAC-SHA256(clientSecret, username ‖ clientId)). */
    secretHash(username, clientId, clientSecret) {
      return abi.secretHash(username, clientId, clientSecret);
    },

    /**
     * ConfirmDevice for the NewDeviceMetadata of `authenticationResult`: `{ input, device }`,
     * `input` for ConfirmDeviceCommand, `device` ({ deviceKey, deviceGroupKey,
     * devicePassword }) to store as secretly as a password and pass to the next sign-in.
     */
    confirmDevice(authenticationResult, options) {
      return JSON.parse(abi.confirmDevice(JSON.stringify(authenticationResult), options?.deviceName));
    },

    /** The UpdateDeviceStatusCommand input. */
    updateDeviceStatus({ accessToken, deviceKey, remembered }) {
      return JSON.parse(abi.updateDeviceStatus(accessToken, deviceKey, Boolean(remembered)));
    },

    /**
     * The InitiateAuthCommand input of REFRESH_TOKEN_AUTH (`username`: Cognito's internal
     * one, needed with a client secret).
     */
    refresh({ clientId, clientSecret, refreshToken, username, deviceKey }) {
      return JSON.parse(abi.refresh(clientId, clientSecret, refreshToken, username, deviceKey));
    },

    /** The GetTokensFromRefreshTokenCommand input. */
    getTokensFromRefreshToken({ clientId, clientSecret, refreshToken, deviceKey }) {
      return JSON.parse(abi.getTokensFromRefreshToken(clientId, clientSecret, refreshToken, deviceKey));
    },

    /** The arithmetic backend in use, and whether this build has SIMD128 dot products. */
    engine() {
      return { backend: abi.backend(), simd: abi.simd };
    },
  };
}

/** `srp-cognito/vectors` over `abi`, the C ABI of a module built with `testing`. */
export function bindVectors(abi) {
  return {
    /** A FORMAT.md request in, the expected object or `{ error }` out. */
    compute(request) {
      const text = typeof request === 'string' ? request : JSON.stringify(request);
      return JSON.parse(abi.compute(text));
    },
  };
}
