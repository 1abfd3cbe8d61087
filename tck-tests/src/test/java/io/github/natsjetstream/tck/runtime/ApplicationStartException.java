package io.github.natsjetstream.tck.runtime;

/**
 * Thrown by {@link MessagingRuntime#start} when the runtime fails to deploy the application.
 * The cause is the runtime's own exception, whose chain contains the connector's error.
 */
public class ApplicationStartException extends RuntimeException {

    public ApplicationStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
