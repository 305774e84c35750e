package dev.srpcognito;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An SRP sign-in, sans-IO: it makes the requests and reads the responses; you send them
 * (with the AWS SDK, or any client). Its steps give and take what the SDK's builders take.
 *
 * <pre>{@code
 * try (SignIn signIn = SignIn.builder()
 *         .poolId("us-east-1_AbCdEf123").clientId(clientId).username("alice")
 *         .password(password)
 *         .build()) {
 *     InitiateAuthInput start = signIn.start();
 *     Step step = signIn.next(toAuthOutput(client.initiateAuth(...start...)));
 *     while (step instanceof Step.Respond) {
 *         RespondToAuthChallengeInput respond = ((Step.Respond) step).input();
 *         step = signIn.next(toAuthOutput(client.respondToAuthChallenge(...respond...)));
 *     }
 *     // Step.SignedIn: the tokens; Step.Pending: a challenge for the user, then answer(...)
 * }
 * }</pre>
 *
 * <p>The password, the client secret, the device password and the ephemeral secret
 * {@code a} live in the native library, which wipes them when the sign-in is closed (or,
 * if it never is, collected). Every method is thread-safe (one sign-in's calls are
 * serialized); a closed sign-in refuses every call with {@code bad_handle}. Every refusal,
 * of a bad input or of a step, is a {@link SrpCognitoException}.
 */
public final class SignIn implements AutoCloseable {
    private static final ReferenceQueue<SignIn> COLLECTED = new ReferenceQueue<>();
    private static final Set<Handle> LIVE = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Frees the native sign-in of a SignIn collected without close(). */
    private static final class Handle extends PhantomReference<SignIn> {
        final long value;

        Handle(SignIn owner, long value) {
            super(owner, COLLECTED);
            this.value = value;
        }
    }

    private final long handle;
    private final Handle reference;
    private boolean closed;

    private SignIn(long handle) {
        this.handle = handle;
        this.reference = new Handle(this, handle);
        LIVE.add(reference);
    }

    /** Frees the native sign-ins of SignIns that were collected unclosed. */
    private static void reclaim() {
        Reference<? extends SignIn> collected;
        while ((collected = COLLECTED.poll()) != null) {
            if (LIVE.remove(collected)) {
                try {
                    Native.signInFree(((Handle) collected).value);
                } catch (SrpCognitoException alreadyFreed) {
                    // Nothing left to free.
                }
            }
        }
    }

    /** A builder: pool, client, username and password are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** What a sign-in is: its pool, client, user, secrets and options. */
    public static final class Builder {
        private String poolId;
        private String clientId;
        private String username;
        private char[] password;
        private char[] clientSecret;
        private RememberedDevice device;
        private Flow flow = Flow.USER_SRP_AUTH;
        private boolean lenientSecretBlock;

        private Builder() {}

        /** The user pool id, {@code region_suffix}. */
        public Builder poolId(String poolId) {
            this.poolId = poolId;
            return this;
        }

