// The package's API over one loaded build of the WebAssembly glue (wasm/srp_cognito.js):
// plain objects in and out, in the shapes of the AWS SDK for JavaScript v3's commands, and
// errors as SrpCognitoError. index.js binds it to the build this runtime can run; the
// benchmark binds it to each build in turn. bindVectors is the same for the vectors'
// module (wasm/vectors/, vectors.js).

/** An input srp-cognito refused: `code` is the category (`bad_hex`, `out_of_turn`, ...). */
export class SrpCognitoError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SrpCognitoError';
    this.code = code;
  }
}

function rethrow(e) {
  const m = e instanceof Error && /^([a-z0-9_]+): ([\s\S]*)$/.exec(e.message);
  if (m) throw new SrpCognitoError(m[1], m[2]);
  throw e;
}

function call(f) {
  try {
    return f();
  } catch (e) {
    return rethrow(e);
  }
}

const orUndefined = (v) => (v === null || v === undefined ? undefined : v);

/** The API over `glue`, an initialized wasm-bindgen module of this package. */
export function bind(glue) {
  class SignIn {
    #inner;
    #username;

    /**
     * A sign-in of `flow` (USER_SRP_AUTH, USER_AUTH or CUSTOM_AUTH). The password is
     * copied into WebAssembly memory, where it is wiped when the sign-in is freed.
     */
    constructor(flow, options) {
      const { poolId, clientId, clientSecret, username, password, device, lenientSecretBlock } =
        options ?? {};
      this.#username = username;
      this.#inner = call(
        () =>
          new glue.SignIn(
            flow,
            poolId,
            clientId,
            orUndefined(clientSecret),
            username,
            password,
            orUndefined(device?.deviceKey),
            orUndefined(device?.deviceGroupKey),
            orUndefined(device?.devicePassword),
            Boolean(lenientSecretBlock),
          ),
      );
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
      if (!this.#inner) throw new SrpCognitoError('out_of_turn', 'the sign-in was freed');
      return this.#inner;
    }

    /** The InitiateAuthCommand input, with a fresh ephemeral secret. */
    start() {
      return JSON.parse(call(() => this.#live().start()));
    }

    /** start() with the ephemeral secret `a` (hex): the deterministic entry point. */
    startWith(a) {
      return JSON.parse(call(() => this.#live().startWith(a)));
    }

    /**
     * The next step after an InitiateAuthCommand or RespondToAuthChallengeCommand output:
     * `{ respond }` (the next RespondToAuthChallengeCommand input), `{ pending }` (a
     * challenge for the caller: `answer` it) or `{ signedIn }` (the AuthenticationResult;
     * the sign-in's secrets are wiped then). `options.unixSeconds` sets the clock.
     */
    next(output, options) {
      const inner = this.#live();
      const step = JSON.parse(
        call(() =>
          inner.next(
            JSON.stringify(output),
            options?.unixSeconds ?? Math.floor(Date.now() / 1000),
          ),
        ),
      );
      if (step.pending) step.pending.parameters = { ...(output?.ChallengeParameters ?? {}) };
      if (step.signedIn) {
        this.#username = inner.username;
        this.free();
      }
      return step;
    }

    /**
     * The RespondToAuthChallengeCommand input answering the pending challenge: the code,
     * the new password (with `attributes`), the MFA type, the custom answer...
     */
    answer(answer, attributes) {
      const json = attributes === undefined ? undefined : JSON.stringify(attributes);
      return JSON.parse(
        call(() => this.#live().answer(answer === undefined ? undefined : String(answer), json)),
      );
    }

    /** Cognito's internal username once a challenge named it (a refresh's SECRET_HASH). */
    get username() {
      return this.#inner ? this.#inner.username : this.#username;
    }

    /** Wipes the password and the ephemeral secrets now (also done once signed in). */
    free() {
      if (this.#inner) {
        this.#username = this.#inner.username;
        this.#inner.free();
        this.#inner = undefined;
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
      return call(() => glue.secretHash(username, clientId, clientSecret));
    },

    /**
     * ConfirmDevice for the NewDeviceMetadata of `authenticationResult`: `{ input, device }`,
     * `input` for ConfirmDeviceCommand, `device` ({ deviceKey, deviceGroupKey,
     * devicePassword }) to store as secretly as a password and pass to the next sign-in.
     */
    confirmDevice(authenticationResult, options) {
      return JSON.parse(
        call(() =>
          glue.confirmDevice(
            JSON.stringify(authenticationResult),
            orUndefined(options?.deviceName),
          ),
        ),
      );
    },

    /** The UpdateDeviceStatusCommand input. */
    updateDeviceStatus({ accessToken, deviceKey, remembered }) {
      return JSON.parse(
        call(() => glue.updateDeviceStatus(accessToken, deviceKey, Boolean(remembered))),
      );
    },

    /**
     * The InitiateAuthCommand input of REFRESH_TOKEN_AUTH (`username`: Cognito's internal
     * one, needed with a client secret).
     */
    refresh({ clientId, clientSecret, refreshToken, username, deviceKey }) {
      return JSON.parse(
        call(() =>
          glue.refresh(
            clientId,
            orUndefined(clientSecret),
            refreshToken,
            orUndefined(username),
            orUndefined(deviceKey),
          ),
        ),
      );
    },

    /** The GetTokensFromRefreshTokenCommand input. */
    getTokensFromRefreshToken({ clientId, clientSecret, refreshToken, deviceKey }) {
      return JSON.parse(
        call(() =>
          glue.getTokensFromRefreshToken(
            clientId,
            orUndefined(clientSecret),
            refreshToken,
            orUndefined(deviceKey),
          ),
        ),
      );
    },

    /** The arithmetic backend in use, and whether this build has SIMD128 dot products. */
    engine() {
      return { backend: glue.backend(), simd: glue.simd() };
    },
  };
}

/** `srp-cognito/vectors` over `glue`, an initialized module of the vectors' build. */
export function bindVectors(glue) {
  return {
    /** A FORMAT.md request in, the expected object or `{ error }` out. */
    compute(request) {
      const text = typeof request === 'string' ? request : JSON.stringify(request);
      return JSON.parse(glue.compute(text));
    },
  };
}
