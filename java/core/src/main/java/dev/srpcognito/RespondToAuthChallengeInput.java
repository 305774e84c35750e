package dev.srpcognito;

import java.util.Map;

/**
 * A RespondToAuthChallenge call, in what the SDK's builder takes: {@code challengeName},
 * {@code clientId}, {@code challengeResponses} (complete, no duplicate key; USERNAME and
 * SECRET_HASH are the challenge's own username's) and {@code session}. {@code toString()}
 * shows no response value and no session.
 */
public final class RespondToAuthChallengeInput {
    private final String challengeName;
    private final String clientId;
    private final Map<String, String> challengeResponses;
    private final String session;

    private RespondToAuthChallengeInput(
            String challengeName, String clientId, Map<String, String> challengeResponses, String session) {
        this.challengeName = challengeName;
        this.clientId = clientId;
        this.challengeResponses = challengeResponses;
        this.session = session;
    }

    static RespondToAuthChallengeInput fromJson(Map<String, Object> object) {
        return new RespondToAuthChallengeInput(
                Json.string(object, "ChallengeName"),
                Json.string(object, "ClientId"),
                Json.strings(object, "ChallengeResponses"),
                Json.string(object, "Session"));
    }

    static RespondToAuthChallengeInput fromJson(byte[] json) {
        try {
            return fromJson(Json.object(json));
        } finally {
            Secrets.wipe(json);
        }
    }

    public String challengeName() {
        return challengeName;
    }

    public String clientId() {
        return clientId;
    }

    /** The responses, unmodifiable, in a stable order. */
    public Map<String, String> challengeResponses() {
        return challengeResponses;
    }

    /** The session to send back, or null. */
    public String session() {
        return session;
    }

    @Override
    public String toString() {
        return "RespondToAuthChallengeInput{challengeName=" + challengeName + ", clientId=" + clientId
                + ", challengeResponses=" + challengeResponses.keySet() + ", session=" + (session == null ? null : "<redacted>") + "}";
    }
}
