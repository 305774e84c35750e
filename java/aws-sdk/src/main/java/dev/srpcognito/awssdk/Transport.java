package dev.srpcognito.awssdk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmDeviceRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConfirmDeviceResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateDeviceStatusRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateDeviceStatusResponse;

/**
 * The four calls a sign-in sends, over the SDK's synchronous client or its asynchronous
 * one: the flow ({@link Driver}) is written once, against futures, and the synchronous
 * client's answers are futures already complete.
 */
interface Transport {
    CompletableFuture<InitiateAuthResponse> initiateAuth(InitiateAuthRequest request);

    CompletableFuture<RespondToAuthChallengeResponse> respondToAuthChallenge(RespondToAuthChallengeRequest request);

    CompletableFuture<ConfirmDeviceResponse> confirmDevice(ConfirmDeviceRequest request);

    CompletableFuture<UpdateDeviceStatusResponse> updateDeviceStatus(UpdateDeviceStatusRequest request);

    static Transport of(CognitoIdentityProviderClient client) {
        return new Transport() {
            @Override
            public CompletableFuture<InitiateAuthResponse> initiateAuth(InitiateAuthRequest request) {
                return now(() -> client.initiateAuth(request));
            }

            @Override
            public CompletableFuture<RespondToAuthChallengeResponse> respondToAuthChallenge(
                    RespondToAuthChallengeRequest request) {
                return now(() -> client.respondToAuthChallenge(request));
            }

            @Override
            public CompletableFuture<ConfirmDeviceResponse> confirmDevice(ConfirmDeviceRequest request) {
                return now(() -> client.confirmDevice(request));
            }

            @Override
            public CompletableFuture<UpdateDeviceStatusResponse> updateDeviceStatus(UpdateDeviceStatusRequest request) {
                return now(() -> client.updateDeviceStatus(request));
            }
        };
    }

    static Transport of(CognitoIdentityProviderAsyncClient client) {
        return new Transport() {
            @Override
            public CompletableFuture<InitiateAuthResponse> initiateAuth(InitiateAuthRequest request) {
                return client.initiateAuth(request);
            }

            @Override
            public CompletableFuture<RespondToAuthChallengeResponse> respondToAuthChallenge(
                    RespondToAuthChallengeRequest request) {
                return client.respondToAuthChallenge(request);
            }

            @Override
            public CompletableFuture<ConfirmDeviceResponse> confirmDevice(ConfirmDeviceRequest request) {
                return client.confirmDevice(request);
            }

            @Override
            public CompletableFuture<UpdateDeviceStatusResponse> updateDeviceStatus(UpdateDeviceStatusRequest request) {
                return client.updateDeviceStatus(request);
            }
        };
    }

    /** A synchronous call as a completed (or failed) future. */
    static <T> CompletableFuture<T> now(Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            future.complete(call.get());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** A future's value, its failure rethrown as what was thrown (an SDK exception stays one). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }
}
