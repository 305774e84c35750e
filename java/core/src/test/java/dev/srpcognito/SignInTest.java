package dev.srpcognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInTest {
    static final String POOL = "us-east-1_Abc";

    static Path vectors() {
        return Paths.get(System.getProperty("srp.cognito.vectors", "../../test-vectors"));
    }

    /** The vectors of a file in test-vectors/ that have an expected value. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> vectorsOf(String file) throws java.io.IOException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Object item : (List<?>) Json.object(Files.readAllBytes(vectors().resolve(file))).get("vectors")) {
            if (Json.member((Map<String, Object>) item, "expected") != null) {
                out.add((Map<String, Object>) item);
            }
        }
        return out;
    }

    static SignIn.Builder plain() {
        return SignIn.builder().poolId(POOL).clientId("client").username("alice").password("p".toCharArray());
    }

    static Map<String, String> verifierChallenge(String user, String salt, String b, String secretBlock) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("USERNAME", user);
        p.put("USER_ID_FOR_SRP", user);
        p.put("SALT", salt);
        p.put("SRP_B", b);
        p.put("SECRET_BLOCK", secretBlock);
        return p;
    }

    static SrpCognitoException refused(String category, org.junit.jupiter.api.function.Executable f) {
        SrpCognitoException e = assertThrows(SrpCognitoException.class, f);
        assertEquals(category, e.category(), e.getMessage());
        return e;
    }

    @Test
    void startGivesTheInitiateAuthCall() {
        try (SignIn signIn = plain().build()) {
            InitiateAuthInput start = signIn.start("02");
            assertEquals("USER_SRP_AUTH", start.authFlow());
            assertEquals("client", start.clientId());
            assertEquals("4", start.authParameters().get("SRP_A"));
            assertEquals("alice", start.authParameters().get("USERNAME"));
            assertThrows(UnsupportedOperationException.class, () -> start.authParameters().put("X", "y"));
            assertFalse(start.toString().contains("alice"), "no parameter value in toString");
            refused("out_of_turn", () -> signIn.start("03"));
        }
    }

    @Test
    void everyPasswordVerifierVectorThroughJava() throws Exception {
        DateTimeFormatter cognito = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ENGLISH);
        int checked = 0;
        for (Map<String, Object> vector : vectorsOf("password_verifier.json")) {
            Map<String, Object> in = Json.member(vector, "input");
            Map<String, Object> expected = Json.member(vector, "expected");
            String user = Json.string(in, "user_id_for_srp");
            Instant at = ZonedDateTime.of(java.time.LocalDateTime.parse(Json.string(in, "timestamp"), cognito), ZoneOffset.UTC)
                    .toInstant();
            try (SignIn signIn = SignIn.builder().poolId(Json.string(in, "pool_id")).clientId("client")
                    .username(user).password(Json.string(in, "password").toCharArray()).build()) {
                assertEquals(Json.string(expected, "srp_a"), signIn.start(Json.string(in, "a")).authParameters().get("SRP_A"));
                Step step = signIn.next(AuthOutput.challenge("PASSWORD_VERIFIER", verifierChallenge(user,
                        Json.string(in, "salt"), Json.string(in, "srp_b"), Json.string(in, "secret_block")), "session"), at);
                RespondToAuthChallengeInput respond = assertInstanceOf(Step.Respond.class, step).input();
                assertEquals(Json.string(expected, "password_claim_signature"),
                        respond.challengeResponses().get("PASSWORD_CLAIM_SIGNATURE"), Json.string(vector, "id"));
                assertEquals(Json.string(in, "timestamp"), respond.challengeResponses().get("TIMESTAMP"));
                assertEquals("session", respond.session());
                checked++;
            }
        }
        assertTrue(checked >= 10, "vectors checked: " + checked);
    }

    @Test
    void aClosedSignInRefusesEveryCall() {
        SignIn signIn = plain().build();
        signIn.close();
        signIn.close();
        refused("bad_handle", signIn::start);
        refused("bad_handle", signIn::username);
        refused("bad_handle", () -> signIn.answer("123456"));
        assertEquals("SignIn{closed}", signIn.toString());
    }

    @Test
    void badInputIsATypedRefusal() {
        refused("bad_pool_id", () -> plain().poolId("nounderscore").build());
        refused("empty_input", () -> plain().clientSecret(new char[0]).build());
        refused("bad_hex", () -> plain().build().start("zz"));
        try (SignIn signIn = plain().build()) {
            refused("out_of_turn", () -> signIn.answer("123456"));
            signIn.start("02");
            refused("missing_parameter", () -> signIn.next(AuthOutput.challenge("PASSWORD_VERIFIER", Map.of(), null)));
        }
        assertThrows(NullPointerException.class, () -> SignIn.builder().poolId(POOL).build());
        // A time outside 1970-9999 cannot be a TIMESTAMP.
        try (SignIn signIn = plain().build()) {
            signIn.start("02");
            refused("bad_timestamp", () -> signIn.next(AuthOutput.challenge("PASSWORD_VERIFIER",
                    verifierChallenge("alice", "01", "05", "AA=="), null), Instant.MAX));
        }
    }

    @Test
    void hostileSizesAndTextAreRefusedOrKept() {
        char[] huge = new char[(1 << 20) + 1];
        Arrays.fill(huge, 'p');
        refused("too_large", () -> plain().password(huge).build());
        String odd = "al\"ice\\ \u00e9\u20ac\ud83d\ude00\n";
        try (SignIn signIn = plain().username(odd).build()) {
            assertEquals(odd, signIn.start("02").authParameters().get("USERNAME"));
            assertEquals(odd, signIn.username());
        }
    }

    @Test
    void theBuilderWipesItsCopiesAndLeavesTheCallersArray() {
        char[] password = "secret-password".toCharArray();
        SignIn.Builder builder = plain().password(password);
        builder.build().close();
        assertEquals("secret-password", new String(password), "the caller's array is the caller's");
        assertThrows(NullPointerException.class, builder::build, "the builder's copy is gone");
    }

    @Test
    void aChallengeForTheUserIsPendingAndAnswered() {
        try (SignIn signIn = plain().build()) {
            signIn.start("02");
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("USERNAME", "alice-internal");
            parameters.put("requiredAttributes", "[\"userAttributes.email\"]");
            Step step = signIn.next(AuthOutput.challenge("NEW_PASSWORD_REQUIRED", parameters, "s1"));
            Challenge challenge = assertInstanceOf(Step.Pending.class, step).challenge();
            assertEquals("NEW_PASSWORD_REQUIRED", challenge.name());
            assertEquals(List.of("email"), challenge.requiredAttributes());
            assertEquals("NEW_PASSWORD_REQUIRED", signIn.pending().orElseThrow());
            assertEquals("alice-internal", signIn.username());
            RespondToAuthChallengeInput respond =
                    signIn.newPassword("N3w-password!".toCharArray(), Map.of("email", "a@example.com"));
            assertEquals("alice-internal", respond.challengeResponses().get("USERNAME"));
            assertEquals("N3w-password!", respond.challengeResponses().get("NEW_PASSWORD"));
            assertEquals("a@example.com", respond.challengeResponses().get("userAttributes.email"));
            assertFalse(respond.toString().contains("N3w"), "no response value in toString");
        }
    }

    @Test
    void secretHashAndTheOtherOperations() throws Exception {
        for (Map<String, Object> vector : vectorsOf("secret_hash.json")) {
            Map<String, Object> in = Json.member(vector, "input");
            Map<String, Object> expected = Json.member(vector, "expected");
            assertEquals(Json.string(expected, "secret_hash"), SrpCognito.secretHash(Json.string(in, "username"),
                    Json.string(in, "client_id"), Json.string(in, "client_secret").toCharArray()));
        }
        InitiateAuthInput refresh = SrpCognito.refresh("client", "s".toCharArray(), "token", "user", "dev");
        assertEquals("REFRESH_TOKEN_AUTH", refresh.authFlow());
        assertEquals(SrpCognito.secretHash("user", "client", "s".toCharArray()), refresh.authParameters().get("SECRET_HASH"));
        assertEquals("dev", refresh.authParameters().get("DEVICE_KEY"));
        refused("missing_parameter", () -> SrpCognito.refresh("client", "s".toCharArray(), "token", null, null));
        GetTokensFromRefreshTokenInput get = SrpCognito.getTokensFromRefreshToken("client", null, "token", null);
        assertEquals("token", get.refreshToken());
        assertEquals(null, get.clientSecret());
        UpdateDeviceStatusInput update = SrpCognito.updateDeviceStatus("access", "dev", false);
        assertEquals("not_remembered", update.deviceRememberedStatus());
        AuthenticationResult noDevice = new AuthenticationResult("access", null, null, 3600, "Bearer", null, null);
        refused("missing_parameter", () -> SrpCognito.confirmDevice(noDevice, "name"));
        ConfirmedDevice confirmed = SrpCognito.confirmDevice(
                new AuthenticationResult("access", null, null, 3600, "Bearer", "us-east-1_dev", "group"), "laptop");
        assertEquals("us-east-1_dev", confirmed.input().deviceKey());
        assertEquals("laptop", confirmed.input().deviceName());
        assertEquals("group", confirmed.device().deviceGroupKey());
        assertTrue(confirmed.device().password().length > 20);
        assertFalse(confirmed.toString().contains(new String(confirmed.device().password())));
        assertFalse(SrpCognito.backend().isEmpty());
    }

    @Test
    void jsonEscapesRoundTrip() {
        Json.Writer out = new Json.Writer();
        String tricky = "q\"b\\s\n\u0001é€😀";
        byte[] text = out.begin().member("k", tricky).end().toBytes();
        assertEquals(tricky, Json.string(Json.object(text), "k"));
        assertEquals("\"\u00e9", Json.string(Json.object("{\"k\":\"\\\"\\u00e9\"}".getBytes()), "k"));
        assertThrows(IllegalStateException.class, () -> Json.parse("{\"a\":1,\"a\":2}".getBytes()));
        byte[] deep = new byte[200];
        Arrays.fill(deep, (byte) '[');
        assertThrows(IllegalStateException.class, () -> Json.parse(deep));
    }
}
