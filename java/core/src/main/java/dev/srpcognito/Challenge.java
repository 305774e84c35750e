package dev.srpcognito;

import java.util.List;
import java.util.Map;

/**
 * A challenge only the user can answer (an MFA code, a new password, a custom answer, an
 * MFA type to choose …), handed back by {@link SignIn#next} and answered with
 * {@link SignIn#answer}.
 */
public final class Challenge {
    private final String name;
    private final String codeDeliveryDestination;
    private final List<String> mfaTypes;
    private final List<String> requiredAttributes;
    private final List<String> availableChallenges;

    private Challenge(
            String name,
            String codeDeliveryDestination,
            List<String> mfaTypes,
            List<String> requiredAttributes,
            List<String> availableChallenges) {
        this.name = name;
        this.codeDeliveryDestination = codeDeliveryDestination;
        this.mfaTypes = mfaTypes;
        this.requiredAttributes = requiredAttributes;
        this.availableChallenges = availableChallenges;
    }

    static Challenge fromJson(Map<String, Object> object) {
        return new Challenge(
                Json.string(object, "challengeName"),
                Json.string(object, "codeDeliveryDestination"),
                Json.stringList(object, "mfaTypes"),
                Json.stringList(object, "requiredAttributes"),
                Json.stringList(object, "availableChallenges"));
    }

    /** {@code SOFTWARE_TOKEN_MFA}, {@code SMS_MFA}, {@code NEW_PASSWORD_REQUIRED}, …. */
    public String name() {
        return name;
    }

    /** Where a code went ({@code +*******1234}), or null. */
    public String codeDeliveryDestination() {
        return codeDeliveryDestination;
    }

    /** SELECT_MFA_TYPE / MFA_SETUP: the MFA types offered. */
    public List<String> mfaTypes() {
        return mfaTypes;
    }

    /** NEW_PASSWORD_REQUIRED: the attributes the new password must come with. */
    public List<String> requiredAttributes() {
        return requiredAttributes;
    }

    /** USER_AUTH: the challenges Cognito offered. */
    public List<String> availableChallenges() {
        return availableChallenges;
    }

    @Override
    public String toString() {
        return "Challenge{" + name + "}";
    }
}
