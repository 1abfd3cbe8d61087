package io.github.natsjetstream.samples.quickstart;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks with JetStreamManagement that a durable consumer has acknowledged every message on its
 * subject: nothing pending, nothing awaiting an ack, and an ack floor at or past the stream sequence
 * of the subject's last message.
 *
 * <p>NOTE: the check reads the subject's last message when it runs. If another program publishes
 * to the same subject on the same server during the run, the check can fail.
 */
final class ConsumerChecks {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private ConsumerChecks() {
    }

    /**
     * A durable consumer and the subject it reads.
     */
    record Target(String subject, String durable) {
    }

    /**
     * Checks every target until all pass or the timeout ends, because the server applies acks
     * asynchronously, and returns the last results.
     */
    static List<Check> awaitSettled(JetStreamManagement jsm, List<Target> targets, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Check> checks = new ArrayList<>();
            for (Target target : targets) {
                checks.add(check(jsm, target));
            }
            boolean allPassed = checks.stream().allMatch(Check::passed);
            if (allPassed || System.nanoTime() >= deadline) {
                return checks;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    static Check check(JetStreamManagement jsm, Target target) {
        String name = "consumer " + target.durable() + " on " + target.subject() + " fully acknowledged";
        try {
            List<String> streams = jsm.getStreamNames(target.subject());
            if (streams.size() != 1) {
                return Check.of(name, false, "expected exactly one stream that captures " + target.subject()
                        + ", found " + streams);
            }
            String stream = streams.get(0);
            long lastSequence = jsm.getLastMessage(stream, target.subject()).getSeq();
            ConsumerInfo info = jsm.getConsumerInfo(stream, target.durable());

            long pending = info.getNumPending();
            long ackPending = info.getNumAckPending();
            long ackFloor = info.getAckFloor().getStreamSequence();
            boolean passed = pending == 0 && ackPending == 0 && ackFloor >= lastSequence;
            String detail = "stream " + stream
                    + ", pending " + pending
                    + ", ack pending " + ackPending
                    + ", ack floor at stream sequence " + ackFloor
                    + ", last " + target.subject() + " message at " + lastSequence;
            return Check.of(name, passed, detail);
        } catch (JetStreamApiException e) {
            return Check.of(name, false, "JetStream API request failed: " + e.getMessage());
        } catch (IOException e) {
            return Check.of(name, false, "request to the server failed: " + e);
        }
    }
}
