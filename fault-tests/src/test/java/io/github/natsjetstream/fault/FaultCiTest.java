package io.github.natsjetstream.fault;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short subset for CI: one run of each scenario in {@link FaultScenarios#ci()}. Run it with
 * {@code mvn -B -pl fault-tests -am verify -Pfault-ci -Dtest=FaultCiTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("fault-ci")
class FaultCiTest {

    private static final Logger LOG = Logger.getLogger(FaultCiTest.class.getName());

    static Stream<FaultScenario> scenarios() {
        return FaultSettings.select(FaultScenarios.ci()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void scenarioLosesNoAckedMessage(FaultScenario scenario) throws Exception {
        ScenarioResult result = new ScenarioRunner(FaultSettings.workDir()).run(scenario, 1, FaultSettings.messages());
        LOG.info(result.summary());
        System.out.println(result.summary());

        FaultAssertions.assertNoLoss(result);
        FaultAssertions.assertScenarioSpecifics(scenario, result);
    }
}
