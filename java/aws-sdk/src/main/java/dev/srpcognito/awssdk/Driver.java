package dev.srpcognito.awssdk;

import dev.srpcognito.AuthOutput;
import dev.srpcognito.AuthenticationResult;
import dev.srpcognito.ConfirmedDevice;
import dev.srpcognito.RespondToAuthChallengeInput;
import dev.srpcognito.SignIn;
import dev.srpcognito.SrpCognito;
import dev.srpcognito.Step;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one sign-in flow of this package: each output into {@link SignIn#next}, each
 * {@link Step.Respond} sent, until the sign-in is signed in (then the device remembered,
 * if asked) or waits on the user. The sign-in is closed (wiped) as soon as it is over,
 * signed in or failed.
 */
final class Driver {
    private final Transport transport;
    private final SignIn signIn;
    private final String rememberDeviceAs;

    Driver(Transport transport, SignIn signIn, String rememberDeviceAs) {
        this.transport = transport;
        this.signIn = signIn;
        this.rememberDeviceAs = rememberDeviceAs;
    }

    CompletableFuture<SignInResult> start() {
        return guard(() -> transport.initiateAuth(Requests.initiateAuth(signIn.start()))
                .thenCompose(response -> step(Requests.output(response))));
    }

    /** Sends the answer the caller made from the pending sign-in. */
    CompletableFuture<SignInResult> answer(Supplier<RespondToAuthChallengeInput> answer) {
        return guard(() -> respond(answer.get()));
    }

    SignIn signIn() {
        return signIn;
    }

    void close() {
        signIn.close();
    }

    private CompletableFuture<SignInResult> respond(RespondToAuthChallengeInput input) {
        return transport.respondToAuthChallenge(Requests.respondToAuthChallenge(input))
                .thenCompose(response -> step(Requests.output(response)));
    }

    private CompletableFuture<SignInResult> step(AuthOutput output) {
        Step step = signIn.next(output);
        if (step instanceof Step.Respond) {
            return respond(((Step.Respond) step).input());
        }
        if (step instanceof Step.Pending) {
            return CompletableFuture.completedFuture(new SignInResult(this, ((Step.Pending) step).challenge()));
        }
        String username = signIn.username();
        signIn.close();
        return signedIn(((Step.SignedIn) step).result(), username);
    }

    /** Remembers the new device if asked (ConfirmDevice, then UpdateDeviceStatus if the pool wants it). */
    private CompletableFuture<SignInResult> signedIn(AuthenticationResult result, String username) {
        if (rememberDeviceAs == null || result.newDeviceKey() == null) {
            return CompletableFuture.completedFuture(new SignInResult(result, null, username));
        }
        ConfirmedDevice confirmed = SrpCognito.confirmDevice(result, rememberDeviceAs);
        return transport.confirmDevice(Requests.confirmDevice(confirmed.input())).thenCompose(response -> {
            SignInResult done = new SignInResult(result, confirmed.device(), username);
            if (!Boolean.TRUE.equals(response.userConfirmationNecessary())) {
                return CompletableFuture.completedFuture(done);
            }
            return transport.updateDeviceStatus(Requests.updateDeviceStatus(SrpCognito.updateDeviceStatus(
                            result.accessToken(), confirmed.device().deviceKey(), true)))
                    .thenApply(ignored -> done);
        });
    }

    /** Runs a part of the flow; if it fails (here or in a later stage), the sign-in is closed. */
    private CompletableFuture<SignInResult> guard(Supplier<CompletableFuture<SignInResult>> part) {
        CompletableFuture<SignInResult> future;
        try {
            future = part.get();
        } catch (RuntimeException e) {
            future = new CompletableFuture<>();
            future.completeExceptionally(e);
        }
        return future.whenComplete((result, failure) -> {
            if (failure != null) {
                signIn.close();
            }
        });
    }
}
