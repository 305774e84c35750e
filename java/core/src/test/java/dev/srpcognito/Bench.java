package dev.srpcognito;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java/bench [--rounds R] [--batch B] VECTOR_FILE}: the sign-in math through this
 * package (SignIn built, started with {@code a}, PASSWORD_VERIFIER answered, closed: four
 * JNI calls and their JSON) against {@link BigIntegerSrp}, the same math on
 * {@code java.math.BigInteger}, in one JVM, interleaved: each round times a batch of each,
 * and the medians of the rounds are printed, with their ratio, per arithmetic backend
 * (portable, then the CPU's own if it differs). Also the cost of one JNI call that does
 * no work ({@code SrpCognito.backend()}). Both sides are checked against the vector's
 * expected signature first. Needs the vector harness's build (java/bench builds it).
 */
public final class Bench {
    private Bench() {}

    /** The testing build's backend choice (process-wide): its name, or a refusal. */
    static native byte[] selectBackend(byte[] name);

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 15;
        int batch = 20;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--batch": batch = Integer.parseInt(args[++i]); break;
                default: file = args[i];
            }
        }
        if (file == null) {
            System.err.println("usage: bench [--rounds R] [--batch B] test-vectors/password_verifier.json");
            System.exit(2);
        }
        NativeLoader.load();
        @SuppressWarnings("unchecked")
        Map<String, Object> vector = (Map<String, Object>) ((List<Object>) Json.object(
                Files.readAllBytes(Paths.get(file))).get("vectors")).get(0);
        Map<String, Object> in = Json.member(vector, "input");
        String expected = Json.string(Json.member(vector, "expected"), "password_claim_signature");
        String pool = Json.string(in, "pool_id");
        String user = Json.string(in, "user_id_for_srp");
        String password = Json.string(in, "password");
        String a = Json.string(in, "a");
        String timestamp = Json.string(in, "timestamp");
        Instant at = LocalDateTime.parse(timestamp,
                DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.ENGLISH)).toInstant(ZoneOffset.UTC);
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("USERNAME", user);
        challenge.put("USER_ID_FOR_SRP", user);
        challenge.put("SALT", Json.string(in, "salt"));
        challenge.put("SRP_B", Json.string(in, "srp_b"));
        challenge.put("SECRET_BLOCK", Json.string(in, "secret_block"));
        AuthOutput output = AuthOutput.challenge("PASSWORD_VERIFIER", challenge, null);
        BigInteger bigA = new BigInteger(a, 16);
        String poolName = pool.substring(pool.indexOf('_') + 1);

        Runnable ours = () -> {
            try (SignIn signIn = SignIn.builder().poolId(pool).clientId("client").username(user)
                    .password(password.toCharArray()).build()) {
                signIn.start(a);
                Step step = signIn.next(output, at);
                String signature = ((Step.Respond) step).input().challengeResponses().get("PASSWORD_CLAIM_SIGNATURE");
                if (!expected.equals(signature)) {
                    throw new AssertionError("srp-cognito's signature differs from the vector's");
                }
            }
        };
        Runnable baseline = () -> {
            BigIntegerSrp.srpA(bigA);
            String signature = BigIntegerSrp.signature(bigA, poolName, user, password, challenge.get("SALT"),
                    challenge.get("SRP_B"), challenge.get("SECRET_BLOCK"), timestamp);
            if (!expected.equals(signature)) {
                throw new AssertionError("the BigInteger baseline's signature differs from the vector's");
            }
        };

        String own = SrpCognito.backend();
        List<String> backends = new ArrayList<>(Arrays.asList("portable"));
        if (!own.equals("portable")) {
            backends.add(own);
        }
        System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), " + rounds + " rounds of " + batch + " sign-ins each, interleaved; medians");
        System.out.println("| backend | srp-cognito (ms) | BigInteger (ms) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        for (String backend : backends) {
            selectBackend(backend.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 3 * batch; i++) {
                ours.run();
                baseline.run();
            }
            List<Double> oursMs = new ArrayList<>();
            List<Double> baselineMs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                oursMs.add(time(ours, batch));
                baselineMs.add(time(baseline, batch));
            }
            double o = median(oursMs);
            double b = median(baselineMs);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.3f |%n", backend, o, b, o / b);
        }
        // One JNI call that does no work: the boundary's own cost (a sign-in makes four).
        for (int i = 0; i < 100_000; i++) {
            SrpCognito.backend();
        }
        List<Double> call = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            call.add(time(SrpCognito::backend, 10_000) * 1000);
        }
        System.out.printf(Locale.ROOT, "one JNI call (SrpCognito.backend(): a byte[] out, a String made): %.3f µs%n",
                median(call));
    }

    /** Milliseconds per run of {@code work}, over a batch. */
    private static double time(Runnable work, int batch) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1e6 / batch;
    }
}
