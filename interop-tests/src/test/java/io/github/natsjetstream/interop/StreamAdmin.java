package io.github.natsjetstream.interop;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A jnats connection that the tests use to create streams, publish test data and read consumer
 * state, independently of the connector and of the Node.js clients.
 */
final class StreamAdmin implements AutoCloseable {

    private static final int CONSUMER_NOT_FOUND = 10014;

    private final Connection connection;
    private final JetStreamManagement management;

    private StreamAdmin(Connection connection) throws IOException {
        this.connection = connection;
        this.management = connection.jetStreamManagement();
    }

    static StreamAdmin connect(String serverUrl) {
        Options options = new Options.Builder()
                .server(serverUrl)
                .connectionName("interop-admin")
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return new StreamAdmin(Nats.connect(options));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to connect the admin client to " + serverUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to " + serverUrl, e);
        }
    }

    /** Creates a memory stream that captures {@code <prefix>.>}. */
    void createStream(String name, String subjectPrefix) {
        StreamConfiguration configuration = StreamConfiguration.builder()
                .name(name)
                .subjects(subjectPrefix + ".>")
                .storageType(StorageType.Memory)
                .build();
        call(() -> management.addStream(configuration), "create stream " + name);
    }

    /** Publishes the text as UTF-8 and returns the PubAck. */
    PublishAck publish(String subject, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return call(() -> connection.jetStream().publish(subject, body), "publish to " + subject);
    }

    /** Returns the number of messages in the stream. */
    long storedMessages(String stream) {
        return call(() -> management.getStreamInfo(stream), "read stream " + stream).getStreamState().getMsgCount();
    }

    /** Returns the consumer's info, or empty when the stream has no consumer of that name. */
    Optional<ConsumerInfo> findConsumer(String stream, String durable) {
        try {
            return Optional.of(management.getConsumerInfo(stream, durable));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return Optional.empty();
            }
            throw new IllegalStateException("Failed to read consumer " + durable + " of stream " + stream + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read consumer " + durable + " of stream " + stream, e);
        }
    }

    ConsumerInfo consumerInfo(String stream, String durable) {
        return findConsumer(stream, durable).orElseThrow(() -> new IllegalStateException(
                "Consumer " + durable + " of stream " + stream + " was not found"));
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }

    private interface JetStreamCall<T> {
        T call() throws IOException, JetStreamApiException;
    }

    private static <T> T call(JetStreamCall<T> action, String description) {
        try {
            return action.call();
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("Failed to " + description + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to " + description, e);
        }
    }
}
