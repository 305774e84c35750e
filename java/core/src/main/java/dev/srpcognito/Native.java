package dev.srpcognito;

/**
 * The native library's methods (the JNI door over the shared operation table): UTF-8 and
 * JSON {@code byte[]}s in and out, refusals thrown as {@link SrpCognitoException}. Only
 * this package calls them; {@link NativeLoader} loads the library before the first call.
 */
final class Native {
    static {
        NativeLoader.load();
    }

    private Native() {}

    static native byte[] backend();

    static native byte[] secretHash(byte[] username, byte[] clientId, byte[] clientSecret);

    static native long signInNew(byte[] options, byte[] password, byte[] clientSecret, byte[] devicePassword);

    static native byte[] signInStart(long handle);

    static native byte[] signInStartWith(long handle, byte[] a);

    static native byte[] signInNext(long handle, byte[] output, long unixSeconds);

    static native byte[] signInAnswer(long handle, byte[] answer, byte[] attributes);

    static native byte[] signInUsername(long handle);

    static native byte[] signInPending(long handle);

    static native void signInFree(long handle);

    static native byte[] confirmDevice(byte[] authenticationResult, byte[] deviceName);

    static native byte[] updateDeviceStatus(byte[] accessToken, byte[] deviceKey, boolean remembered);

    static native byte[] refresh(
            byte[] clientId, byte[] clientSecret, byte[] refreshToken, byte[] username, byte[] deviceKey);

    static native byte[] getTokensFromRefreshToken(
            byte[] clientId, byte[] clientSecret, byte[] refreshToken, byte[] deviceKey);
}
