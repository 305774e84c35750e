package dev.srpcognito;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the native library, once, from the first of:
 *
 * <ol>
 *   <li>the file the system property {@value #LIBRARY_PROPERTY} names (for a machine whose
 *       temporary folder is mounted {@code noexec}, or a library built elsewhere);
 *   <li>the jar's copy for this platform ({@code dev/srpcognito/native/linux-x86_64/} or
 *       {@code linux-aarch64/}), extracted into a fresh folder under the system property
 *       {@value #TMPDIR_PROPERTY}, else {@code java.io.tmpdir};
 *   <li>{@code System.loadLibrary("srp_cognito_jni")}: {@code java.library.path}, and on
 *       Android the app's own {@code jniLibs} for its ABI.
 * </ol>
 */
final class NativeLoader {
    /** A path to the native library to load instead of the jar's copy. */
    static final String LIBRARY_PROPERTY = "srp.cognito.library";
    /** The folder the jar's copy is extracted into (default: {@code java.io.tmpdir}). */
    static final String TMPDIR_PROPERTY = "srp.cognito.tmpdir";

    private static final String NAME = "srp_cognito_jni";

    private NativeLoader() {}

    static synchronized void load() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        if (path != null && !path.isEmpty()) {
            System.load(new File(path).getAbsolutePath());
            return;
        }
        String platform = platform();
        String resource = "native/" + platform + "/" + System.mapLibraryName(NAME);
        InputStream in = platform == null ? null : NativeLoader.class.getResourceAsStream(resource);
        if (in == null) {
            try {
                System.loadLibrary(NAME);
            } catch (UnsatisfiedLinkError e) {
                throw link("this jar has no native library for " + describe()
                        + " and none is on java.library.path; build it (cargo build --release -p srp-cognito-jni)"
                        + " and name it with -D" + LIBRARY_PROPERTY + "=/path/to/" + System.mapLibraryName(NAME), e);
            }
            return;
        }
        try (InputStream library = in) {
            String base = System.getProperty(TMPDIR_PROPERTY, System.getProperty("java.io.tmpdir"));
            Path folder = Files.createTempDirectory(Paths.get(base), "srp-cognito-");
            Path file = folder.resolve(System.mapLibraryName(NAME));
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            try {
                System.load(file.toAbsolutePath().toString());
            } catch (UnsatisfiedLinkError e) {
                throw link("the native library extracted to " + file + " cannot be loaded (a temporary folder"
                        + " mounted noexec?): set -D" + TMPDIR_PROPERTY + " to a folder that allows it, or -D"
                        + LIBRARY_PROPERTY + " to a copy of the library", e);
            }
        } catch (IOException e) {
            throw link("cannot extract the native library (" + e.getMessage() + "): set -D" + TMPDIR_PROPERTY
                    + " to a writable folder, or -D" + LIBRARY_PROPERTY + " to a copy of the library", e);
        }
    }

    private static UnsatisfiedLinkError link(String message, Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("srp-cognito: " + message);
        error.initCause(cause);
        return error;
    }

    private static String describe() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    /** This platform's folder in the jar, or null if the jar cannot carry one for it. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || System.getProperty("java.vm.vendor", "").contains("Android")) {
            return null;
        }
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "linux-x86_64";
            case "aarch64":
            case "arm64":
                return "linux-aarch64";
            default:
                return null;
        }
    }
}
