package io.github.natsjetstream.fault;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * One fault-injection scenario.
 *
 * @param name short identifier, used in test names, run directories and the results table
 * @param fault what goes wrong, in words for the results table
 * @param topology the servers the scenario starts
 * @param consumerInChildJvm whether the consumer runs in a child JVM that the fault may kill
 * @param incomingAttributes attributes of the incoming channel on top of {@link ScenarioRunner}'s defaults
 * @param consumerProperties other properties of the consumer application, such as {@code fault.slow-every}
 * @param kindOf the {@link Payloads} kind of the message with an index
 * @param trigger when the fault starts
 * @param action the fault, run on its own thread while messages flow
 */
record FaultScenario(String name, String fault, Topology topology, boolean consumerInChildJvm,
        Map<String, String> incomingAttributes, Map<String, String> consumerProperties,
        IntFunction<String> kindOf, Trigger trigger, FaultAction action) {

    /** The servers of a scenario. */
    enum Topology {
        /** One server started with {@code nats-server -js}. */
        SINGLE,
        /** One server from a configuration file with {@code max_payload: 65536}. */
        SINGLE_SMALL_PAYLOAD,
        /** Three clustered nodes with the stream at 3 replicas. */
        CLUSTER
    }

    /**
     * Starts the fault once {@code fraction} of the messages are acked by the outgoing channel
     * ({@code afterDeliveries} false) or delivered to the consumer (true).
     */
    record Trigger(double fraction, boolean afterDeliveries) {
        static Trigger published(double fraction) {
            return new Trigger(fraction, false);
        }

        static Trigger delivered(double fraction) {
            return new Trigger(fraction, true);
        }
    }

    @FunctionalInterface
    interface FaultAction {
        /**
         * Injects the fault and returns once the system is back, for example the server restarted.
         *
         * @return a note for the results, for example which node was killed
         */
        String inject(FaultContext context) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}
