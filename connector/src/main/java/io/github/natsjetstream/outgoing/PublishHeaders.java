package io.github.natsjetstream.outgoing;

import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;

/**
 * Checks of the JetStream headers that a message sets for its publish: message id and
 * expectations ({@code Nats-Expected-*}).
 */
final class PublishHeaders {

    private PublishHeaders() {
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank, but was '" + value + "'");
        }
        return value;
    }

    static String sequenceText(long sequence, String name) {
        if (sequence < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, but was " + sequence);
        }
        return String.valueOf(sequence);
    }

    /**
     * Checks the headers of one message before it is sent.
     *
     * @throws IllegalArgumentException naming the channel, the header and the fix, when a sequence
     *     header is not a number of 0 or more or {@code Nats-Expected-Stream} names another stream
     *     than the channel's, an expectation that could never hold
     */
    static void check(Headers headers, String channel, String stream) {
        if (headers == null) {
            return;
        }
        checkSequence(headers, NatsJetStreamConstants.EXPECTED_LAST_SEQ_HDR, channel);
        checkSequence(headers, NatsJetStreamConstants.EXPECTED_LAST_SUB_SEQ_HDR, channel);

        String expectedStream = headers.getFirst(NatsJetStreamConstants.EXPECTED_STREAM_HDR);
        if (expectedStream != null && !expectedStream.equals(stream)) {
            throw new IllegalArgumentException("Channel '" + channel + "' cannot publish a message with "
                    + NatsJetStreamConstants.EXPECTED_STREAM_HDR + " '" + expectedStream + "': the channel publishes "
                    + "to stream '" + stream + "'. Remove the header, or send the message through a channel of "
                    + "stream '" + expectedStream + "'.");
        }
    }

    private static void checkSequence(Headers headers, String name, String channel) {
        String value = headers.getFirst(name);
        if (value == null) {
            return;
        }
        boolean valid;
        try {
            valid = Long.parseLong(value) >= 0;
        } catch (NumberFormatException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("Channel '" + channel + "' cannot publish a message with header "
                    + name + " '" + value + "': the value must be a stream sequence, a number of 0 or more.");
        }
    }
}
