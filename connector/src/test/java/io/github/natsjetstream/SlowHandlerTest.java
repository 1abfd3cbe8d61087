package io.github.natsjetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;

/**
 * A subscriber that runs the application's method inside {@code onNext}, as SmallRye does for a
 * non-blocking method, and blocks there for three times ack-wait on one message.
 */
class SlowHandlerTest extends ConnectorTestBase {

    private static final int MESSAGES = 40;
    private static final Duration ACK_WAIT = Duration.ofSeconds(1);

    @Test
    void blockingOnNextCausesNoRedelivery() throws Exception {
        String subject = "blocking-" + token + ".x";
        publishAndWait(subject, MESSAGES);

        BlockingSubscriber subscriber = new BlockingSubscriber(2, ACK_WAIT.multipliedBy(3));
        connector.getPublisherBuilder(TestConfigs.channel("in", attributes("subject", subject,
                "durable", "d" + token, "fetch-wait", "300ms", "ack-wait", ACK_WAIT.toMillis() + "ms",
                "batch-size", "10"))).buildRs().subscribe(subscriber);

        await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() >= MESSAGES);
        Thread.sleep(ACK_WAIT.multipliedBy(2).toMillis());

        assertThat(subscriber.error).isNull();
        assertThat(subscriber.received).hasSize(MESSAGES);
        assertThat(subscriber.received.stream().filter(message -> message.getDeliveredCount() > 1))
                .as("redelivered messages")
                .isEmpty();
        Set<Long> sequences = subscriber.received.stream()
                .map(JetStreamIncomingMessage::getStreamSequence)
                .collect(Collectors.toSet());
        assertThat(sequences).hasSize(MESSAGES);
    }

    /** Requests one message at a time, acks each, and blocks in {@code onNext} on the n-th message. */
    private static final class BlockingSubscriber implements Subscriber<Message<?>> {

        final List<JetStreamIncomingMessage<?>> received = new CopyOnWriteArrayList<>();
        volatile Throwable error;
        private final int slowIndex;
        private final Duration slowFor;
        private Subscription subscription;

        BlockingSubscriber(int slowIndex, Duration slowFor) {
            this.slowIndex = slowIndex;
            this.slowFor = slowFor;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(Message<?> message) {
            received.add(message.unwrap(JetStreamIncomingMessage.class));
            if (received.size() == slowIndex) {
                sleep(slowFor);
            }
            message.ack();
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
