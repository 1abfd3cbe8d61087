package io.github.natsjetstream.fault;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks that every scenario run must pass, and the extra ones of the data faults. */
final class FaultAssertions {

    private FaultAssertions() {
    }

    static void assertNoLoss(ScenarioResult result) {
        assertThat(result.faultError()).as("fault error; %s", result.summary()).isEmpty();
        assertThat(result.ackedOut()).as("messages acked by the publisher; %s", result.summary()).isNotEmpty();
        assertThat(result.notStored()).as("acked publishes missing from the stream; %s", result.summary()).isEmpty();
        assertThat(result.lost()).as("acked publishes never acked by the consumer; %s", result.summary()).isEmpty();
        assertThat(result.drained()).as("drained within the time limit; %s", result.summary()).isTrue();
    }

    static void assertScenarioSpecifics(FaultScenario scenario, ScenarioResult result) {
        switch (scenario.name()) {
            case "poison-message" -> assertPoisonDeadLettered(result);
            case "oversized-message" -> assertOversizedRejected(result);
            case "slow-handler" -> {
                assertThat(result.gaveUp()).as("publishes given up; %s", result.summary()).isEmpty();
                assertThat(result.redeliveries()).as("redeliveries despite in-progress acks; %s", result.summary())
                        .isZero();
            }
            default -> assertThat(result.gaveUp()).as("publishes given up; %s", result.summary()).isEmpty();
        }
    }

    private static void assertPoisonDeadLettered(ScenarioResult result) {
        int poison = result.messages() / FaultScenarios.POISON_EVERY;
        assertThat(result.deadLettered()).as("dead-lettered ids; %s", result.summary()).hasSize(poison);
        assertThat(result.deadLettered()).as("dead-lettered ids that were acked; %s", result.summary())
                .doesNotContainAnyElementsOf(result.ackedIn());
    }

    private static void assertOversizedRejected(ScenarioResult result) {
        int oversized = (result.messages() + FaultScenarios.OVERSIZED_EVERY / 2) / FaultScenarios.OVERSIZED_EVERY;
        assertThat(result.gaveUp()).as("oversized publishes nacked and not sent again; %s", result.summary())
                .hasSize(oversized);
        assertThat(result.gaveUp().values()).as("nack reasons of oversized publishes")
                .allSatisfy(reason -> assertThat(reason).containsIgnoringCase("payload"));
        assertThat(result.ackedOut()).as("acked publishes").hasSize(result.messages() - oversized);
    }
}
