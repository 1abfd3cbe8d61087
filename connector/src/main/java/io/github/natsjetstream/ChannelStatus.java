package io.github.natsjetstream;

import java.util.Optional;

/**
 * The state of one channel, for health checks.
 *
 * @param incoming whether this is an incoming channel
 * @param connected whether its NATS connection is connected now
 * @param consumerBound for an incoming channel, whether its pull subscription is active; true for outgoing
 * @param stalled for an incoming channel, whether pulling has made no progress for longer than three
 *        fetch waits plus five seconds while no message was in flight; always false for outgoing
 * @param failure the error that ended the channel, if it failed
 */
public record ChannelStatus(String channel, boolean incoming, boolean connected, boolean consumerBound,
                            boolean stalled, Optional<String> failure) {

    /** Returns whether the channel can do its work now: connected, bound, not stalled, not failed. */
    public boolean ready() {
        return connected && consumerBound && !stalled && failure.isEmpty();
    }

    /** Returns whether the channel has not failed. A disconnected channel is still alive. */
    public boolean alive() {
        return failure.isEmpty();
    }
}
