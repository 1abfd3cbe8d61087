package io.github.natsjetstream.outgoing;

import java.util.concurrent.CompletableFuture;

import io.github.natsjetstream.spi.ChannelObservers;
import io.github.natsjetstream.spi.OutgoingObservation;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * Publishes a request through an {@link AckedPublisher} and reports the publish to the channel
 * observers. With no observer loaded it only calls the publisher, and allocates nothing.
 */
final class ObservedPublish {

    private static final ChannelObservers OBSERVERS = ChannelObservers.loaded();

    private ObservedPublish() {
    }

    static CompletableFuture<PublishAck> publish(String channel, AckedPublisher publisher, PublishRequest request) {
        if (OBSERVERS.isEmpty()) {
            return publisher.publish(request);
        }

        // Observers get headers they can add to, such as a trace context, even for a message without any.
        Headers headers = request.headers() == null ? new Headers() : request.headers();
        OutgoingObservation observation = OBSERVERS.publishing(channel, request.subject(), headers, request.message());

        // An empty header block still counts against max_payload, so it is left out as without observers.
        CompletableFuture<PublishAck> sent = publisher.publish(new PublishRequest(request.message(), request.subject(),
                request.body(), headers.isEmpty() ? null : headers));
        if (observation == OutgoingObservation.NONE) {
            return sent;
        }
        return sent.whenComplete((ack, failure) -> {
            if (failure == null) {
                ChannelObservers.published(channel, observation, ack);
            } else {
                ChannelObservers.failed(channel, observation, AckedPublisher.rootCause(failure));
            }
        });
    }
}
