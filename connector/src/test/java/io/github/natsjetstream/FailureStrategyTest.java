package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.github.natsjetstream.incoming.RedeliverLaterException;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;

/**
 * Failure strategies and in-progress acks against a real nats-server.
 */
class FailureStrategyTest extends ConnectorTestBase {

    private RecordingSubscriber consumeOne(String subject, String... extra) throws Exception {
        publishAndWait(subject, 1);
        Map<String, String> attributes = attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms");
        for (int i = 0; i < extra.length; i += 2) {
            attributes.put(extra[i], extra[i + 1]);
        }
        RecordingSubscriber subscriber = consume("in", attributes, Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 1);
        return subscriber;
    }

    private static JetStreamIncomingMessage<?> incoming(RecordingSubscriber subscriber, int index) {
        return subscriber.received.get(index).unwrap(JetStreamIncomingMessage.class);
    }

    @Test
    void applicationDelayPostponesRedelivery() throws Exception {
        RecordingSubscriber subscriber = consumeOne("later-" + token + ".x");

        long nackedAt = System.nanoTime();
        subscriber.received.get(0).nack(new RedeliverLaterException(Duration.ofMillis(1500)));

        await().atMost(Duration.ofSeconds(6)).until(() -> subscriber.received.size() == 2);
        long redeliveredAfterMillis = (System.nanoTime() - nackedAt) / 1_000_000;
        assertThat(redeliveredAfterMillis).isGreaterThanOrEqualTo(1400);
        assertThat(incoming(subscriber, 1).getDeliveredCount()).isEqualTo(2);
    }

    @Test
    void backoffListSetsDelayPerDelivery() throws Exception {
        RecordingSubscriber subscriber = consumeOne("backoff-" + token + ".x", "nak-backoff", "100ms, 1500ms");

        long firstNack = System.nanoTime();
        subscriber.received.get(0).nack(new IllegalStateException("first failure"));
        await().atMost(Duration.ofSeconds(3)).until(() -> subscriber.received.size() == 2);
        long firstDelayMillis = (System.nanoTime() - firstNack) / 1_000_000;

        long secondNack = System.nanoTime();
        subscriber.received.get(1).nack(new IllegalStateException("second failure"));
        await().atMost(Duration.ofSeconds(6)).until(() -> subscriber.received.size() == 3);
        long secondDelayMillis = (System.nanoTime() - secondNack) / 1_000_000;

        assertThat(firstDelayMillis).isLessThan(1400);
        assertThat(secondDelayMillis).isGreaterThanOrEqualTo(1400);
    }

    @Test
    void termStopsRedelivery() throws Exception {
        RecordingSubscriber subscriber = consumeOne("term-" + token + ".x", "failure-strategy", "term");

        subscriber.received.get(0).nack(new IllegalStateException("poison")).toCompletableFuture().get();

        Thread.sleep(1500);
        assertThat(subscriber.received).hasSize(1);
        ConsumerInfo info = management.getConsumerInfo("TERM_" + token.toUpperCase(), "d" + token);
        assertThat(info.getNumAckPending()).isZero();
        assertThat(info.getNumPending()).isZero();
    }

