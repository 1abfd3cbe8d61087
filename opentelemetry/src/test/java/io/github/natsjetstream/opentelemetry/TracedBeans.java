package io.github.natsjetstream.opentelemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The channels and beans of the tracing tests. */
final class TracedBeans {

    /** The payload whose first delivery {@link Receiver} nacks. */
    static final String NACK_ONCE = "nack-once";

    private TracedBeans() {
    }

    static ChannelsApplication.Builder channels(String name) {
        return ChannelsApplication.builder(name)
                .outgoing("orders-out", "orders")
                .incoming("orders-in", "orders", "string")
                .incoming("traced-in", "traced", "bytes")
                .outgoing("nacked-out", "nacked")
                .incoming("nacked-in", "nacked", "bytes")
                .outgoing("relay-source-out", "relay")
                .incoming("relay-in", "relay", "bytes")
                .outgoing("relay-out", "relayed")
                .incoming("relayed-in", "relayed", "bytes")
                .outgoing("oversized-out", "oversized");
    }

    static Class<?>[] beanClasses() {
        return new Class<?>[] {Sender.class, Receiver.class, Relay.class};
    }

    /** One delivery to the application, with the span context that {@link JetStreamTracing#contextOf} returned. */
    record Delivery(JetStreamIncomingMessage<?> message, SpanContext contextOfMessage) {
    }

    /** Sends through the outgoing channels and completes each send with the message's ack or nack. */
    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel("orders-out")
        Emitter<String> orders;

        @Inject
        @Channel("nacked-out")
        Emitter<byte[]> nacked;

        @Inject
        @Channel("relay-source-out")
        Emitter<byte[]> relaySource;

        @Inject
        @Channel("oversized-out")
        Emitter<byte[]> oversized;

        public CompletableFuture<Void> sendOrder(Message<String> message) {
            CompletableFuture<Void> settled = new CompletableFuture<>();
            orders.send(settling(message, settled));
            return settled;
        }

        public CompletableFuture<Void> sendBytes(String channel, Message<byte[]> message) {
            CompletableFuture<Void> settled = new CompletableFuture<>();
            Emitter<byte[]> emitter = switch (channel) {
                case "nacked-out" -> nacked;
                case "relay-source-out" -> relaySource;
                case "oversized-out" -> oversized;
                default -> throw new IllegalArgumentException("No byte[] emitter for channel '" + channel + "'");
            };
            emitter.send(settling(message, settled));
            return settled;
        }

        private static <T> Message<T> settling(Message<T> message, CompletableFuture<Void> settled) {
            return message.withAck(() -> {
                settled.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(reason -> {
                settled.completeExceptionally(reason);
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    /**
     * Records every delivery of the incoming channels and acks it, except the first delivery of
     * {@link #NACK_ONCE}, which it nacks. Tests read the records through methods, because the
     * container hands out a client proxy whose fields are not the bean's.
     */
    @ApplicationScoped
    public static class Receiver {

        private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();

        /** Returns the deliveries of an incoming channel, in the order received. */
        public List<Delivery> deliveries(String channel) {
            return deliveries.computeIfAbsent(channel, key -> new CopyOnWriteArrayList<>());
        }

        @Incoming("orders-in")
        public CompletionStage<Void> orders(Message<String> message) {
            return settle("orders-in", message, NACK_ONCE.equals(message.getPayload()));
        }

        @Incoming("traced-in")
        public CompletionStage<Void> traced(Message<byte[]> message) {
            return settle("traced-in", message, false);
        }

        @Incoming("nacked-in")
        public CompletionStage<Void> nacked(Message<byte[]> message) {
            return settle("nacked-in", message, NACK_ONCE.equals(new String(message.getPayload(), StandardCharsets.UTF_8)));
        }

        @Incoming("relayed-in")
        public CompletionStage<Void> relayed(Message<byte[]> message) {
            return settle("relayed-in", message, false);
        }

        private CompletionStage<Void> settle(String channel, Message<?> message, boolean nackFirstDelivery) {
            JetStreamIncomingMessage<?> incoming = message.unwrap(JetStreamIncomingMessage.class);
            SpanContext context = Span.fromContext(JetStreamTracing.contextOf(message)).getSpanContext();
            deliveries(channel).add(new Delivery(incoming, context));
            if (nackFirstDelivery && incoming.getDeliveredCount() == 1) {
                return message.nack(new IllegalStateException("the first delivery of " + NACK_ONCE + " fails"));
            }
            return message.ack();
        }
    }

    /** Forwards each message of {@code relay-in} as it is to {@code relay-out}. */
    @ApplicationScoped
    public static class Relay {

        @Incoming("relay-in")
        @Outgoing("relay-out")
        public Message<byte[]> relay(Message<byte[]> message) {
            return message;
        }
    }
}
