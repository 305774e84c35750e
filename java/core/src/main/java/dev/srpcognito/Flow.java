package dev.srpcognito;

/** The auth flows that start an SRP sign-in, as Cognito names them. */
public enum Flow {
    /** SRP with the user's password (the default). */
    USER_SRP_AUTH,
    /** Choice-based sign-in, preferring PASSWORD_SRP (SELECT_CHALLENGE answered with it). */
    USER_AUTH,
    /** A custom flow that starts with SRP_A; its custom challenges are handed back. */
    CUSTOM_AUTH
}
