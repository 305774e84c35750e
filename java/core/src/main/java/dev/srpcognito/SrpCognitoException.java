package dev.srpcognito;

/**
 * A refusal of srp-cognito: {@link #category()} names it ({@code bad_hex},
 * {@code out_of_turn}, {@code claim_refused}, … the same names in every language package),
 * {@link #status()} numbers it as the C ABI's {@code srp_cognito_status} does. Thrown for
 * every bad input and every refused step; never a crash.
 */
public final class SrpCognitoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String category;

    /** Made by the native library (and by this package for a closed sign-in). */
    SrpCognitoException(int status, String category, String message) {
        super(category + ": " + message);
        this.status = status;
        this.category = category;
    }

    /** The category's name: {@code bad_hex}, {@code out_of_turn}, {@code bad_handle}, …. */
    public String category() {
        return category;
    }

    /** The category's number (the C ABI's {@code srp_cognito_status}). */
    public int status() {
        return status;
    }
}
