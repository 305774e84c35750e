package dev.srpcognito;

import java.util.Map;

/**
 * A GetTokensFromRefreshToken call, in what the SDK's builder takes (the client secret
 * itself, not a SECRET_HASH: this operation takes it so). {@code toString()} shows neither
 * the token nor the secret.
 */
public final class GetTokensFromRefreshTokenInput {
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String deviceKey;

    private GetTokensFromRefreshTokenInput(String clientId, String clientSecret, String refreshToken, String deviceKey) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.deviceKey = deviceKey;
    }

    static GetTokensFromRefreshTokenInput fromJson(Map<String, Object> object) {
        return new GetTokensFromRefreshTokenInput(
                Json.string(object, "ClientId"),
                Json.string(object, "ClientSecret"),
                Json.string(object, "RefreshToken"),
                Json.string(object, "DeviceKey"));
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret, or null for a client without one. */
    public String clientSecret() {
        return clientSecret;
    }

    public String refreshToken() {
        return refreshToken;
    }

    /** The remembered device's key, or null. */
    public String deviceKey() {
        return deviceKey;
    }

    @Override
    public String toString() {
        return "GetTokensFromRefreshTokenInput{clientId=" + clientId + ", deviceKey=" + deviceKey
                + ", refreshToken=<redacted>}";
    }
}