        /** The app client's id. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The name the user typed (an alias such as an email is fine). */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * The password; the array is copied (wipe yours whenever you like), and the copy is
         * wiped by {@link #build()} once the native library has its own.
         */
        public Builder password(char[] password) {
            wipe(this.password);
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The app client's secret, if it has one; copied and wiped as the password. */
        public Builder clientSecret(char[] clientSecret) {
            wipe(this.clientSecret);
            this.clientSecret = clientSecret == null ? null : clientSecret.clone();
            return this;
        }

        /** A remembered device: the sign-in answers DEVICE_SRP_AUTH with it. */
        public Builder device(RememberedDevice device) {
            this.device = device;
            return this;
        }

        /** The auth flow (default {@link Flow#USER_SRP_AUTH}). */
        public Builder flow(Flow flow) {
            this.flow = Secrets.require(flow, "flow");
            return this;
        }

        /** Accept a SECRET_BLOCK in any base64 (as the AWS SDKs do); default strict. */
        public Builder lenientSecretBlock(boolean lenient) {
            this.lenientSecretBlock = lenient;
            return this;
        }

        /**
         * The sign-in. The builder's copies of the secrets are wiped, whether it is made or
         * refused.
         *
         * @throws SrpCognitoException {@code bad_pool_id}, {@code empty_input}, … for a bad
         *     part
         * @throws NullPointerException for a missing pool id, client id, username or password
         */
        public SignIn build() {
            byte[] options = null;
            byte[] passwordBytes = null;
            byte[] secretBytes = null;
            byte[] devicePassword = null;
            try {
                Secrets.require(poolId, "poolId");
                Secrets.require(clientId, "clientId");
                Secrets.require(username, "username");
                Secrets.require(password, "password");
                Json.Writer out = new Json.Writer();
                out.begin()
                        .member("flow", flow.name())
                        .member("poolId", poolId)
                        .member("clientId", clientId)
                        .member("username", username);
                if (device != null) {
                    out.member("deviceKey", device.deviceKey()).member("deviceGroupKey", device.deviceGroupKey());
                    devicePassword = device.passwordUtf8();
                }
                options = out.member("lenientSecretBlock", lenientSecretBlock).end().toBytes();
                out.wipe();
                passwordBytes = Secrets.utf8(password);
                secretBytes = Secrets.utf8(clientSecret);
                reclaim();
                return new SignIn(Native.signInNew(options, passwordBytes, secretBytes, devicePassword));
            } finally {
                Secrets.wipe(options, passwordBytes, secretBytes, devicePassword);
                wipe(password);
                wipe(clientSecret);
                password = null;
                clientSecret = null;
            }
        }

        private static void wipe(char[] chars) {
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /**
     * The InitiateAuth call, with a fresh ephemeral secret from the OS's randomness.
     *
     * @throws SrpCognitoException {@code out_of_turn} if already started; {@code rng}
     */
    public synchronized InitiateAuthInput start() {
        return InitiateAuthInput.fromJson(Native.signInStart(handle));
    }

    /**
     * {@link #start()} with the ephemeral secret {@code a} (hex): the deterministic entry
     * point, for tests and test vectors. Never reuse an {@code a}.
     *
     * @throws SrpCognitoException {@code bad_hex}, {@code a_out_of_range}, {@code out_of_turn}
     */
    public synchronized InitiateAuthInput start(String a) {
        byte[] bytes = Secrets.utf8(Secrets.require(a, "a"));
        try {
            return InitiateAuthInput.fromJson(Native.signInStartWith(handle, bytes));
        } finally {
            Secrets.wipe(bytes);
        }
    }

    /** {@link #next(AuthOutput, Instant)} at the system clock's time. */
    public Step next(AuthOutput output) {
        return next(output, Instant.now());
    }

    /**
     * The next step after InitiateAuth's or RespondToAuthChallenge's output, at
     * {@code now} (the clock is an input: PASSWORD_VERIFIER's TIMESTAMP is its time).
     *
     * @throws SrpCognitoException {@code claim_refused}, {@code missing_parameter},
     *     {@code secret_block_mismatch}, {@code out_of_turn}, … (the sign-in is over)
     */
    public synchronized Step next(AuthOutput output, Instant now) {
        byte[] json = Secrets.require(output, "output").toJson();
        try {
            return Step.fromJson(Native.signInNext(handle, json, now.getEpochSecond()));
        } finally {
            Secrets.wipe(json);
        }
    }

    /**
     * The answer to the pending challenge: the code (SMS_MFA, SMS_OTP, EMAIL_OTP,
     * SOFTWARE_TOKEN_MFA), the custom answer (CUSTOM_CHALLENGE), the MFA type chosen
     * (SELECT_MFA_TYPE), the credential JSON (WEB_AUTHN).
     *
     * @throws SrpCognitoException {@code out_of_turn} when nothing is pending;
     *     {@code answer_mismatch}, {@code bad_input}
     */
    public RespondToAuthChallengeInput answer(String answer) {
        return answer(Secrets.utf8(Secrets.require(answer, "answer")), null);
    }

    /**
     * NEW_PASSWORD_REQUIRED answered with a new password (copied; wipe yours whenever you
     * like) and the attributes the challenge requires (names to values; may be empty).
     */
    public RespondToAuthChallengeInput newPassword(char[] password, Map<String, String> attributes) {
        return answer(Secrets.utf8(Secrets.require(password, "password")), attributes);
    }

    /** PASSWORD (USER_AUTH) answered with the password. */
    public RespondToAuthChallengeInput password(char[] password) {
        return answer(Secrets.utf8(Secrets.require(password, "password")), null);
    }

    /** MFA_SETUP: continue with the session (set the MFA up with it, then sign in again). */
    public RespondToAuthChallengeInput mfaSetup() {
        return answer((byte[]) null, null);
    }

    /** Any other challenge: its responses, names to values. */
    public RespondToAuthChallengeInput answer(Map<String, String> responses) {
        return answer((byte[]) null, Secrets.require(responses, "responses"));
    }

    private synchronized RespondToAuthChallengeInput answer(byte[] answer, Map<String, String> attributes) {
        byte[] json = null;
        try {
            if (attributes != null) {
                Json.Writer out = new Json.Writer();
                json = out.begin().membersOf(attributes).end().toBytes();
                out.wipe();
            }
            return RespondToAuthChallengeInput.fromJson(Native.signInAnswer(handle, answer, json));
        } finally {
            Secrets.wipe(answer, json);
        }
    }

    /**
     * Cognito's own username once a challenge named it (never the alias typed), else the
     * one typed: the username of a refresh's SECRET_HASH.
     */
    public synchronized String username() {
        return Secrets.text(Native.signInUsername(handle));
    }

    /** The challenge waiting for an answer, if any. */
    public synchronized Optional<String> pending() {
        return Optional.ofNullable(Secrets.text(Native.signInPending(handle)));
    }

    /** Wipes the sign-in's secrets; every later call is refused ({@code bad_handle}). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (LIVE.remove(reference)) {
            reference.clear();
            Native.signInFree(handle);
        }
    }

    @Override
    public String toString() {
        return "SignIn{" + (closed ? "closed" : "open") + "}";
    }
}
