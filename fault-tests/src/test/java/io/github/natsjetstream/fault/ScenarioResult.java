package io.github.natsjetstream.fault;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of one scenario run. "Acked out" are the messages whose send completed normally;
 * only those count for {@link #lost()}.
 *
 * @param messages messages the scenario set out to publish
 * @param sends sends including resends after a nack
 * @param publishNacks sends that the outgoing channel nacked
 * @param nackReasons how often each publish nack reason occurred
 * @param gaveUp ids not sent again after a nack, with the reason
 * @param ackedOut ids acked by the outgoing channel
 * @param storedIds ids in the stream, read back with jnats; an id stored twice appears twice
 * @param deliveries deliveries to the {@code @Incoming} method, including redeliveries
 * @param delivered ids delivered at least once
 * @param ackedIn ids whose incoming ack completed
 * @param deadLettered ids in the dead-letter stream
 * @param ackUnrecorded ids delivered to a consumer JVM that was killed before it recorded the ack,
 *     while the durable reports every message acked
 * @param duplicates ids delivered more than once, with their delivery counts
 * @param redeliveries deliveries with a JetStream delivered count above 1
 * @param longestStallMillis longest time between two consecutive deliveries
 * @param drained whether every acked-out message was acked in before the time limit
 * @param faultNote what the fault reported, for example the killed node
 * @param faultError the fault's exception message, or an empty string
 * @param durationMillis time from the first send to the end of the settle period
 */
record ScenarioResult(String scenario, int run, int messages, long sends, long publishNacks,
        Map<String, Long> nackReasons, Map<String, String> gaveUp, Set<String> ackedOut, List<String> storedIds,
        long deliveries, Set<String> delivered, Set<String> ackedIn, Set<String> deadLettered,
        Set<String> ackUnrecorded, Map<String, Integer> duplicates, long redeliveries, long longestStallMillis,
        boolean drained, String faultNote, String faultError, long durationMillis) {

    /** Returns the ids acked by the outgoing channel that were neither acked in nor dead-lettered. */
    Set<String> lost() {
        return Sets.minus(ackedOut, ackedIn, deadLettered, ackUnrecorded);
    }

    /** Returns the ids acked by the outgoing channel that the stream does not contain. */
    Set<String> notStored() {
        return Sets.minus(ackedOut, Set.copyOf(storedIds));
    }

    /** Returns the ids acked by the outgoing channel that never reached the {@code @Incoming} method. */
    Set<String> notDelivered() {
        return Sets.minus(ackedOut, delivered);
    }

    /** Returns the messages stored more than once: stored messages minus distinct stored ids. */
    long streamDuplicates() {
        return storedIds.size() - Set.copyOf(storedIds).size();
    }

    /** Returns the deliveries of an id beyond its first one. */
    long duplicateDeliveries() {
        return deliveries - delivered.size();
    }

    /** Returns a multi-line summary for the test log and assertion messages. */
    String summary() {
        return String.format("%s run %d: %d messages, %d sends, %d publish nacks %s, %d gave up %s, "
                        + "%d acked out, %d stored (%d stored twice or more), %d deliveries of %d ids, "
                        + "%d acked in, %d dead-lettered, %d ack unrecorded, LOST %d %s, not stored %d %s, "
                        + "not delivered %d, %d duplicate deliveries, %d redeliveries, longest stall %d ms, "
                        + "drained %s, fault: %s%s, %d ms",
                scenario, run, messages, sends, publishNacks, nackReasons, gaveUp.size(), Sets.sample(gaveUp.keySet()),
                ackedOut.size(), storedIds.size(), streamDuplicates(), deliveries, delivered.size(),
                ackedIn.size(), deadLettered.size(), ackUnrecorded.size(), lost().size(), Sets.sample(lost()),
                notStored().size(), Sets.sample(notStored()), notDelivered().size(), duplicateDeliveries(),
                redeliveries, longestStallMillis, drained, faultNote.isEmpty() ? "ok" : faultNote,
                faultError.isEmpty() ? "" : " ERROR " + faultError, durationMillis);
    }
}
