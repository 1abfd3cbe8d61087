package io.github.natsjetstream.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes that this module writes. The {@code messaging.*} and {@code error.type} names
 * and values are those of the OpenTelemetry semantic conventions 1.40.0 for messaging spans. The
 * conventions define no NATS attributes yet, so the JetStream ones use the {@code messaging.nats}
 * namespace that they reserve for the system.
 */
final class MessagingAttributes {

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> CONSUMER_GROUP_NAME = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> MESSAGE_BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** The stream that stored the message: from the PubAck when publishing, from the delivery when consuming. */
    static final AttributeKey<String> STREAM_NAME = AttributeKey.stringKey("messaging.nats.stream.name");
    /** The message's sequence number in that stream. */
    static final AttributeKey<Long> STREAM_SEQUENCE = AttributeKey.longKey("messaging.nats.stream.sequence");
    /** JetStream's delivery count of a consumed message, 1 for the first delivery. */
    static final AttributeKey<Long> DELIVERED_COUNT = AttributeKey.longKey("messaging.nats.message.delivered_count");
    /** Set to true when the PubAck reported the message as a duplicate within the stream's duplicate window. */
    static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("messaging.nats.message.duplicate");

    static final String SYSTEM_NATS = "nats";
    /** The operation type of a publish, which earlier versions of the conventions called {@code publish}. */
    static final String TYPE_SEND = "send";
    static final String TYPE_PROCESS = "process";
    static final String NAME_PUBLISH = "publish";
    static final String NAME_PROCESS = "process";
    /** The {@code error.type} of a failure without an exception. */
    static final String OTHER_ERROR = "_OTHER";

    /** The JetStream header that names a message for the stream's duplicate detection. */
    static final String MSG_ID_HEADER = "Nats-Msg-Id";

    private MessagingAttributes() {
    }
}
