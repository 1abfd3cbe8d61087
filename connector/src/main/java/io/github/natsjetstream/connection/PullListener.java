package io.github.natsjetstream.connection;

/**
 * Receives the connection events that concern one pull subscription. Methods run on a jnats
 * thread and must return quickly.
 */
public interface PullListener {

    /** The server ended a pull request early or replied to it with a status, such as 408 or 503. */
    void pullEnded(int statusCode, String statusMessage);

    /**
     * Handles a heartbeat alarm of jnats, and returns whether a pull request was open. jnats 2.26
     * also raises the alarm after a pull has ended, while messages it delivered wait unread.
     */
    boolean heartbeatMissed();

    /** The connection was re-established, so open pull requests are lost. */
    void reconnected();
}
