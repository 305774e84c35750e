package dev.srpcognito;

/**
 * What {@link SrpCognito#confirmDevice} made: the ConfirmDevice call to send, and the
 * device to remember once Cognito accepts it (its password is nowhere else).
 */
public final class ConfirmedDevice {
    private final ConfirmDeviceInput input;
    private final RememberedDevice device;

    ConfirmedDevice(ConfirmDeviceInput input, RememberedDevice device) {
        this.input = input;
        this.device = device;
    }

    /** The ConfirmDevice call. */
    public ConfirmDeviceInput input() {
        return input;
    }

    /** The device to store, for DEVICE_SRP_AUTH at later sign-ins. */
    public RememberedDevice device() {
        return device;
    }

    @Override
    public String toString() {
        return "ConfirmedDevice{" + input + ", " + device + "}";
    }
}
