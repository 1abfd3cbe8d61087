package io.github.natsjetstream.provisioning;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import io.github.natsjetstream.config.ConsumerSettings;
import io.github.natsjetstream.config.IncomingConfig;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;

/**
 * Creates the durable pull consumer of an incoming channel, or checks that the existing one can
 * serve the channel. A durable is never deleted or modified here.
 */
public final class ConsumerProvisioner {

    private static final System.Logger LOG = System.getLogger(ConsumerProvisioner.class.getName());

    private static final int CONSUMER_NOT_FOUND = 10014;

    private final JetStreamManagement management;

    public ConsumerProvisioner(JetStreamManagement management) {
        this.management = management;
    }

    /**
     * Throws when the durable does not exist, naming the channel and the {@code consumer-recreate}
     * attribute that would have re-created it.
     */
    public void requireDurable(String stream, IncomingConfig config) {
        try {
            if (consumerInfo(stream, config.durable()) == null) {
                throw new IllegalStateException("Channel '" + config.channel() + "': durable consumer '"
                        + config.durable() + "' on stream '" + stream + "' no longer exists and consumer-recreate is "
                        + "false, so the channel fails. Set consumer-recreate=true to create it again.");
            }
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Channel '" + config.channel() + "': durable consumer '"
                    + config.durable() + "' on stream '" + stream + "' could not be checked: " + e.getMessage(), e);
        }
    }

    /** Returns the durable's configuration as the server reports it. */
    public ConsumerConfiguration ensureDurable(String stream, IncomingConfig config) {
        try {
            ConsumerInfo existing = consumerInfo(stream, config.durable());
            if (existing == null) {
                return create(stream, config);
            }
            verify(stream, existing.getConsumerConfiguration(), config);
            return reconcile(stream, existing.getConsumerConfiguration(), config);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Channel '" + config.channel() + "' failed to set up durable consumer '"
                    + config.durable() + "' on stream '" + stream + "': " + e.getMessage(), e);
        }
    }

    private ConsumerConfiguration create(String stream, IncomingConfig config)
            throws IOException, JetStreamApiException {
        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder()
                .durable(config.durable())
                .filterSubject(config.subject())
                .ackPolicy(AckPolicy.Explicit);
        config.consumer().ackWait().ifPresent(builder::ackWait);
        config.consumer().maxDeliver().ifPresent(builder::maxDeliver);
        config.consumer().maxAckPending().ifPresent(builder::maxAckPending);
        config.consumer().deliverPolicy().ifPresent(builder::deliverPolicy);

        ConsumerInfo created = management.addOrUpdateConsumer(stream, builder.build());
        ConsumerConfiguration actual = created.getConsumerConfiguration();
        LOG.log(Level.INFO, "Channel ''{0}'' created durable pull consumer {1} on stream {2} for subject {3} "
                        + "(ack wait {4}, max deliver {5}, max ack pending {6}, deliver policy {7})",
                config.channel(), config.durable(), stream, config.subject(), actual.getAckWait(),
                String.valueOf(actual.getMaxDeliver()), String.valueOf(actual.getMaxAckPending()),
                actual.getDeliverPolicy());
        return actual;
    }

    private void verify(String stream, ConsumerConfiguration existing, IncomingConfig config) {
        String prefix = "Channel '" + config.channel() + "': durable consumer '" + config.durable() + "' on stream '"
                + stream + "' ";
        if (existing.getDeliverSubject() != null) {
            throw new IllegalStateException(prefix + "is a push consumer (deliver subject '"
                    + existing.getDeliverSubject() + "'). This connector needs a pull consumer: choose another "
                    + "'durable' name.");
        }
        if (existing.getAckPolicy() != AckPolicy.Explicit) {
            throw new IllegalStateException(prefix + "has ack policy " + existing.getAckPolicy()
                    + ", but this connector acknowledges each message explicitly. Choose another 'durable' name.");
        }
        String filter = existing.getFilterSubject();
        if (filter != null && !filter.isEmpty() && !filter.equals(config.subject())) {
            throw new IllegalStateException(prefix + "filters subject '" + filter + "', but the channel's subject is '"
                    + config.subject() + "'. Set 'subject' to '" + filter + "' or choose another 'durable' name.");
        }
    }

    /**
     * Brings an existing durable in line with the attributes the user set. Only those attributes are
     * compared. Ack wait, max deliver and max ack pending are updated in place and each change is
     * logged. A different deliver policy cannot be changed on the server, so it fails startup; the
     * durable is never deleted here.
     */
    private ConsumerConfiguration reconcile(String stream, ConsumerConfiguration existing, IncomingConfig config)
            throws IOException, JetStreamApiException {
        ConsumerSettings configured = config.consumer();
        configured.deliverPolicy().filter(policy -> policy != existing.getDeliverPolicy()).ifPresent(policy -> {
            throw new IllegalStateException("Channel '" + config.channel() + "': durable consumer '"
                    + config.durable() + "' on stream '" + stream + "' differs in a setting the server cannot "
                    + "change: deliver-policy is " + existing.getDeliverPolicy() + " on the server, configured "
                    + policy + ". Remove the attribute, restore the durable's value, or delete the durable yourself "
                    + "to create it anew.");
        });

        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder(existing);
        List<String> changes = new ArrayList<>();
        configured.ackWait().filter(value -> !value.equals(existing.getAckWait())).ifPresent(value -> {
            builder.ackWait(value);
            changes.add("ack-wait " + existing.getAckWait() + " -> " + value);
        });
        configured.maxDeliver().filter(value -> value != existing.getMaxDeliver()).ifPresent(value -> {
            builder.maxDeliver(value);
            changes.add("max-deliver " + existing.getMaxDeliver() + " -> " + value);
        });
        configured.maxAckPending().filter(value -> value != existing.getMaxAckPending()).ifPresent(value -> {
            builder.maxAckPending(value);
            changes.add("max-ack-pending " + existing.getMaxAckPending() + " -> " + value);
        });

        if (changes.isEmpty()) {
            LOG.log(Level.INFO, "Channel ''{0}'' binds to existing durable pull consumer {1} on stream {2}",
                    config.channel(), config.durable(), stream);
            return existing;
        }

        ConsumerConfiguration updated = management.addOrUpdateConsumer(stream, builder.build())
                .getConsumerConfiguration();
        for (String change : changes) {
            LOG.log(Level.INFO, "Channel ''{0}'' updated durable pull consumer {1} on stream {2}: {3}",
                    config.channel(), config.durable(), stream, change);
        }
        return updated;
    }

    private ConsumerInfo consumerInfo(String stream, String durable) throws IOException, JetStreamApiException {
        try {
            return management.getConsumerInfo(stream, durable);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
