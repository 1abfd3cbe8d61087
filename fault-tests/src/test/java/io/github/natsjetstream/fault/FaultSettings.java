package io.github.natsjetstream.fault;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The suite's system properties, which fault-tests/pom.xml sets from Maven properties of the same names. */
final class FaultSettings {

    private FaultSettings() {
    }

    /** Messages per scenario run ({@code fault.messages}, default 10,000). */
    static int messages() {
        return Integer.getInteger("fault.messages", 10_000);
    }

    /** Runs per scenario in the matrix ({@code fault.runs}, default 3). */
    static int runs() {
        return Integer.getInteger("fault.runs", 3);
    }

    /** Directory for the delivery logs and consumer JVM output of each run ({@code fault.workDir}). */
    static Path workDir() {
        return Path.of(System.getProperty("fault.workDir", "target/fault-runs"));
    }

    /** File that the matrix writes its Markdown table to ({@code fault.report}). */
    static Path report() {
        return Path.of(System.getProperty("fault.report", "target/reliability-table.md"));
    }

    /**
     * Returns the scenarios named in {@code fault.scenarios}, a comma-separated list, or all of them
     * when it is unset or empty.
     */
    static List<FaultScenario> select(List<FaultScenario> scenarios) {
        String names = System.getProperty("fault.scenarios", "").trim();
        if (names.isEmpty()) {
            return scenarios;
        }
        Set<String> selected = Set.of(names.split("\\s*,\\s*"));
        List<FaultScenario> selectedScenarios = scenarios.stream()
                .filter(scenario -> selected.contains(scenario.name()))
                .toList();
        if (selectedScenarios.isEmpty()) {
            throw new IllegalArgumentException("fault.scenarios=" + names + " names none of the scenarios "
                    + scenarios.stream().map(FaultScenario::name).toList());
        }
        return selectedScenarios;
    }
}
