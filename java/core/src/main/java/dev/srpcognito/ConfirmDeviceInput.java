package dev.srpcognito;

import java.util.Map;

/**
 * A ConfirmDevice call, in what the SDK's builder takes: the access token, the device key,
 * the device's name and its {@code DeviceSecretVerifierConfig} (password verifier and salt,
 * base64). {@code toString()} shows no token.
 */
public final class ConfirmDeviceInput {
    private final String accessToken;
    private final String deviceKey;
    private final String deviceName;
    private final String passwordVerifier;
    private final String salt;

    private ConfirmDeviceInput(
            String accessToken, String deviceKey, String deviceName, String passwordVerifier, String salt) {
        this.accessToken = accessToken;
        this.deviceKey = deviceKey;
        this.deviceName = deviceName;
        this.passwordVerifier = passwordVerifier;
        this.salt = salt;
    }

    static ConfirmDeviceInput fromJson(Map<String, Object> object) {
        Map<String, Object> config = Json.member(object, "DeviceSecretVerifierConfig");
        return new ConfirmDeviceInput(
                Json.string(object, "AccessToken"),
                Json.string(object, "DeviceKey"),
                Json.string(object, "DeviceName"),
                config == null ? null : Json.string(config, "PasswordVerifier"),
                config == null ? null : Json.string(config, "Salt"));
    }

    public String accessToken() {
        return accessToken;
    }

    public String deviceKey() {
        return deviceKey;
    }

    /** The device's name, or null. */
    public String deviceName() {
        return deviceName;
    }

    /** {@code DeviceSecretVerifierConfig.PasswordVerifier} (base64). */
    public String passwordVerifier() {
        return passwordVerifier;
    }

    /** {@code DeviceSecretVerifierConfig.Salt} (base64). */
    public String salt() {
        return salt;
    }

    @Override
    public String toString() {
        return "ConfirmDeviceInput{deviceKey=" + deviceKey + ", deviceName=" + deviceName + ", accessToken=<redacted>}";
    }
}
