package io.github.natsjetstream.spi;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.natsjetstream.incoming.JetStreamIncomingMessage;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

/**
 * The {@link ChannelObserver}s on the class path, and the connector's only way to call them. Every
 * call catches what the observer throws and logs it with {@link ObserverFailures}, so an observer
 * never breaks a channel. Only the connector uses this class, and observers do not need it.
 */
public final class ChannelObservers {

    private static final ChannelObservers LOADED = new ChannelObservers(Extensions.load(ChannelObserver.class));
    private static final ObserverFailures FAILURES = new ObserverFailures();

    private final List<ChannelObserver> observers;

    private ChannelObservers(List<ChannelObserver> observers) {
        this.observers = observers;
    }

    /** Returns the observers that the connector's class loader finds, loaded once per class loader. */
    public static ChannelObservers loaded() {
        return LOADED;
    }

    /** Returns whether no observer is loaded, in which case callers skip all observation work. */
    public boolean isEmpty() {
        return observers.isEmpty();
    }

    /** Reports a message handed to the application and returns what follows its settlement. */
    public IncomingObservation received(String channel, JetStreamIncomingMessage<?> message) {
        if (observers.isEmpty()) {
            return IncomingObservation.NONE;
        }
        if (observers.size() == 1) {
            return receivedBy(observers.get(0), channel, message);
        }
        List<IncomingObservation> followed = new ArrayList<>(observers.size());
        for (ChannelObserver observer : observers) {
            IncomingObservation observation = receivedBy(observer, channel, message);
            if (observation != IncomingObservation.NONE) {
                followed.add(observation);
            }
        }
        return followed.isEmpty() ? IncomingObservation.NONE : new IncomingObservations(channel, followed);
    }

    /** Reports a publish that is about to start and returns what follows its completion. */
    public OutgoingObservation publishing(String channel, String subject, Headers headers, Message<?> message) {
        if (observers.isEmpty()) {
            return OutgoingObservation.NONE;
        }
        if (observers.size() == 1) {
            return publishingBy(observers.get(0), channel, subject, headers, message);
        }
        List<OutgoingObservation> followed = new ArrayList<>(observers.size());
        for (ChannelObserver observer : observers) {
            OutgoingObservation observation = publishingBy(observer, channel, subject, headers, message);
            if (observation != OutgoingObservation.NONE) {
                followed.add(observation);
            }
        }
        return followed.isEmpty() ? OutgoingObservation.NONE : new OutgoingObservations(channel, followed);
    }

    public static void acked(String channel, IncomingObservation observation) {
        try {
            observation.acked();
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "acked", e);
        }
    }

    public static void nacked(String channel, IncomingObservation observation, Throwable reason) {
        try {
            observation.nacked(reason);
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "nacked", e);
        }
    }

    public static void published(String channel, OutgoingObservation observation, PublishAck ack) {
        try {
            observation.published(ack);
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "published", e);
        }
    }

    public static void failed(String channel, OutgoingObservation observation, Throwable failure) {
        try {
            observation.failed(failure);
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "failed", e);
        }
    }

    private static IncomingObservation receivedBy(ChannelObserver observer, String channel,
                                                  JetStreamIncomingMessage<?> message) {
        try {
            IncomingObservation observation = observer.received(channel, message);
            return observation == null ? IncomingObservation.NONE : observation;
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "received", e);
            return IncomingObservation.NONE;
        }
    }

    private static OutgoingObservation publishingBy(ChannelObserver observer, String channel, String subject,
                                                    Headers headers, Message<?> message) {
        try {
            OutgoingObservation observation = observer.publishing(channel, subject, headers, message);
            return observation == null ? OutgoingObservation.NONE : observation;
        } catch (RuntimeException | LinkageError e) {
            FAILURES.log(channel, "publishing", e);
            return OutgoingObservation.NONE;
        }
    }

    /** The observations of several observers for one delivery, each called even if another throws. */
    private record IncomingObservations(String channel, List<IncomingObservation> all) implements IncomingObservation {

        @Override
        public void acked() {
            all.forEach(observation -> ChannelObservers.acked(channel, observation));
        }

        @Override
        public void nacked(Throwable reason) {
            all.forEach(observation -> ChannelObservers.nacked(channel, observation, reason));
        }
    }

    /** The observations of several observers for one publish, each called even if another throws. */
    private record OutgoingObservations(String channel, List<OutgoingObservation> all) implements OutgoingObservation {

        @Override
        public void published(PublishAck ack) {
            all.forEach(observation -> ChannelObservers.published(channel, observation, ack));
        }

        @Override
        public void failed(Throwable failure) {
            all.forEach(observation -> ChannelObservers.failed(channel, observation, failure));
        }
    }
}
