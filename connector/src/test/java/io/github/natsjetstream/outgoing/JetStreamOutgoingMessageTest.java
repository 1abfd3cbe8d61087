package io.github.natsjetstream.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;

class JetStreamOutgoingMessageTest {

    private static PublishAck publishAck(String stream, long sequence) throws Exception {
        String json = "{\"stream\":\"" + stream + "\",\"seq\":" + sequence + "}";
        return new PublishAck(NatsMessage.builder().subject("reply").data(json.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    @Test
    void everyCopySharesPublishAck() throws Exception {
        JetStreamOutgoingMessage<String> kept = JetStreamOutgoingMessage.of("body").withSubject("orders.eu");
        List<JetStreamOutgoingMessage<?>> copies = List.of(
                kept.withAck(() -> CompletableFuture.completedFuture(null)),
                kept.withNack(reason -> CompletableFuture.completedFuture(null)),
                kept.withHeader("A", "1"),
                kept.withMessageId("id-1"),
                kept.withSubject("orders.us"),
                kept.withPayload(new byte[0]));

        copies.get(0).recordPublishAck(publishAck("ORDERS", 7));

        assertThat(kept.getPublishAck()).map(PublishAck::getSeqno).contains(7L);
        for (JetStreamOutgoingMessage<?> copy : copies) {
            assertThat(copy.getPublishAck()).as("PubAck of copy %s", copy.getHeaders()).map(PublishAck::getSeqno)
                    .contains(7L);
        }
    }

    @Test
    void newMessageHasOwnPublishAck() throws Exception {
        JetStreamOutgoingMessage<String> first = JetStreamOutgoingMessage.of("one");
        JetStreamOutgoingMessage<String> second = JetStreamOutgoingMessage.of("two");

        first.recordPublishAck(publishAck("ORDERS", 1));

        assertThat(second.getPublishAck()).isEmpty();
    }

    @Test
    void withMethodsSetJetStreamHeaders() {
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of("body")
                .withMessageId("id-1")
                .withExpectedLastSequence(0)
                .withExpectedLastSubjectSequence(12)
                .withExpectedLastMessageId("id-0")
                .withExpectedStream("ORDERS");

        assertThat(message.getHeaders())
                .containsEntry("Nats-Msg-Id", List.of("id-1"))
                .containsEntry("Nats-Expected-Last-Sequence", List.of("0"))
                .containsEntry("Nats-Expected-Last-Subject-Sequence", List.of("12"))
                .containsEntry("Nats-Expected-Last-Msg-Id", List.of("id-0"))
                .containsEntry("Nats-Expected-Stream", List.of("ORDERS"));
        assertThat(message.getSubject()).isEmpty();
        assertThat(message.withSubject("orders.eu").getSubject()).contains("orders.eu");
    }

    @Test
    void invalidArgumentsAreRejected() {
        JetStreamOutgoingMessage<String> message = JetStreamOutgoingMessage.of("body");

        assertThatThrownBy(() -> message.withSubject(" ")).hasMessageContaining("subject");
        assertThatThrownBy(() -> message.withSubject(null)).hasMessageContaining("subject");
        assertThatThrownBy(() -> message.withMessageId("")).hasMessageContaining("messageId");
        assertThatThrownBy(() -> message.withExpectedLastSequence(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> message.withExpectedLastSubjectSequence(-2)).hasMessageContaining("-2");
        assertThatThrownBy(() -> message.withExpectedStream(null)).hasMessageContaining("stream");
    }

    @Test
    void subjectSyntaxProblems() {
        assertThat(StreamSubjects.syntaxProblem("orders.eu.created")).isNull();
        assertThat(StreamSubjects.syntaxProblem("orders.a*b")).as("'*' inside a token is literal").isNull();
        assertThat(StreamSubjects.syntaxProblem("orders.*")).contains("wildcard '*'");
        assertThat(StreamSubjects.syntaxProblem("orders.>")).contains("wildcard '>'");
        assertThat(StreamSubjects.syntaxProblem("orders..eu")).contains("two dots");
        assertThat(StreamSubjects.syntaxProblem("orders.")).contains("end with a dot");
        assertThat(StreamSubjects.syntaxProblem("orders eu")).contains("whitespace");
        assertThat(StreamSubjects.syntaxProblem("")).contains("empty");
    }
}
