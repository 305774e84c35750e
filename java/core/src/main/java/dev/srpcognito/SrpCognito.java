package dev.srpcognito;

import java.util.Map;

/**
 * The operations beside a sign-in: SECRET_HASH, remembering a device (ConfirmDevice,
 * UpdateDeviceStatus), refreshing tokens. Each returns what the SDK's builder takes. All
 * are thread-safe.
 */
public final class SrpCognito {
    private SrpCognito() {}

    /**
     * {@code SECRET_HASH = base64(HMAC-SHA256(clientSecret, username ‖ clientId))}: for
     * requests this library does not make. The username is Cognito's own (a challenge's
     * USERNAME), not an alias the user typed.
     *
     * @throws SrpCognitoException {@code empty_input} for an empty secret
     */
    public static String secretHash(String username, String clientId, char[] clientSecret) {
        byte[] secret = Secrets.utf8(Secrets.require(clientSecret, "clientSecret"));
        try {
            return Secrets.text(Native.secretHash(
                    Secrets.utf8(Secrets.require(username, "username")),
                    Secrets.utf8(Secrets.require(clientId, "clientId")),
                    secret));
        } finally {
            Secrets.wipe(secret);
        }
    }

    /**
     * ConfirmDevice for the new device of a sign-in's result (its {@code NewDeviceMetadata}),
     * with a fresh random device password and salt; store {@link ConfirmedDevice#device()}
     * once Cognito accepts it, then mark it remembered ({@link #updateDeviceStatus}) if the
     * pool asks the user.
     *
     * @throws SrpCognitoException {@code missing_parameter} when the result has no new device
     */
    public static ConfirmedDevice confirmDevice(AuthenticationResult result, String deviceName) {
        Json.Writer out = new Json.Writer();
        Secrets.require(result, "result").write(out);
        byte[] json = out.toBytes();
        out.wipe();
        byte[] answer = null;
        try {
            answer = Native.confirmDevice(json, Secrets.utf8(deviceName));
            Map<String, Object> object = Json.object(answer);
            Map<String, Object> device = Json.member(object, "device");
            String password = Json.string(device, "devicePassword");
            return new ConfirmedDevice(
                    ConfirmDeviceInput.fromJson(Json.member(object, "input")),
                    new RememberedDevice(
                            Json.string(device, "deviceKey"),
                            Json.string(device, "deviceGroupKey"),
                            password.toCharArray()));
        } finally {
            Secrets.wipe(json, answer);
        }
    }

    /** The UpdateDeviceStatus call marking {@code deviceKey} remembered (or not). */
    public static UpdateDeviceStatusInput updateDeviceStatus(String accessToken, String deviceKey, boolean remembered) {
        byte[] answer = Native.updateDeviceStatus(
                Secrets.utf8(Secrets.require(accessToken, "accessToken")),
                Secrets.utf8(Secrets.require(deviceKey, "deviceKey")),
                remembered);
        try {
            return UpdateDeviceStatusInput.fromJson(Json.object(answer));
        } finally {
            Secrets.wipe(answer);
        }
    }

    /**
     * The InitiateAuth call of {@code REFRESH_TOKEN_AUTH}. With a client secret, give
     * {@code username} (Cognito's own: {@link SignIn#username()}) for its SECRET_HASH; with
     * a remembered device, its key.
     *
     * @throws SrpCognitoException {@code missing_parameter} for a secret without a username
     */
    public static InitiateAuthInput refresh(
            String clientId, char[] clientSecret, String refreshToken, String username, String deviceKey) {
        byte[] secret = Secrets.utf8(clientSecret);
        try {
            return InitiateAuthInput.fromJson(Native.refresh(
                    Secrets.utf8(Secrets.require(clientId, "clientId")),
                    secret,
                    Secrets.utf8(Secrets.require(refreshToken, "refreshToken")),
                    Secrets.utf8(username),
                    Secrets.utf8(deviceKey)));
        } finally {
            Secrets.wipe(secret);
        }
    }

    /** The GetTokensFromRefreshToken call (refresh token rotation). */
    public static GetTokensFromRefreshTokenInput getTokensFromRefreshToken(
            String clientId, char[] clientSecret, String refreshToken, String deviceKey) {
        byte[] secret = Secrets.utf8(clientSecret);
        byte[] answer = null;
        try {
            answer = Native.getTokensFromRefreshToken(
                    Secrets.utf8(Secrets.require(clientId, "clientId")),
                    secret,
                    Secrets.utf8(Secrets.require(refreshToken, "refreshToken")),
                    Secrets.utf8(deviceKey));
            return GetTokensFromRefreshTokenInput.fromJson(Json.object(answer));
        } finally {
            Secrets.wipe(secret, answer);
        }
    }

    /** The arithmetic backend in use: {@code avx512ifma}, {@code portable}, …. */
    public static String backend() {
        return Secrets.text(Native.backend());
    }
}
