package io.github.natsjetstream.smallrye;

import java.util.List;
import java.util.Map;

/**
 * SmallRye metadata with the NATS headers to publish. A {@code JetStreamOutgoingMessage} carries it
 * when this jar is on the class path, so its headers survive runtimes that re-wrap messages. It
 * can also be added to any message: {@code Message.of(payload).addMetadata(new JetStreamOutgoingMetadata(headers))}.
 *
 * @param headers every header with all its values
 */
public record JetStreamOutgoingMetadata(Map<String, List<String>> headers) {

    public JetStreamOutgoingMetadata {
        headers = Map.copyOf(headers);
    }
}
