package dev.srpcognito.awssdk;

import dev.srpcognito.SignIn;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * An SRP sign-in in one call over the AWS SDK for Java v2:
 *
 * <pre>{@code
 * SignInResult result = CognitoSrp.signIn(client, SignIn.builder()
 *         .poolId("us-east-1_AbCdEf123").clientId(clientId).username("alice").password(password));
 * if (!result.isSignedIn()) {                       // e.g. SOFTWARE_TOKEN_MFA
 *     result = result.answer(askTheUser(result.challenge()));
 * }
 * String idToken = result.tokens().idToken();
 * }</pre>
 *
 * <p>The SDK's own exceptions ({@code NotAuthorizedException} for a wrong password …)
 * come through as they are; the library's refusals are {@code SrpCognitoException}s. Every
 * response and SECRET_HASH uses the challenge's own USERNAME. The methods are
 * thread-safe; the SDK's clients are too.
 */
public final class CognitoSrp {
    private CognitoSrp() {}

    /** Signs in: the tokens, or a challenge for the user to answer. */
    public static SignInResult signIn(CognitoIdentityProviderClient client, SignIn.Builder signIn) {
        return signIn(client, signIn, null);
    }

    /**
     * Signs in and, when the pool offers to remember this device, remembers it as
     * {@code deviceName} (ConfirmDevice, then UpdateDeviceStatus if the pool asks): store
     * {@link SignInResult#rememberedDevice()} and give it to {@code SignIn.Builder.device}
     * at the next sign-in.
     */
    public static SignInResult signIn(CognitoIdentityProviderClient client, SignIn.Builder signIn, String deviceName) {
        return Transport.join(new Driver(Transport.of(client), signIn.build(), deviceName).start());
    }

    /** {@link #signIn(CognitoIdentityProviderClient, SignIn.Builder)} over the async client. */
    public static CompletableFuture<SignInResult> signInAsync(
            CognitoIdentityProviderAsyncClient client, SignIn.Builder signIn) {
        return signInAsync(client, signIn, null);
    }

    /** {@link #signIn(CognitoIdentityProviderClient, SignIn.Builder, String)} over the async client. */
    public static CompletableFuture<SignInResult> signInAsync(
            CognitoIdentityProviderAsyncClient client, SignIn.Builder signIn, String deviceName) {
        return new Driver(Transport.of(client), signIn.build(), deviceName).start();
    }
}
