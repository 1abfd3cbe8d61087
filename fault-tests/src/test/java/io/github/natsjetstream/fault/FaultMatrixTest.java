package io.github.natsjetstream.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The full matrix: every scenario {@code fault.runs} times. It writes the results table to
 * {@code fault.report} after each run, so an interrupted matrix still leaves a table, and fails
 * at the end if any run lost a message. Run it with
 * {@code mvn -B -pl fault-tests -am verify -Pfault-matrix -Dfault.runs=20 -Dtest=FaultMatrixTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("fault-matrix")
class FaultMatrixTest {

    private static final Logger LOG = Logger.getLogger(FaultMatrixTest.class.getName());

    @Test
    @Timeout(value = 24, unit = java.util.concurrent.TimeUnit.HOURS)
    void matrixLosesNoAckedMessage() throws Exception {
        List<FaultScenario> scenarios = FaultSettings.select(FaultScenarios.all());
        List<ScenarioResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ScenarioRunner runner = new ScenarioRunner(FaultSettings.workDir());
        Files.createDirectories(FaultSettings.report().toAbsolutePath().getParent());

        for (FaultScenario scenario : scenarios) {
            for (int run = 1; run <= FaultSettings.runs(); run++) {
                ScenarioResult result;
                try {
                    result = runner.run(scenario, run, FaultSettings.messages());
                } catch (Exception | AssertionError e) {
                    failures.add(scenario.name() + " run " + run + " failed to run: " + e);
                    continue;
                }
                results.add(result);
                LOG.info(result.summary());
                System.out.println(result.summary());
                try {
                    FaultAssertions.assertNoLoss(result);
                    FaultAssertions.assertScenarioSpecifics(scenario, result);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
                Files.writeString(FaultSettings.report(), ResultTable.markdown(scenarios, results));
            }
        }

        assertThat(failures).as("failed runs").isEmpty();
    }
}
