package io.github.natsjetstream.smallrye;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * SmallRye metadata of a message pulled by the {@code nats-jetstream} connector. Read it with
 * {@code message.getMetadata(JetStreamIncomingMetadata.class)}.
 *
 * @param deliveredCount delivery count, starting at 1
 * @param pendingCount messages left for the consumer after this one, as the server reported
 * @param headers every header with all its values, in the order received
 */
public record JetStreamIncomingMetadata(String subject, String stream, String consumer, long streamSequence,
                                        long consumerSequence, long deliveredCount, ZonedDateTime timestamp,
                                        long pendingCount, Map<String, List<String>> headers) {
}
