package io.github.natsjetstream.metrics;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.testing.NatsServerProcess;

/**
 * A SmallRye Reactive Messaging application on Weld SE against its own nats-server, with one pair
 * of channels (an outgoing {@code <name>-out} and an incoming {@code <name>-in} on the same subject)
 * for each name in {@link #PAIRS}. Each test JVM starts it once, because the channels are configured
 * through system properties and the metrics module chooses its registry once per JVM.
 */
final class MessagingApplication implements AutoCloseable {

    /** Channel pairs: plain ones for the metrics, the others for {@link TestChannelObserver}. */
    static final List<String> PAIRS = List.of("orders", "oversized", "stamped", "broken", "faulty");
    /** The payload whose first delivery {@link Receiver} nacks. */
    static final String NACK_ONCE = "nack-once";

    private final NatsServerProcess server;
    private final WeldContainer container;

    private MessagingApplication(NatsServerProcess server, WeldContainer container) {
        this.server = server;
        this.container = container;
    }

    static MessagingApplication start(String name) {
        NatsServerProcess server = NatsServerProcess.start();
        String token = UUID.randomUUID().toString().substring(0, 8);
        System.setProperty("mp.messaging.connector.nats-jetstream.servers", server.url());
        System.setProperty("mp.messaging.connector.nats-jetstream.shutdown-timeout", "1s");
        for (String pair : PAIRS) {
            String subject = name + "-" + token + "." + pair;
            configure("mp.messaging.outgoing." + pair + "-out.", Map.of("subject", subject));
            configure("mp.messaging.incoming." + pair + "-in.", Map.of("subject", subject,
                    "durable", pair + "-" + token, "fetch-wait", "500ms"));
        }
        ConfigProvider.getConfig();

        WeldContainer container = new Weld(name).addBeanClasses(Sender.class, Receiver.class).initialize();
        return new MessagingApplication(server, container);
    }

    private static void configure(String prefix, Map<String, String> attributes) {
        System.setProperty(prefix + "connector", "nats-jetstream");
        attributes.forEach((key, value) -> System.setProperty(prefix + key, value));
    }

    Sender sender() {
        return container.select(Sender.class).get();
    }

    Receiver receiver() {
        return container.select(Receiver.class).get();
    }

    <T> T bean(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    @Override
    public void close() {
        try {
            container.close();
        } finally {
            server.close();
        }
    }

    /** Sends through the outgoing channels and completes each send with the message's ack or nack. */
    @ApplicationScoped
    public static class Sender {

        @Inject
        @Channel("orders-out")
        Emitter<byte[]> orders;

        @Inject
        @Channel("oversized-out")
        Emitter<byte[]> oversized;

        @Inject
        @Channel("stamped-out")
        Emitter<byte[]> stamped;

        @Inject
        @Channel("broken-out")
        Emitter<byte[]> broken;

        @Inject
        @Channel("faulty-out")
        Emitter<byte[]> faulty;

        public CompletableFuture<Void> send(String pair, byte[] payload) {
            return send(pair, Message.of(payload));
        }

        public CompletableFuture<Void> send(String pair, Message<byte[]> message) {
            CompletableFuture<Void> settled = new CompletableFuture<>();
            emitter(pair).send(message.withAck(() -> {
                settled.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(reason -> {
                settled.completeExceptionally(reason);
                return CompletableFuture.completedFuture(null);
            }));
            return settled;
        }

        private Emitter<byte[]> emitter(String pair) {
            return switch (pair) {
                case "orders" -> orders;
                case "oversized" -> oversized;
                case "stamped" -> stamped;
                case "broken" -> broken;
                case "faulty" -> faulty;
                default -> throw new IllegalArgumentException("No outgoing channel for pair '" + pair + "'");
            };
        }
    }

    /**
     * Records every delivery of every incoming channel, acks it, and nacks the first delivery of
     * {@link #NACK_ONCE}. Tests read the records through methods, because the container hands out a
     * client proxy whose fields are not the bean's.
     */
    @ApplicationScoped
    public static class Receiver {

        private final Map<String, List<JetStreamIncomingMessage<?>>> deliveries = new ConcurrentHashMap<>();
        /** The stages that acking or nacking returned, so a test can see that settling succeeded. */
        private final List<CompletionStage<Void>> settlements = new CopyOnWriteArrayList<>();

        /** Returns the deliveries of the incoming channel of a pair, in the order received. */
        public List<JetStreamIncomingMessage<?>> deliveries(String pair) {
            return deliveries.computeIfAbsent(pair, key -> new CopyOnWriteArrayList<>());
        }

        public List<CompletionStage<Void>> settlements() {
            return settlements;
        }

        @Incoming("orders-in")
        public CompletionStage<Void> orders(Message<byte[]> message) {
            return settle("orders", message);
        }

        @Incoming("oversized-in")
        public CompletionStage<Void> oversized(Message<byte[]> message) {
            return settle("oversized", message);
        }

        @Incoming("stamped-in")
        public CompletionStage<Void> stamped(Message<byte[]> message) {
            return settle("stamped", message);
        }

        @Incoming("broken-in")
        public CompletionStage<Void> broken(Message<byte[]> message) {
            return settle("broken", message);
        }

        @Incoming("faulty-in")
        public CompletionStage<Void> faulty(Message<byte[]> message) {
            return settle("faulty", message);
        }

        private CompletionStage<Void> settle(String pair, Message<byte[]> message) {
            JetStreamIncomingMessage<?> incoming = message.unwrap(JetStreamIncomingMessage.class);
            deliveries(pair).add(incoming);
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            boolean failFirstDelivery = NACK_ONCE.equals(payload) && incoming.getDeliveredCount() == 1;
            CompletionStage<Void> settlement = failFirstDelivery
                    ? message.nack(new IllegalStateException("the first delivery of " + NACK_ONCE + " fails"))
                    : message.ack();
            settlements.add(settlement);
            return settlement;
        }
    }
}
