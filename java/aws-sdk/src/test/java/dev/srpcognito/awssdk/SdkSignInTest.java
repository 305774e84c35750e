package dev.srpcognito.awssdk;

import static dev.srpcognito.awssdk.Serve.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpcognito.AuthenticationResult;
import dev.srpcognito.InitiateAuthInput;
import dev.srpcognito.RememberedDevice;
import dev.srpcognito.SignIn;
import dev.srpcognito.SrpCognito;
import dev.srpcognito.SrpCognitoException;
import dev.srpcognito.Step;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AssociateSoftwareTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListDevicesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SetUserMfaPreferenceRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaSettingsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenRequest;

/** The SDK-level call and the sans-IO SignIn, through the real AWS SDK for Java v2, against serve. */
class SdkSignInTest {
    static final String PLAIN = "us-east-1_JavaPlain";
    static final String PLAIN_PUBLIC = "javaplainpublic00000000001";
    static final String PLAIN_SECRET_CLIENT = "javaplainsecret00000000002";
    static final String PLAIN_SECRET = "java-test-client-secret-0123456789abcdefghijklmnop";
    static final String EMAIL = "us-east-1_JavaEmail";
    static final String EMAIL_PUBLIC = "javaemailpublic00000000003";
    static final String DEVICES = "us-east-1_JavaDevices";
    static final String DEVICES_CLIENT = "javadevicessecret000000004";
    static final String DEVICES_SECRET = "java-test-device-secret-0123456789abcdefghijklmno";
    static final String MFA = "us-east-1_JavaMfa";
    static final String MFA_PUBLIC = "javamfapublic0000000000005";

    static final CognitoIdentityProviderClient IDP = Serve.client();

    @AfterAll
    static void closeClient() {
        IDP.close();
    }

    static SignIn.Builder signIn(String pool, String client, String username, String password) {
        return SignIn.builder().poolId(pool).clientId(client).username(username).password(password.toCharArray());
    }

    static String userOf(String accessToken) {
        return IDP.getUser(GetUserRequest.builder().accessToken(accessToken).build()).username();
    }

    /** The sign-in of the READMEs and the book, as written there (tools/tests/book.rs checks the text). */
    @Test
    void theReadmeSample() {
        CognitoIdentityProviderClient cognitoClient = IDP;
        String clientId = "javareadme0000000000000007";
        Serve.user(IDP, "us-east-1_AbCdEf123", "alice", "alice@example.com");
        char[] passwordChars = PASSWORD.toCharArray();
        // BEGIN book:sign-in
        SignInResult result = CognitoSrp.signIn(cognitoClient, SignIn.builder()
                .poolId("us-east-1_AbCdEf123").clientId(clientId).username("alice")
                .password(passwordChars));                    // char[]; .clientSecret(char[]) if any
        if (!result.isSignedIn()) {                           // SOFTWARE_TOKEN_MFA, NEW_PASSWORD_REQUIRED …
            result = result.answer(askTheUser(result.challenge().name()));
        }
        String idToken = result.tokens().idToken();
        // END book:sign-in
        assertNotNull(idToken);
        assertEquals("alice", userOf(result.tokens().accessToken()));
    }

    static String askTheUser(Object challenge) {
        throw new AssertionError("the sample's user has no challenge to answer: " + challenge);
    }

    @Test
    void rightAndWrongPassword() {
        String name = Serve.unique("alice-");
        Serve.user(IDP, PLAIN, name, name + "@example.com");
        SignInResult result = CognitoSrp.signIn(IDP, signIn(PLAIN, PLAIN_PUBLIC, name, PASSWORD));
        assertTrue(result.isSignedIn());
        assertEquals("Bearer", result.tokens().tokenType());
        assertEquals(name, userOf(result.tokens().accessToken()));
        assertEquals(name, result.username());
        assertThrows(NotAuthorizedException.class,
                () -> CognitoSrp.signIn(IDP, signIn(PLAIN, PLAIN_PUBLIC, name, "Wr0ng-password!")));
    }

