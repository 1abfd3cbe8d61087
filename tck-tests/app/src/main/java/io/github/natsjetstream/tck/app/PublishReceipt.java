package io.github.natsjetstream.tck.app;

/**
 * The PubAck fields that the application read from {@code JetStreamOutgoingMessage.getPublishAck()}
 * after the connector acked a message. {@link #toLine()} and {@link #fromLine(String)} convert it to one line
 * of text and back for the REST resource.
 *
 * @param stream the stream that stored the message
 * @param sequence the stream sequence of the message, or of the earlier one it duplicates
 * @param duplicate whether the stream had already stored a message with the same {@code Nats-Msg-Id}
 */
public record PublishReceipt(String stream, long sequence, boolean duplicate) {

    public String toLine() {
        return stream + " " + sequence + " " + duplicate;
    }

    /**
     * @throws IllegalArgumentException if the line is not {@code <stream> <sequence> <duplicate>}
     */
    public static PublishReceipt fromLine(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Invalid publish receipt '" + line
                    + "', expected '<stream> <sequence> <duplicate>'");
        }
        return new PublishReceipt(parts[0], Long.parseLong(parts[1]), Boolean.parseBoolean(parts[2]));
    }
}
