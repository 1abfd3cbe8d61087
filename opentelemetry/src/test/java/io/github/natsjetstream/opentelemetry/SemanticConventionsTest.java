package io.github.natsjetstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.SchemaUrls;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues;

/** The attribute names and values of {@link MessagingAttributes}, checked against OpenTelemetry's semantic conventions artifacts. */
class SemanticConventionsTest {

    @Test
    void attributeNamesMatchConventions() {
        assertThat(MessagingAttributes.MESSAGING_SYSTEM).isEqualTo(MessagingIncubatingAttributes.MESSAGING_SYSTEM);
        assertThat(MessagingAttributes.OPERATION_TYPE).isEqualTo(MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE);
        assertThat(MessagingAttributes.OPERATION_NAME).isEqualTo(MessagingIncubatingAttributes.MESSAGING_OPERATION_NAME);
        assertThat(MessagingAttributes.DESTINATION_NAME)
                .isEqualTo(MessagingIncubatingAttributes.MESSAGING_DESTINATION_NAME);
        assertThat(MessagingAttributes.CONSUMER_GROUP_NAME)
                .isEqualTo(MessagingIncubatingAttributes.MESSAGING_CONSUMER_GROUP_NAME);
        assertThat(MessagingAttributes.MESSAGE_ID).isEqualTo(MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID);
        assertThat(MessagingAttributes.MESSAGE_BODY_SIZE)
                .isEqualTo(MessagingIncubatingAttributes.MESSAGING_MESSAGE_BODY_SIZE);
        assertThat(MessagingAttributes.ERROR_TYPE).isEqualTo(ErrorAttributes.ERROR_TYPE);
    }

    @Test
    void attributeValuesMatchConventions() {
        assertThat(MessagingAttributes.TYPE_SEND).isEqualTo(MessagingOperationTypeIncubatingValues.SEND);
        assertThat(MessagingAttributes.TYPE_PROCESS).isEqualTo(MessagingOperationTypeIncubatingValues.PROCESS);
        assertThat(MessagingAttributes.OTHER_ERROR).isEqualTo(ErrorAttributes.ErrorTypeValues.OTHER);
    }

    @Test
    void schemaUrlMatchesConventionsVersion() {
        assertThat(Tracing.SCHEMA_URL).isEqualTo(SchemaUrls.V1_40_0);
    }

    @Test
    void customAttributesUseNatsNamespace() {
        assertThat(MessagingAttributes.STREAM_NAME.getKey()).startsWith("messaging.nats.");
        assertThat(MessagingAttributes.STREAM_SEQUENCE.getKey()).startsWith("messaging.nats.");
        assertThat(MessagingAttributes.DELIVERED_COUNT.getKey()).startsWith("messaging.nats.");
        assertThat(MessagingAttributes.DUPLICATE.getKey()).startsWith("messaging.nats.");
    }
}
