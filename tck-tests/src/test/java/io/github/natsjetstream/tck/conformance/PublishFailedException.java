package io.github.natsjetstream.tck.conformance;

/** Thrown by {@link ConformanceApplication#publish} when the message was not stored. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
