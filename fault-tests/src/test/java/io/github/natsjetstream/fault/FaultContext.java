package io.github.natsjetstream.fault;

import io.github.natsjetstream.testing.NatsCluster;
import io.github.natsjetstream.testing.NatsServerProcess;

/**
 * What a fault can act on: the single server or the cluster (the other one is {@code null}), the
 * consumer host and a jnats administration client.
 */
record FaultContext(NatsServerProcess server, NatsCluster cluster, ConsumerHost consumer, StreamAdmin admin) {

    NatsServerProcess requireServer() {
        if (server == null) {
            throw new IllegalStateException("This fault needs the single-server topology");
        }
        return server;
    }

    NatsCluster requireCluster() {
        if (cluster == null) {
            throw new IllegalStateException("This fault needs the cluster topology");
        }
        return cluster;
    }
}