    @Test
    void ignoreAcksFailedMessage() throws Exception {
        RecordingSubscriber subscriber = consumeOne("ignore-" + token + ".x", "failure-strategy", "ignore");

        subscriber.received.get(0).nack(new IllegalStateException("ignored")).toCompletableFuture().get();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            ConsumerInfo info = management.getConsumerInfo("IGNORE_" + token.toUpperCase(), "d" + token);
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(1);
        });
        assertThat(subscriber.received).hasSize(1);
    }

    @Test
    void failStrategyEndsStreamWithError() throws Exception {
        RecordingSubscriber subscriber = consumeOne("fail-" + token + ".x", "failure-strategy", "fail");

        subscriber.received.get(0).nack(new IllegalStateException("fatal"));

        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.error != null);
        assertThat(subscriber.error).hasMessageContaining("'in'").hasMessageContaining("fatal");
        ConsumerInfo info = management.getConsumerInfo("FAIL_" + token.toUpperCase(), "d" + token);
        assertThat(info.getAckFloor().getStreamSequence()).isZero();
    }

    @Test
    void deadLetterCopiesThenTerminates() throws Exception {
        String deadLetterSubject = "dlq-" + token + ".orders";
        RecordingSubscriber subscriber = consumeOne("dead-" + token + ".x", "failure-strategy", "dead-letter",
                "dead-letter-subject", deadLetterSubject);

        subscriber.received.get(0).nack(new IllegalArgumentException("bad order\nline two"))
                .toCompletableFuture().get();
        subscriber.received.get(0).nack(new IllegalArgumentException("second nack is ignored"));

        String deadLetterStream = "DLQ_" + token.toUpperCase();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(management.getStreamInfo(deadLetterStream).getStreamState().getMsgCount()).isEqualTo(1));
        MessageInfo copy = management.getMessage(deadLetterStream, 1);
        assertThat(new String(copy.getData())).isEqualTo("m0");
        assertThat(copy.getHeaders().getFirst("DeadLetter-Original-Subject")).isEqualTo("dead-" + token + ".x");
        assertThat(copy.getHeaders().getFirst("DeadLetter-Original-Stream")).isEqualTo("DEAD_" + token.toUpperCase());
        assertThat(copy.getHeaders().getFirst("DeadLetter-Original-Sequence")).isEqualTo("1");
        assertThat(copy.getHeaders().getFirst("DeadLetter-Original-Consumer")).isEqualTo("d" + token);
        assertThat(copy.getHeaders().getFirst("DeadLetter-Delivered-Count")).isEqualTo("1");
        assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Class"))
                .isEqualTo(IllegalArgumentException.class.getName());
        assertThat(copy.getHeaders().getFirst("DeadLetter-Exception-Message")).isEqualTo("bad order line two");
        assertThat(copy.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("dead-letter-DEAD_" + token.toUpperCase() + "-1");

        Thread.sleep(1000);
        assertThat(subscriber.received).hasSize(1);
    }

    @Test
    void lastDeliveryGoesToDeadLetter() throws Exception {
        String deadLetterSubject = "dlq2-" + token + ".orders";
        RecordingSubscriber subscriber = consumeOne("lastdel-" + token + ".x", "max-deliver", "2",
                "dead-letter-subject", deadLetterSubject);

        subscriber.received.get(0).nack(new IllegalStateException("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() == 2);
        subscriber.received.get(1).nack(new IllegalStateException("last")).toCompletableFuture().get();

        String deadLetterStream = "DLQ2_" + token.toUpperCase();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(management.getStreamInfo(deadLetterStream).getStreamState().getMsgCount()).isEqualTo(1));
        assertThat(management.getMessage(deadLetterStream, 1).getHeaders().getFirst("DeadLetter-Delivered-Count"))
                .isEqualTo("2");
    }

    @Test
    void inProgressAcksPreventRedelivery() throws Exception {
        assertThat(redeliveriesWhileHolding(true)).isZero();
    }

    @Test
    void withoutInProgressAcksSlowMessageIsRedelivered() throws Exception {
        assertThat(redeliveriesWhileHolding(false)).isPositive();
    }

    /** Holds one message for three times ack-wait and returns how often the server redelivered it. */
    private int redeliveriesWhileHolding(boolean inProgressAcks) throws Exception {
        String subject = "slow-" + token + ".x";
        publishAndWait(subject, 1);
        RecordingSubscriber subscriber = consume("in", attributes("subject", subject, "durable", "d" + token,
                "fetch-wait", "300ms", "ack-wait", "1s", "batch-size", "5",
                "in-progress-acks", Boolean.toString(inProgressAcks)), Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.received.size() >= 1);

        Thread.sleep(3000);
        subscriber.received.get(0).ack().toCompletableFuture().get();
        return subscriber.received.size() - 1;
    }

    @Test
    void deadLetterStrategyRequiresSubject() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel(
                "in", attributes("subject", "x", "durable", "d", "failure-strategy", "dead-letter"))))
                .hasMessageContaining("'in'")
                .hasMessageContaining("dead-letter-subject");
    }

    @Test
    void unknownStrategyListsChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.getPublisherBuilder(TestConfigs.channel(
                "in", attributes("subject", "x", "durable", "d", "failure-strategy", "retry"))))
                .hasMessageContaining("'retry'")
                .hasMessageContaining("nak, term, dead-letter, fail, ignore");
    }
}