    @Test
    void aClientWithASecretAndRefresh() {
        String name = Serve.unique("bob-");
        Serve.user(IDP, PLAIN, name, name + "@example.com");
        SignInResult result = CognitoSrp.signIn(IDP,
                signIn(PLAIN, PLAIN_SECRET_CLIENT, name, PASSWORD).clientSecret(PLAIN_SECRET.toCharArray()));
        assertEquals(name, userOf(result.tokens().accessToken()));
        assertThrows(NotAuthorizedException.class, () -> CognitoSrp.signIn(IDP,
                signIn(PLAIN, PLAIN_SECRET_CLIENT, name, PASSWORD).clientSecret("not-the-secret".toCharArray())));

        // REFRESH_TOKEN_AUTH, its SECRET_HASH of Cognito's own username.
        InitiateAuthInput refresh = SrpCognito.refresh(PLAIN_SECRET_CLIENT, PLAIN_SECRET.toCharArray(),
                result.tokens().refreshToken(), result.username(), null);
        InitiateAuthResponse refreshed = IDP.initiateAuth(Requests.initiateAuth(refresh));
        assertEquals(name, userOf(refreshed.authenticationResult().accessToken()));
        // GetTokensFromRefreshToken.
        GetTokensFromRefreshTokenResponse got = IDP.getTokensFromRefreshToken(Requests.getTokensFromRefreshToken(
                SrpCognito.getTokensFromRefreshToken(PLAIN_SECRET_CLIENT, PLAIN_SECRET.toCharArray(),
                        result.tokens().refreshToken(), null)));
        assertEquals(name, userOf(got.authenticationResult().accessToken()));
    }

    @Test
    void anEmailAliasSignsInAsCognitosOwnUsername() {
        String email = Serve.unique("carol-") + "@example.com";
        Serve.user(IDP, EMAIL, email, email);
        SignInResult result = CognitoSrp.signIn(IDP, signIn(EMAIL, EMAIL_PUBLIC, email, PASSWORD));
        assertNotEquals(email, result.username(), "the challenge's USERNAME is Cognito's, not the alias");
        assertEquals(result.username(), userOf(result.tokens().accessToken()));
    }

    @Test
    void newPasswordRequiredIsHandedBackAndAnswered() {
        String name = Serve.unique("erin-");
        Serve.newUser(IDP, PLAIN, name, name + "@example.com");
        try (SignInResult pending = CognitoSrp.signIn(IDP, signIn(PLAIN, PLAIN_PUBLIC, name, Serve.TEMPORARY))) {
            assertFalse(pending.isSignedIn());
            assertEquals("NEW_PASSWORD_REQUIRED", pending.challenge().name());
            assertThrows(IllegalStateException.class, pending::tokens);
            SignInResult done = pending.newPassword(PASSWORD.toCharArray(), Map.of());
            assertEquals(name, userOf(done.tokens().accessToken()));
        }
        // The new password is the password now.
        assertTrue(CognitoSrp.signIn(IDP, signIn(PLAIN, PLAIN_PUBLIC, name, PASSWORD)).isSignedIn());
    }

