package dev.srpcognito.awssdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * {@code srp-cognito serve} (the binary the build made; -Dsrp.cognito.serve), started once
 * for the test run with the pools of provision.json, and the SDK's clients pointed at it.
 */
final class Serve {
    static final String PASSWORD = "Corr3ct-horse-battery!";
    static final String TEMPORARY = "Temp-0rary-pass!";
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() % 1_000_000);
    private static URI url;

    private Serve() {}

    static synchronized URI url() {
        if (url != null) {
            return url;
        }
        try {
            Process serve = new ProcessBuilder(
                            System.getProperty("srp.cognito.serve"), "serve", "--port", "0",
                            "--provision", System.getProperty("srp.cognito.provision"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(serve::destroy));
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("http")) {
                serve.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("srp-cognito serve did not start: " + line);
            }
            url = URI.create(line.trim());
            return url;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start srp-cognito serve (-Dsrp.cognito.serve)", e);
        }
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(30))
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .build();
    }

    static CognitoIdentityProviderClient client() {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(timeouts())
                .build();
    }

    static CognitoIdentityProviderAsyncClient asyncClient() {
        return CognitoIdentityProviderAsyncClient.builder()
                .endpointOverride(url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(timeouts())
                .build();
    }

    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet();
    }

    /** A user with a temporary password only (its first sign-in: NEW_PASSWORD_REQUIRED). */
    static void newUser(CognitoIdentityProviderClient idp, String pool, String username, String email) {
        idp.adminCreateUser(AdminCreateUserRequest.builder()
                .userPoolId(pool)
                .username(username)
                .temporaryPassword(TEMPORARY)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(email).build())
                .build());
    }

    /** A confirmed user with {@link #PASSWORD}. */
    static void user(CognitoIdentityProviderClient idp, String pool, String username, String email) {
        newUser(idp, pool, username, email);
        idp.adminSetUserPassword(AdminSetUserPasswordRequest.builder()
                .userPoolId(pool)
                .username(username)
                .password(PASSWORD)
                .permanent(true)
                .build());
    }
}
