package io.github.natsjetstream.tck.runtime;

/**
 * An application started by a {@link MessagingRuntime}. Closing it stops the application and
 * its connector channels.
 */
public interface RunningApplication extends AutoCloseable {

    /**
     * Returns the application's bean of the given type, for example to call a method that sends
     * through an {@code Emitter} or to read what an {@code @Incoming} method received.
     */
    <T> T bean(Class<T> type);

    /**
     * Stops the application. Calling it again has no effect.
     */
    @Override
    void close();
}
