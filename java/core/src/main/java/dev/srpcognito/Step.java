package dev.srpcognito;

import java.util.Map;

/**
 * What {@link SignIn#next} decided: {@link Respond} (send this RespondToAuthChallenge and
 * give its output to {@code next}), {@link Pending} (a challenge for the user: answer it
 * with {@link SignIn#answer}) or {@link SignedIn} (the tokens).
 */
public abstract class Step {
    private Step() {}

    static Step fromJson(byte[] json) {
        try {
            Map<String, Object> object = Json.object(json);
            Map<String, Object> inner;
            if ((inner = Json.member(object, "respond")) != null) {
                return new Respond(RespondToAuthChallengeInput.fromJson(inner));
            }
            if ((inner = Json.member(object, "pending")) != null) {
                return new Pending(Challenge.fromJson(inner));
            }
            if ((inner = Json.member(object, "signedIn")) != null) {
                return new SignedIn(AuthenticationResult.fromJson(inner));
            }
            throw new IllegalStateException("srp-cognito: the native library gave an unknown step");
        } finally {
            Secrets.wipe(json);
        }
    }

    /** Send this RespondToAuthChallenge, then give its output to {@link SignIn#next}. */
    public static final class Respond extends Step {
        private final RespondToAuthChallengeInput input;

        Respond(RespondToAuthChallengeInput input) {
            this.input = input;
        }

        public RespondToAuthChallengeInput input() {
            return input;
        }

        @Override
        public String toString() {
            return "Respond{" + input + "}";
        }
    }

    /** A challenge for the user: answer it with {@link SignIn#answer}. */
    public static final class Pending extends Step {
        private final Challenge challenge;

        Pending(Challenge challenge) {
            this.challenge = challenge;
        }

        public Challenge challenge() {
            return challenge;
        }

        @Override
        public String toString() {
            return "Pending{" + challenge + "}";
        }
    }

    /** Signed in: the tokens. */
    public static final class SignedIn extends Step {
        private final AuthenticationResult result;

        SignedIn(AuthenticationResult result) {
            this.result = result;
        }

        public AuthenticationResult result() {
            return result;
        }

        @Override
        public String toString() {
            return "SignedIn{" + result + "}";
        }
    }
}
