package io.github.natsjetstream.incoming;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.natsjetstream.connection.PullListener;

/**
 * Collects, from jnats threads, the reasons to end the open pull request early: a status from the
 * server, missed heartbeats or a reconnect. The pull thread polls them between messages.
 *
 * <p>A 503 (no responders) means the stream or the durable may be gone, so it also requests that the
 * pull thread check them and re-create what is missing.
 */
final class PullInterruptions implements PullListener {

    private static final int NO_MESSAGES = 404;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int NO_RESPONDERS = 503;

    private final AtomicBoolean pullOpen = new AtomicBoolean();
    private final AtomicBoolean endRequested = new AtomicBoolean();
    private final AtomicReference<String> recoveryReason = new AtomicReference<>();

    void pullStarted() {
        endRequested.set(false);
        pullOpen.set(true);
    }

    void pullFinished() {
        pullOpen.set(false);
    }

    /** Returns whether the open pull must end now, and clears the request. */
    boolean takeEndRequest() {
        return endRequested.getAndSet(false);
    }

    /** Returns why the durable must be checked, or {@code null}, and clears the request. */
    String takeRecoveryReason() {
        return recoveryReason.getAndSet(null);
    }

    void requestRecovery(String reason) {
        recoveryReason.set(reason);
        endRequested.set(true);
    }

    @Override
    public void pullEnded(int statusCode, String statusMessage) {
        if (statusCode == REQUEST_TIMEOUT || statusCode == NO_MESSAGES) {
            // The pull's own deadline ends it. These statuses carry no request id, and a late one
            // would otherwise end the next pull, which the server keeps open.
            return;
        }
        if (statusCode == NO_RESPONDERS) {
            requestRecovery("pull status " + statusCode + " " + statusMessage);
            return;
        }
        endRequested.set(true);
    }

    @Override
    public boolean heartbeatMissed() {
        // The heartbeat timer of jnats keeps running after a pull ends, so only an open pull counts.
        if (pullOpen.get()) {
            endRequested.set(true);
            return true;
        }
        return false;
    }

    @Override
    public void reconnected() {
        endRequested.set(true);
    }
}
