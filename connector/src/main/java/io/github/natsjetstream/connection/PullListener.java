package io.github.natsjetstream.connection;

/**
 * Receives the connection events that concern one pull subscription. Methods run on a jnats
 * thread and must return quickly.
 */
public interface PullListener {

    /** The server ended a pull request early or replied to it with a status, such as 408 or 503. */
    void pullEnded(int statusCode, String statusMessage);

    /** The idle heartbeats of an open pull request stopped arriving. */
    void heartbeatMissed();

    /** The connection was re-established, so open pull requests are lost. */
    void reconnected();
}
