package dev.srpcognito;

import java.util.Map;

/**
 * An InitiateAuth call, in what the SDK's builder takes: {@code authFlow},
 * {@code clientId}, {@code authParameters} (complete, no duplicate key: SECRET_HASH and
 * DEVICE_KEY are in it when they belong). {@code toString()} shows no parameter value.
 */
public final class InitiateAuthInput {
    private final String authFlow;
    private final String clientId;
    private final Map<String, String> authParameters;

    private InitiateAuthInput(String authFlow, String clientId, Map<String, String> authParameters) {
        this.authFlow = authFlow;
        this.clientId = clientId;
        this.authParameters = authParameters;
    }

    static InitiateAuthInput fromJson(byte[] json) {
        try {
            Map<String, Object> object = Json.object(json);
            return new InitiateAuthInput(
                    Json.string(object, "AuthFlow"), Json.string(object, "ClientId"),
                    Json.strings(object, "AuthParameters"));
        } finally {
            Secrets.wipe(json);
        }
    }

    /** {@code USER_SRP_AUTH}, {@code USER_AUTH}, {@code CUSTOM_AUTH} or {@code REFRESH_TOKEN_AUTH}. */
    public String authFlow() {
        return authFlow;
    }

    public String clientId() {
        return clientId;
    }

    /** The parameters, unmodifiable, in a stable order. */
    public Map<String, String> authParameters() {
        return authParameters;
    }

    @Override
    public String toString() {
        return "InitiateAuthInput{authFlow=" + authFlow + ", clientId=" + clientId + ", authParameters="
                + authParameters.keySet() + "}";
    }
}
