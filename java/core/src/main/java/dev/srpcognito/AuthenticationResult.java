package dev.srpcognito;

import java.util.Map;

/**
 * Cognito's {@code AuthenticationResult}: the tokens of a completed sign-in (or refresh).
 * {@code toString()} shows no token. Java cannot wipe a {@code String}: the tokens live in
 * the JVM's heap until collected, as they do in every SDK's response objects.
 */
public final class AuthenticationResult {
    private final String accessToken;
    private final String idToken;
    private final String refreshToken;
    private final Integer expiresIn;
    private final String tokenType;
    private final String newDeviceKey;
    private final String newDeviceGroupKey;

    /**
     * A result as the SDK returns it; {@code newDeviceKey} and {@code newDeviceGroupKey}
     * are its {@code NewDeviceMetadata} (both or neither).
     */
    public AuthenticationResult(
            String accessToken,
            String idToken,
            String refreshToken,
            Integer expiresIn,
            String tokenType,
            String newDeviceKey,
            String newDeviceGroupKey) {
        this.accessToken = Secrets.require(accessToken, "accessToken");
        this.idToken = idToken;
        this.refreshToken = refreshToken;
        this.expiresIn = expiresIn;
        this.tokenType = tokenType;
        this.newDeviceKey = newDeviceKey;
        this.newDeviceGroupKey = newDeviceGroupKey;
    }

    static AuthenticationResult fromJson(Map<String, Object> json) {
        Map<String, Object> device = Json.member(json, "NewDeviceMetadata");
        Object expires = json.get("ExpiresIn");
        return new AuthenticationResult(
                Json.string(json, "AccessToken"),
                Json.string(json, "IdToken"),
                Json.string(json, "RefreshToken"),
                expires instanceof Long ? Integer.valueOf(((Long) expires).intValue()) : null,
                Json.string(json, "TokenType"),
                device == null ? null : Json.string(device, "DeviceKey"),
                device == null ? null : Json.string(device, "DeviceGroupKey"));
    }

    void write(Json.Writer out) {
        out.begin()
                .member("AccessToken", accessToken)
                .member("IdToken", idToken)
                .member("RefreshToken", refreshToken)
                .member("ExpiresIn", expiresIn == null ? null : Long.valueOf(expiresIn))
                .member("TokenType", tokenType);
        if (newDeviceKey != null || newDeviceGroupKey != null) {
            out.open("NewDeviceMetadata")
                    .member("DeviceKey", newDeviceKey)
                    .member("DeviceGroupKey", newDeviceGroupKey)
                    .end();
        }
        out.end();
    }

    public String accessToken() {
        return accessToken;
    }

    /** The ID token, or null. */
    public String idToken() {
        return idToken;
    }

    /** The refresh token, or null (a refresh returns none). */
    public String refreshToken() {
        return refreshToken;
    }

    /** The access token's lifetime in seconds, or null. */
    public Integer expiresIn() {
        return expiresIn;
    }

    /** {@code Bearer}, or null. */
    public String tokenType() {
        return tokenType;
    }

    /** The new device's key, when the pool offers to remember this device; else null. */
    public String newDeviceKey() {
        return newDeviceKey;
    }

    /** The new device's group key, beside {@link #newDeviceKey()}. */
    public String newDeviceGroupKey() {
        return newDeviceGroupKey;
    }

    @Override
    public String toString() {
        return "AuthenticationResult{tokens=<redacted>, expiresIn=" + expiresIn + ", tokenType=" + tokenType
                + ", newDeviceKey=" + newDeviceKey + "}";
    }
}
