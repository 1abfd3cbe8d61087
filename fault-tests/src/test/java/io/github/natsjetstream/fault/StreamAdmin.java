package io.github.natsjetstream.fault;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JetStream administration with jnats, independent of the connector: creates streams and reads
 * back what they store. Each call opens its own connection and retries for up to
 * {@link #RETRY_LIMIT}, because a call may run while a cluster elects a new leader.
 */
final class StreamAdmin {

    static final Duration RETRY_LIMIT = Duration.ofSeconds(30);

    private final String urls;

    StreamAdmin(String urls) {
        this.urls = urls;
    }

    /** Creates a file stream with the subjects and replica count. */
    void createStream(String name, String subjects, int replicas) {
        call("create stream " + name, connection -> connection.jetStreamManagement().addStream(
                StreamConfiguration.builder()
                        .name(name)
                        .subjects(subjects)
                        .storageType(StorageType.File)
                        .replicas(replicas)
                        .build()));
    }

    /** Returns the server name of the stream's leader. */
    String leader(String stream) {
        return call("find the leader of stream " + stream, connection -> {
            String leader = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
            if (leader == null || leader.isEmpty()) {
                throw new IllegalStateException("Stream " + stream + " has no leader yet");
            }
            return leader;
        });
    }

    ConsumerInfo consumerInfo(String stream, String durable) {
        return call("read consumer " + durable, connection -> connection.jetStreamManagement()
                .getConsumerInfo(stream, durable));
    }

    StreamInfo streamInfo(String stream) {
        return call("read stream " + stream, connection -> connection.jetStreamManagement().getStreamInfo(stream));
    }

    /**
     * Returns the id of every message in the stream, in stream order, read with an ordered push
     * consumer. Duplicates in the stream appear more than once.
     */
    List<String> readIds(String stream) {
        return call("read the messages of stream " + stream, connection -> {
            JetStreamManagement management = connection.jetStreamManagement();
            long expected = management.getStreamInfo(stream).getStreamState().getMsgCount();
            JetStream jetStream = connection.jetStream();
            JetStreamSubscription subscription = jetStream.subscribe(null,
                    PushSubscribeOptions.builder().stream(stream).ordered(true).build());
            List<String> ids = new ArrayList<>();
            long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                Message message = subscription.nextMessage(Duration.ofSeconds(1));
                if (message != null) {
                    ids.add(Payloads.idOf(new String(message.getData(), StandardCharsets.UTF_8)));
                }
            }
            subscription.unsubscribe();
            if (ids.size() < expected) {
                throw new IllegalStateException("Read " + ids.size() + " of " + expected + " messages of stream "
                        + stream);
            }
            return ids;
        });
    }

    private <T> T call(String action, JetStreamCall<T> call) {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            Options options = Options.builder()
                    .servers(urls.split(","))
                    .connectionTimeout(Duration.ofSeconds(2))
                    .noReconnect()
                    .errorListener(new io.nats.client.ErrorListener() {
                    })
                    .build();
            try (Connection connection = Nats.connect(options)) {
                return call.apply(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while trying to " + action, e);
            } catch (Exception e) {
                last = e;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Failed to " + action + " on " + urls + " within "
                + RETRY_LIMIT.toSeconds() + " s", last);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @FunctionalInterface
    private interface JetStreamCall<T> {
        T apply(Connection connection) throws Exception;
    }
}
