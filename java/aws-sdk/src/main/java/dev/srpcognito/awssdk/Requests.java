package dev.srpcognito.awssdk;

import dev.srpcognito.AuthOutput;
import dev.srpcognito.AuthenticationResult;
import dev.srpcognito.ConfirmDeviceInput;
import dev.srpcognito.GetTokensFromRefreshTokenInput;
import dev.srpcognito.InitiateAuthInput;
import dev.srpcognito.RespondToAuthChallengeInput;
import dev.srpcognito.UpdateDeviceStatusInput;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmDeviceRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeviceSecretVerifierConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetTokensFromRefreshTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NewDeviceMetadataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateDeviceStatusRequest;

/**
 * The sans-IO level's values as the AWS SDK for Java v2's requests, and its responses as
 * {@link AuthOutput}s: for driving a {@link dev.srpcognito.SignIn} with the SDK yourself.
 */
public final class Requests {
    private Requests() {}

    public static InitiateAuthRequest initiateAuth(InitiateAuthInput input) {
        return InitiateAuthRequest.builder()
                .authFlow(input.authFlow())
                .clientId(input.clientId())
                .authParameters(input.authParameters())
                .build();
    }

    public static RespondToAuthChallengeRequest respondToAuthChallenge(RespondToAuthChallengeInput input) {
        return RespondToAuthChallengeRequest.builder()
                .challengeName(input.challengeName())
                .clientId(input.clientId())
                .challengeResponses(input.challengeResponses())
                .session(input.session())
                .build();
    }

    public static ConfirmDeviceRequest confirmDevice(ConfirmDeviceInput input) {
        return ConfirmDeviceRequest.builder()
                .accessToken(input.accessToken())
                .deviceKey(input.deviceKey())
                .deviceName(input.deviceName())
                .deviceSecretVerifierConfig(DeviceSecretVerifierConfigType.builder()
                        .passwordVerifier(input.passwordVerifier())
                        .salt(input.salt())
                        .build())
                .build();
    }

    public static UpdateDeviceStatusRequest updateDeviceStatus(UpdateDeviceStatusInput input) {
        return UpdateDeviceStatusRequest.builder()
                .accessToken(input.accessToken())
                .deviceKey(input.deviceKey())
                .deviceRememberedStatus(input.deviceRememberedStatus())
                .build();
    }

    public static GetTokensFromRefreshTokenRequest getTokensFromRefreshToken(GetTokensFromRefreshTokenInput input) {
        return GetTokensFromRefreshTokenRequest.builder()
                .clientId(input.clientId())
                .clientSecret(input.clientSecret())
                .refreshToken(input.refreshToken())
                .deviceKey(input.deviceKey())
                .build();
    }

    public static AuthOutput output(InitiateAuthResponse response) {
        return new AuthOutput(
                response.challengeNameAsString(),
                response.hasChallengeParameters() ? response.challengeParameters() : null,
                response.session(),
                response.hasAvailableChallenges() ? response.availableChallengesAsStrings() : null,
                result(response.authenticationResult()));
    }

    public static AuthOutput output(RespondToAuthChallengeResponse response) {
        return new AuthOutput(
                response.challengeNameAsString(),
                response.hasChallengeParameters() ? response.challengeParameters() : null,
                response.session(),
                null,
                result(response.authenticationResult()));
    }

    /** The SDK's result as the core's (null for none). */
    public static AuthenticationResult result(AuthenticationResultType result) {
        if (result == null) {
            return null;
        }
        NewDeviceMetadataType device = result.newDeviceMetadata();
        return new AuthenticationResult(
                result.accessToken(),
                result.idToken(),
                result.refreshToken(),
                result.expiresIn(),
                result.tokenType(),
                device == null ? null : device.deviceKey(),
                device == null ? null : device.deviceGroupKey());
    }
}
