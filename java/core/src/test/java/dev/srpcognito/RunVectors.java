package dev.srpcognito;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code run-vectors FILE...}: every vector of each test-vector file
 * (test-vectors/FORMAT.md) through Java and the JNI door of a library built with the
 * vector harness ({@code --features testing}; java/run-vectors builds it): one line per
 * failing vector, then {@code N passed, M failed}; exits 1 if any failed.
 */
public final class RunVectors {
    private RunVectors() {}

    /** The test vectors' {@code compute}: a {@code {"kind", "input"}} request in, JSON out. */
    static native byte[] compute(byte[] request);

    private static int passed;
    private static int failed;

    private static void fail(String where, String problem) {
        failed++;
        System.out.println("FAIL " + where + ": " + problem);
    }

    static Map<String, Object> compute(Object kind, Object input) {
        Json.Writer out = new Json.Writer();
        out.begin().name("kind").value(kind).name("input").value(input);
        return Json.object(compute(out.end().toBytes()));
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: run-vectors FILE...");
            System.exit(2);
        }
        NativeLoader.load();
        for (String path : args) {
            Map<String, Object> document;
            try {
                document = Json.object(Files.readAllBytes(Paths.get(path)));
            } catch (IOException | IllegalStateException e) {
                fail(path, "cannot be read as JSON (" + e.getMessage() + ")");
                continue;
            }
            Map<String, Object> rfc = Json.member(document, "vector");
            if (rfc != null) {
                // RFC 5054's appendix B: the inputs and v, A, B, S (client and server side).
                Map<String, Object> input = new LinkedHashMap<>();
                for (String k : Arrays.asList("I", "P", "s", "N", "g", "k", "x", "u", "a", "b")) {
                    input.put(k, rfc.get(k));
                }
                Map<String, Object> out = compute("rfc5054", input);
                StringBuilder wrong = new StringBuilder();
                for (String k : Arrays.asList("v", "A", "B", "S")) {
                    if (!Objects.equals(out.get(k), rfc.get(k))) {
                        wrong.append(' ').append(k);
                    }
                }
                if (!Objects.equals(out.get("S_server"), rfc.get("S"))) {
                    wrong.append(" S_server");
                }
                if (wrong.length() > 0) {
                    fail(path + " rfc5054", "differs in" + wrong);
                } else {
                    passed++;
                }
                continue;
            }
            if (!(document.get("vectors") instanceof List)) {
                fail(path, "no \"vectors\" array");
                continue;
            }
            List<?> vectors = (List<?>) document.get("vectors");
            for (int i = 0; i < vectors.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> vector = (Map<String, Object>) vectors.get(i);
                String id = Json.string(vector, "id");
                String where = path + " " + (id != null ? id : "#" + i);
                Map<String, Object> out = compute(vector.get("kind"), vector.get("input"));
                if (vector.containsKey("error")) {
                    if (!Objects.equals(out.get("error"), vector.get("error")) || out.size() != 1) {
                        fail(where, "want error " + vector.get("error") + ", got " + out);
                    } else {
                        passed++;
                    }
                } else if (out.containsKey("error")) {
                    fail(where, "refused: " + out.get("error"));
                } else {
                    StringBuilder wrong = new StringBuilder();
                    Map<String, Object> expected = Json.member(vector, "expected");
                    if (expected != null) {
                        for (Map.Entry<String, Object> e : expected.entrySet()) {
                            if (!Objects.equals(out.get(e.getKey()), e.getValue())) {
                                wrong.append(' ').append(e.getKey());
                            }
                        }
                    }
                    if (wrong.length() > 0) {
                        fail(where, "differs in" + wrong);
                    } else {
                        passed++;
                    }
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed > 0 ? 1 : 0);
    }
}
