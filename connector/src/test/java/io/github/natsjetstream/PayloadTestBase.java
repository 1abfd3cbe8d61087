package io.github.natsjetstream;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

/**
 * Steps shared by the payload tests: raw publishes with chosen headers, and reads of what a stream
 * stored, so that the tests see the bytes on the wire rather than the connector's view of them.
 */
abstract class PayloadTestBase extends ConnectorTestBase {

    static final String ORDER_CLASS = OrderPayload.class.getName();

    /** Creates a stream for {@code <prefix>-<token>.>} and returns its name. */
    String createStream(String prefix) throws Exception {
        String stream = (prefix + "_" + token).toUpperCase();
        management.addStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(prefix + "-" + token + ".>")
                .build());
        return stream;
    }

    String subject(String prefix) {
        return prefix + "-" + token + ".orders";
    }

    /** Publishes the body as it is, with the header name and value pairs given. */
    void publishRaw(String subject, String body, String... headerPairs) throws Exception {
        Headers headers = new Headers();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        admin.jetStream().publish(NatsMessage.builder()
                .subject(subject)
                .headers(headers.isEmpty() ? null : headers)
                .data(body.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    /** Waits until the stream stored the message at that sequence and returns it. */
    MessageInfo stored(String stream, long sequence) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(JetStreamApiException.class)
                .until(() -> management.getMessage(stream, sequence), info -> info != null);
    }

    /** Publishes through an outgoing channel and returns, per message, null for an ack or else the nack reason. */
    List<Throwable> publishThroughConnector(String subject, List<Message<?>> messages) throws InterruptedException {
        List<CompletableFuture<Void>> acks = publish("out", attributes("subject", subject), messages);
        List<Throwable> outcomes = new ArrayList<>();
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(10, TimeUnit.SECONDS);
                outcomes.add(null);
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            } catch (TimeoutException e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    Map<String, String> jsonAttributes(String subject, String... extra) {
        Map<String, String> attributes = attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms", "payload-type", "json", "payload-class", ORDER_CLASS);
        for (int i = 0; i < extra.length; i += 2) {
            attributes.put(extra[i], extra[i + 1]);
        }
        return attributes;
    }

    static String text(MessageInfo info) {
        return info.getData() == null ? "" : new String(info.getData(), StandardCharsets.UTF_8);
    }
}
