package dev.srpcognito;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What InitiateAuth or RespondToAuthChallenge returned, for {@link SignIn#next}: a
 * challenge (its name, parameters and session; {@code AvailableChallenges} for USER_AUTH)
 * or an {@link AuthenticationResult}. The AWS SDK's responses map onto it field by field
 * ({@code srp-cognito-aws-sdk} does it for the SDK for Java v2).
 */
public final class AuthOutput {
    private final String challengeName;
    private final Map<String, String> challengeParameters;
    private final String session;
    private final List<String> availableChallenges;
    private final AuthenticationResult authenticationResult;

    /** An output field by field, as the SDK's response has them (any may be null). */
    public AuthOutput(
            String challengeName,
            Map<String, String> challengeParameters,
            String session,
            List<String> availableChallenges,
            AuthenticationResult authenticationResult) {
        this.challengeName = challengeName;
        this.challengeParameters = challengeParameters == null ? Collections.emptyMap() : challengeParameters;
        this.session = session;
        this.availableChallenges = availableChallenges == null ? Collections.emptyList() : availableChallenges;
        this.authenticationResult = authenticationResult;
    }

    /** A challenge: its name, parameters and session. */
    public static AuthOutput challenge(String name, Map<String, String> parameters, String session) {
        return new AuthOutput(Secrets.require(name, "name"), parameters, session, null, null);
    }

    /** The tokens of a completed sign-in. */
    public static AuthOutput authenticated(AuthenticationResult result) {
        return new AuthOutput(null, null, null, null, Secrets.require(result, "result"));
    }

    /** Cognito's JSON of this output, for the native library (the caller wipes it). */
    byte[] toJson() {
        Json.Writer out = new Json.Writer();
        try {
            out.begin()
                    .member("ChallengeName", challengeName)
                    .member("ChallengeParameters", challengeParameters)
                    .member("Session", session);
            out.array("AvailableChallenges", availableChallenges);
            if (authenticationResult != null) {
                out.name("AuthenticationResult");
                authenticationResult.write(out);
            }
            return out.end().toBytes();
        } finally {
            out.wipe();
        }
    }
}
