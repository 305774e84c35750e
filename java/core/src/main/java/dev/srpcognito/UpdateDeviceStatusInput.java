package dev.srpcognito;

import java.util.Map;

/** An UpdateDeviceStatus call, in what the SDK's builder takes. {@code toString()} shows no token. */
public final class UpdateDeviceStatusInput {
    private final String accessToken;
    private final String deviceKey;
    private final String deviceRememberedStatus;

    private UpdateDeviceStatusInput(String accessToken, String deviceKey, String deviceRememberedStatus) {
        this.accessToken = accessToken;
        this.deviceKey = deviceKey;
        this.deviceRememberedStatus = deviceRememberedStatus;
    }

    static UpdateDeviceStatusInput fromJson(Map<String, Object> object) {
        return new UpdateDeviceStatusInput(
                Json.string(object, "AccessToken"),
                Json.string(object, "DeviceKey"),
                Json.string(object, "DeviceRememberedStatus"));
    }

    public String accessToken() {
        return accessToken;
    }

    public String deviceKey() {
        return deviceKey;
    }

    /** {@code remembered} or {@code not_remembered}. */
    public String deviceRememberedStatus() {
        return deviceRememberedStatus;
    }

    @Override
    public String toString() {
        return "UpdateDeviceStatusInput{deviceKey=" + deviceKey + ", deviceRememberedStatus="
                + deviceRememberedStatus + ", accessToken=<redacted>}";
    }
}
