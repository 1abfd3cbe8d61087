package io.github.natsjetstream.incoming;

import io.github.natsjetstream.payload.PayloadDecodingException;

/**
 * Settles a pulled message whose body the channel cannot decode, without handing it to the
 * application: the message is nacked with the decoding error, so the channel's failure strategy
 * applies as to any nack and logs the channel, stream, sequence and error.
 */
final class UndecodableMessages {

    private UndecodableMessages() {
    }

    /**
     * Nacks the message. It was never in flight, so settling it releases nothing. The message keeps
     * its raw body as payload for strategies that copy it, such as {@code dead-letter}.
     */
    static void reject(io.nats.client.Message raw, String channel, FailureStrategy failureStrategy,
                       PayloadDecodingException error) {
        byte[] body = raw.getData() == null ? new byte[0] : raw.getData();
        JetStreamIncomingMessage<byte[]> message = new JetStreamIncomingMessage<>(raw, body, channel, failureStrategy,
                () -> { });
        PayloadDecodingException reason = new PayloadDecodingException("Channel '" + channel + "' cannot decode "
                + "stream " + message.getStream() + " sequence " + message.getStreamSequence() + ": "
                + error.getMessage(), error.getCause());
        message.nack(reason);
    }
}
