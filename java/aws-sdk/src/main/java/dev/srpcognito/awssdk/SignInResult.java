package dev.srpcognito.awssdk;

import dev.srpcognito.AuthenticationResult;
import dev.srpcognito.Challenge;
import dev.srpcognito.RememberedDevice;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A sign-in's outcome: signed in (the tokens, and the device remembered if asked), or
 * pending on a challenge only the user can answer (an MFA code, a new password …):
 * answer it with {@link #answer(String)} or one of its siblings, which continue the same
 * sign-in and return the next outcome. A pending result holds the sign-in's secrets until
 * it is answered to the end or {@link #close() closed}. Safe to use from several threads
 * (the answers are serialized).
 */
public final class SignInResult implements AutoCloseable {
    private final Driver pending;
    private final Challenge challenge;
    private final AuthenticationResult result;
    private final RememberedDevice device;
    private final String username;

    SignInResult(Driver pending, Challenge challenge) {
        this.pending = pending;
        this.challenge = challenge;
        this.result = null;
        this.device = null;
        this.username = null;
    }

    SignInResult(AuthenticationResult result, RememberedDevice device, String username) {
        this.pending = null;
        this.challenge = null;
        this.result = result;
        this.device = device;
        this.username = username;
    }

    /** Whether the user is signed in (else a challenge is pending). */
    public boolean isSignedIn() {
        return result != null;
    }

    /** The tokens. @throws IllegalStateException when a challenge is pending */
    public AuthenticationResult tokens() {
        if (result == null) {
            throw new IllegalStateException("a challenge is pending: " + challenge.name());
        }
        return result;
    }

    /** Cognito's own username (never the alias typed): for a refresh's SECRET_HASH. */
    public String username() {
        tokens();
        return username;
    }

    /** The device remembered at this sign-in, when asked and the pool offered one. */
    public Optional<RememberedDevice> rememberedDevice() {
        return Optional.ofNullable(device);
    }

    /** The pending challenge. @throws IllegalStateException when signed in */
    public Challenge challenge() {
        if (challenge == null) {
            throw new IllegalStateException("signed in: no challenge is pending");
        }
        return challenge;
    }

    /** Answers the pending challenge with a code or answer (see {@code SignIn.answer}). */
    public SignInResult answer(String answer) {
        return Transport.join(answerAsync(answer));
    }

    /** {@link #answer(String)}, without blocking (over the async client, truly so). */
    public CompletableFuture<SignInResult> answerAsync(String answer) {
        return driver().answer(() -> driver().signIn().answer(answer));
    }

    /** Answers NEW_PASSWORD_REQUIRED: the new password (copied) and the required attributes. */
    public SignInResult newPassword(char[] password, Map<String, String> attributes) {
        return Transport.join(driver().answer(() -> driver().signIn().newPassword(password, attributes)));
    }

    /** Answers any other challenge with its responses. */
    public SignInResult answer(Map<String, String> responses) {
        return Transport.join(driver().answer(() -> driver().signIn().answer(responses)));
    }

    private Driver driver() {
        challenge();
        return pending;
    }

    /** Wipes a pending sign-in's secrets (nothing to do once signed in). Idempotent. */
    @Override
    public void close() {
        if (pending != null) {
            pending.close();
        }
    }

    @Override
    public String toString() {
        return result != null ? "SignInResult{signedIn, " + result + "}" : "SignInResult{pending " + challenge + "}";
    }
}