    /** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) of a base32 secret at {@code now}. */
    static String totp(String base32, Instant now) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer key = ByteBuffer.allocate(base32.length());
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toUpperCase().toCharArray()) {
            int at = alphabet.indexOf(c);
            if (at < 0) {
                continue;
            }
            buffer = (buffer << 5) | at;
            bits += 5;
            if (bits >= 8) {
                key.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.array(), 0, key.position(), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int code = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", code % 1_000_000);
    }

    @Test
    void totpMfaIsHandedBackAndAnswered() throws Exception {
        String name = Serve.unique("gina-");
        Serve.user(IDP, MFA, name, name + "@example.com");
        String access = CognitoSrp.signIn(IDP, signIn(MFA, MFA_PUBLIC, name, PASSWORD)).tokens().accessToken();
        String secret = IDP.associateSoftwareToken(AssociateSoftwareTokenRequest.builder().accessToken(access).build())
                .secretCode();
        IDP.verifySoftwareToken(VerifySoftwareTokenRequest.builder().accessToken(access)
                .userCode(totp(secret, Instant.now())).build());
        IDP.setUserMFAPreference(SetUserMfaPreferenceRequest.builder().accessToken(access)
                .softwareTokenMfaSettings(SoftwareTokenMfaSettingsType.builder().enabled(true).preferredMfa(true).build())
                .build());

        try (SignInResult pending = CognitoSrp.signIn(IDP, signIn(MFA, MFA_PUBLIC, name, PASSWORD))) {
            assertEquals("SOFTWARE_TOKEN_MFA", pending.challenge().name());
            assertThrows(CodeMismatchException.class, () -> pending.answer("000000"));
        }
        try (SignInResult pending = CognitoSrp.signIn(IDP, signIn(MFA, MFA_PUBLIC, name, PASSWORD))) {
            SignInResult done = pending.answer(totp(secret, Instant.now()));
            assertEquals(name, userOf(done.tokens().accessToken()));
        }
    }

    @Test
    void aRememberedDevice() {
        String name = Serve.unique("dave-");
        Serve.user(IDP, DEVICES, name, name + "@example.com");
        SignInResult first = CognitoSrp.signIn(IDP,
                signIn(DEVICES, DEVICES_CLIENT, name, PASSWORD).clientSecret(DEVICES_SECRET.toCharArray()), "junit");
        RememberedDevice device = first.rememberedDevice().orElseThrow();
        assertEquals(first.tokens().newDeviceKey(), device.deviceKey());
        assertFalse(device.toString().contains(new String(device.password())));

        // Again with the device: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER; no new device.
        SignInResult again = CognitoSrp.signIn(IDP, signIn(DEVICES, DEVICES_CLIENT, name, PASSWORD)
                .clientSecret(DEVICES_SECRET.toCharArray()).device(device), "junit");
        assertNull(again.tokens().newDeviceKey());
        assertTrue(again.rememberedDevice().isEmpty());
        var devices = IDP.listDevices(ListDevicesRequest.builder().accessToken(again.tokens().accessToken()).build())
                .devices();
        assertEquals(1, devices.size());
        assertEquals(device.deviceKey(), devices.get(0).deviceKey());
        // The pool asks the user (DeviceOnlyRememberedOnUserPrompt): UpdateDeviceStatus was sent.
        assertEquals("remembered", devices.get(0).deviceAttributes().stream()
                .filter(a -> a.name().equals("dev:device_remembered_status")).findFirst().map(a -> a.value())
                .orElse("absent"));

        // A changed device password is refused.
        char[] changed = device.password();
        changed[changed.length - 1] = changed[changed.length - 1] == 'A' ? 'B' : 'A';
        RememberedDevice wrong = new RememberedDevice(device.deviceKey(), device.deviceGroupKey(), changed);
        assertThrows(NotAuthorizedException.class, () -> CognitoSrp.signIn(IDP, signIn(DEVICES, DEVICES_CLIENT, name,
                PASSWORD).clientSecret(DEVICES_SECRET.toCharArray()).device(wrong)));
    }

    @Test
    void theAsyncClient() throws Exception {
        String name = Serve.unique("fred-");
        Serve.user(IDP, PLAIN, name, name + "@example.com");
        try (CognitoIdentityProviderAsyncClient async = Serve.asyncClient()) {
            SignInResult result = CognitoSrp.signInAsync(async, signIn(PLAIN, PLAIN_PUBLIC, name, PASSWORD))
                    .get(60, TimeUnit.SECONDS);
            assertEquals(name, userOf(result.tokens().accessToken()));
            var failed = CognitoSrp.signInAsync(async, signIn(PLAIN, PLAIN_PUBLIC, name, "Wr0ng-password!"));
            var thrown = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS));
            assertTrue(thrown.getCause() instanceof NotAuthorizedException, thrown.toString());
        }
    }

    @Test
    void eightThreadsSignInAtOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = Serve.unique("thread-");
            Serve.user(IDP, PLAIN, name, name + "@example.com");
            names.add(name);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> {
                    String last = null;
                    for (int round = 0; round < 3; round++) {
                        last = userOf(CognitoSrp.signIn(IDP, signIn(PLAIN, PLAIN_PUBLIC, name, PASSWORD))
                                .tokens().accessToken());
                    }
                    return last;
                }));
            }
            for (int i = 0; i < names.size(); i++) {
                assertEquals(names.get(i), futures.get(i).get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSansIoSignInDrivenByHand() {
        String name = Serve.unique("hank-");
        Serve.user(IDP, PLAIN, name, name + "@example.com");
        SignIn signIn = signIn(PLAIN, PLAIN_PUBLIC, name, PASSWORD).build();
        try (signIn) {
            Step step = signIn.next(Requests.output(IDP.initiateAuth(Requests.initiateAuth(signIn.start()))));
            while (step instanceof Step.Respond) {
                step = signIn.next(Requests.output(
                        IDP.respondToAuthChallenge(Requests.respondToAuthChallenge(((Step.Respond) step).input()))));
            }
            AuthenticationResult tokens = ((Step.SignedIn) step).result();
            assertNotNull(tokens.idToken());
            assertEquals(name, userOf(tokens.accessToken()));
        }
        // Closed: every call refused, none crashes.
        SrpCognitoException e = assertThrows(SrpCognitoException.class, signIn::start);
        assertEquals("bad_handle", e.category());
    }
}
