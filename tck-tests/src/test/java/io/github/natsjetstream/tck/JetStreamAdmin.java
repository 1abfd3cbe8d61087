package io.github.natsjetstream.tck;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A jnats connection that the scenarios use to prepare streams, publish test data and inspect
 * the server, independently of the connector under test.
 */
public final class JetStreamAdmin implements AutoCloseable {

    private static final int NOT_FOUND = 404;

    private final Connection connection;
    private final JetStreamManagement management;
    private final JetStream jetStream;

    private JetStreamAdmin(Connection connection) throws IOException {
        this.connection = connection;
        this.management = connection.jetStreamManagement();
        this.jetStream = connection.jetStream();
    }

    public static JetStreamAdmin connect(String serverUrl) {
        Options options = new Options.Builder()
                .server(serverUrl)
                .connectionName("tck-admin")
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        try {
            return new JetStreamAdmin(Nats.connect(options));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to connect the admin client to " + serverUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to " + serverUrl, e);
        }
    }

    /**
     * Creates a memory stream with the given subjects, as an operator would before the
     * application starts.
     */
    public StreamInfo createStream(String name, String... subjects) {
        StreamConfiguration configuration = StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(StorageType.Memory)
                .build();
        return createStream(configuration);
    }

    public StreamInfo createStream(StreamConfiguration configuration) {
        return call(() -> management.addStream(configuration), "create stream " + configuration.getName());
    }

    public boolean deleteStream(String stream) {
        return call(() -> management.deleteStream(stream), "delete stream " + stream);
    }

    /**
     * Subscribes to the subject with core NATS, outside JetStream. The subscriber never replies,
     * so a JetStream publish that only reaches it gets no PubAck.
     */
    public Subscription subscribe(String subject) {
        Subscription subscription = connection.subscribe(subject);
        try {
            connection.flush(Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            throw new IllegalStateException("Server did not confirm the subscription to " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while subscribing to " + subject, e);
        }
        return subscription;
    }

    public PublishAck publish(String subject, byte[] data) {
        return call(() -> jetStream.publish(subject, data), "publish to " + subject);
    }

    /**
     * Publishes the text as UTF-8 bytes.
     */
    public PublishAck publish(String subject, String text) {
        return publish(subject, text.getBytes(StandardCharsets.UTF_8));
    }

    public StreamInfo streamInfo(String stream) {
        return call(() -> management.getStreamInfo(stream), "read stream " + stream);
    }

    /**
     * Returns the stream's info, or empty when the server has no stream of that name.
     */
    public Optional<StreamInfo> findStream(String stream) {
        try {
            return Optional.of(management.getStreamInfo(stream));
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new IllegalStateException("Failed to read stream " + stream + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read stream " + stream, e);
        }
    }

    public List<String> streamNames() {
        return call(management::getStreamNames, "list streams");
    }

    /**
     * Returns the names of the streams that capture the subject.
     */
    public List<String> streamNamesCapturing(String subject) {
        return call(() -> management.getStreamNames(subject), "list streams capturing " + subject);
    }

    public MessageInfo message(String stream, long sequence) {
        return call(() -> management.getMessage(stream, sequence), "read message " + sequence + " of " + stream);
    }

    public ConsumerInfo consumerInfo(String stream, String durable) {
        return call(() -> management.getConsumerInfo(stream, durable),
                "read consumer " + durable + " of stream " + stream);
    }

    /**
     * Returns the consumer's info, or empty when the stream has no consumer of that name.
     */
    public Optional<ConsumerInfo> findConsumer(String stream, String durable) {
        try {
            return Optional.of(management.getConsumerInfo(stream, durable));
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new IllegalStateException("Failed to read consumer " + durable + " of stream " + stream
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read consumer " + durable + " of stream " + stream, e);
        }
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
