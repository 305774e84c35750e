package dev.srpcognito;

import java.util.Arrays;

/**
 * A device Cognito remembers: its key, its group key and its random password (what
 * {@link SrpCognito#confirmDevice} made), for DEVICE_SRP_AUTH at the next sign-in. Store
 * all three where the refresh token is stored. The password is a {@code char[]} that
 * {@link #wipe()} clears; {@code toString()} never shows it. Immutable but for
 * {@code wipe()}; safe to share between threads that do not wipe it.
 */
public final class RememberedDevice {
    private final String deviceKey;
    private final String deviceGroupKey;
    private final char[] password;

    /** A device from its key, group key and password (the array is copied). */
    public RememberedDevice(String deviceKey, String deviceGroupKey, char[] password) {
        this.deviceKey = Secrets.require(deviceKey, "deviceKey");
        this.deviceGroupKey = Secrets.require(deviceGroupKey, "deviceGroupKey");
        this.password = Secrets.require(password, "password").clone();
    }

    /** The device key ({@code region_uuid}). */
    public String deviceKey() {
        return deviceKey;
    }

    /** The device group key. */
    public String deviceGroupKey() {
        return deviceGroupKey;
    }

    /** A copy of the device password (the caller wipes it). */
    public char[] password() {
        return password.clone();
    }

    byte[] passwordUtf8() {
        return Secrets.utf8(password);
    }

    /** Overwrites this object's copy of the password. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "RememberedDevice{deviceKey=" + deviceKey + ", deviceGroupKey=" + deviceGroupKey + ", password=<redacted>}";
    }
}
