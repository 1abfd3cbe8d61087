package io.github.natsjetstream.fault;

import io.github.natsjetstream.fault.FaultScenario.Topology;
import io.github.natsjetstream.fault.FaultScenario.Trigger;
import io.github.natsjetstream.testing.NatsCluster;
import io.github.natsjetstream.testing.NatsServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The scenarios of the suite. Server faults start once 30 % of the messages are acked by the
 * outgoing channel, so publishing and consuming both run into them.
 */
final class FaultScenarios {

    /** The stream's ack wait in every scenario except the slow handler. */
    static final Duration ACK_WAIT = Duration.ofSeconds(3);
    static final Duration SERVER_DOWN = Duration.ofSeconds(2);
    /** Pause of the stopped server: longer than {@link #ACK_WAIT}, so unacked messages time out meanwhile. */
    static final Duration SERVER_PAUSE = Duration.ofSeconds(8);
    static final Duration LEADER_DOWN = Duration.ofSeconds(5);
    /** Delay of each ack in the consumer-kill scenario, so a whole batch awaits its acks when the JVM dies. */
    static final Duration CONSUMER_ACK_DELAY = Duration.ofMillis(100);
    static final Duration SLOW_ACK_WAIT = Duration.ofSeconds(2);
    static final int SLOW_EVERY = 2500;
    static final int POISON_EVERY = 1000;
    static final int OVERSIZED_EVERY = 3000;
    /** The max_payload of the {@link Topology#SINGLE_SMALL_PAYLOAD} server, in bytes. */
    static final int SMALL_MAX_PAYLOAD = 65536;
    static final int OVERSIZED_BYTES = 100_000;

    private static final IntFunction<String> ALL_NORMAL = index -> Payloads.NORMAL;

    private FaultScenarios() {
    }

    static List<FaultScenario> all() {
        return List.of(serverKill(), serverPause(), leaderKill(), clusterKill(), consumerKill(), slowHandler(),
                poisonMessage(), oversizedMessage());
    }

    /** Returns the subset that CI runs: the shorter scenarios, at least one per kind of fault. */
    static List<FaultScenario> ci() {
        return List.of(serverKill(), leaderKill(), consumerKill(), slowHandler(), poisonMessage(), oversizedMessage());
    }

    static FaultScenario serverKill() {
        return new FaultScenario("server-kill",
                "kill -9 the server, restart it after " + SERVER_DOWN.toSeconds() + " s",
                Topology.SINGLE, false, Map.of(), Map.of(), ALL_NORMAL, Trigger.published(0.3),
                context -> {
                    NatsServerProcess server = context.requireServer();
                    server.kill();
                    Thread.sleep(SERVER_DOWN.toMillis());
                    server.restart();
                    return "";
                });
    }

    static FaultScenario serverPause() {
        return new FaultScenario("server-pause",
                "kill -STOP the server for " + SERVER_PAUSE.toSeconds() + " s (ack-wait " + ACK_WAIT.toSeconds()
                        + " s), then kill -CONT",
                Topology.SINGLE, false, Map.of(), Map.of(), ALL_NORMAL, Trigger.published(0.3),
                context -> {
                    NatsServerProcess server = context.requireServer();
                    server.pause();
                    try {
                        Thread.sleep(SERVER_PAUSE.toMillis());
                    } finally {
                        server.resume();
                    }
                    return "";
                });
    }

    static FaultScenario leaderKill() {
        return new FaultScenario("leader-kill",
                "kill -9 the R3 stream leader, restart it after " + LEADER_DOWN.toSeconds() + " s",
                Topology.CLUSTER, false, Map.of(), Map.of(), ALL_NORMAL, Trigger.published(0.3),
                context -> {
                    NatsCluster cluster = context.requireCluster();
                    String leader = context.admin().leader(ScenarioRunner.STREAM);
                    cluster.node(leader).server().kill();
                    Thread.sleep(LEADER_DOWN.toMillis());
                    cluster.restartStopped();
                    return "killed leader " + leader;
                });
    }

    static FaultScenario clusterKill() {
        return new FaultScenario("cluster-kill-all",
                "kill -9 all 3 nodes, restart them after " + SERVER_DOWN.toSeconds() + " s",
                Topology.CLUSTER, false, Map.of(), Map.of(), ALL_NORMAL, Trigger.published(0.3),
                context -> {
                    NatsCluster cluster = context.requireCluster();
                    cluster.killAll();
                    Thread.sleep(SERVER_DOWN.toMillis());
                    cluster.restartStopped();
                    return "";
                });
    }

    static FaultScenario consumerKill() {
        return new FaultScenario("consumer-kill",
                "kill -9 the consumer JVM at 40 % delivered while at least "
                        + ScenarioRunner.MIN_UNSETTLED_AT_CONSUMER_FAULT + " delivered messages await their ack, "
                        + "start a new one",
                Topology.SINGLE, true, Map.of(), Map.of("fault.ack-delay", CONSUMER_ACK_DELAY.toString()),
                ALL_NORMAL, Trigger.delivered(0.4),
                context -> {
                    context.consumer().kill();
                    context.consumer().start();
                    return "";
                });
    }

    static FaultScenario slowHandler() {
        Duration slowFor = SLOW_ACK_WAIT.multipliedBy(3);
        return new FaultScenario("slow-handler",
                "every " + SLOW_EVERY + "th message takes " + slowFor.toSeconds() + " s, 3 x ack-wait "
                        + SLOW_ACK_WAIT.toSeconds() + " s",
                Topology.SINGLE, false,
                Map.of("ack-wait", SLOW_ACK_WAIT.toMillis() + "ms"),
                Map.of("fault.slow-every", Integer.toString(SLOW_EVERY), "fault.slow-for", slowFor.toString()),
                ALL_NORMAL, Trigger.published(0), context -> "");
    }

    static FaultScenario poisonMessage() {
        return new FaultScenario("poison-message",
                "every " + POISON_EVERY + "th message always fails; failure-strategy=dead-letter",
                Topology.SINGLE, false,
                Map.of("failure-strategy", "dead-letter", "dead-letter-subject", ScenarioRunner.DEAD_LETTER_SUBJECT),
                Map.of(),
                index -> index % POISON_EVERY == POISON_EVERY / 2 ? Payloads.POISON : Payloads.NORMAL,
                Trigger.published(0), context -> "");
    }

    static FaultScenario oversizedMessage() {
        return new FaultScenario("oversized-message",
                "every " + OVERSIZED_EVERY + "th message is " + OVERSIZED_BYTES + " bytes, max_payload "
                        + SMALL_MAX_PAYLOAD,
                Topology.SINGLE_SMALL_PAYLOAD, false, Map.of(), Map.of(),
                index -> index % OVERSIZED_EVERY == OVERSIZED_EVERY / 2 ? Payloads.OVERSIZED : Payloads.NORMAL,
                Trigger.published(0), context -> "");
    }
}
