package io.github.natsjetstream.payload;

/**
 * A message body that cannot be decoded to the payload type that the channel or the method expects.
 * The connector nacks such a message without handing it to the application.
 */
public class PayloadDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public PayloadDecodingException(String message) {
        super(message);
    }
}
