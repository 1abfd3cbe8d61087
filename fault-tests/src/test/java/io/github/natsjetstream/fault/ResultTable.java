package io.github.natsjetstream.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats scenario results as a Markdown table with one row per scenario. */
final class ResultTable {

    private ResultTable() {
    }

    static String markdown(List<FaultScenario> scenarios, List<ScenarioResult> results) {
        Map<String, String> faults = new LinkedHashMap<>();
        scenarios.forEach(scenario -> faults.put(scenario.name(), scenario.fault()));
        Map<String, List<ScenarioResult>> byScenario = results.stream()
                .collect(Collectors.groupingBy(ScenarioResult::scenario, LinkedHashMap::new, Collectors.toList()));

        StringBuilder table = new StringBuilder();
        table.append("| Scenario | Fault | Runs | Messages per run | Acked by publisher | Publish nacks | Lost "
                + "| Not stored | Stored twice | Duplicate deliveries | Redeliveries | Longest stall |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        byScenario.forEach((name, runs) -> table.append(String.format(
                "| %s | %s | %d | %d | %s | %s | %d | %d | %s | %s | %s | %s |%n",
                name, faults.getOrDefault(name, ""), runs.size(), runs.get(0).messages(),
                range(runs, result -> result.ackedOut().size()),
                range(runs, ScenarioResult::publishNacks),
                runs.stream().mapToLong(result -> result.lost().size()).sum(),
                runs.stream().mapToLong(result -> result.notStored().size()).sum(),
                range(runs, ScenarioResult::streamDuplicates),
                range(runs, ScenarioResult::duplicateDeliveries),
                range(runs, ScenarioResult::redeliveries),
                rangeSeconds(runs))));
        table.append("\nLost and Not stored are totals over all runs. The other columns give the minimum and "
                + "maximum over the runs. Lost counts messages acked by the publisher that the consumer never "
                + "acked and that were not dead-lettered.\n");
        return table.toString();
    }

    private static String range(List<ScenarioResult> runs, java.util.function.ToLongFunction<ScenarioResult> value) {
        long min = runs.stream().mapToLong(value).min().orElse(0);
        long max = runs.stream().mapToLong(value).max().orElse(0);
        return min == max ? Long.toString(min) : min + " to " + max;
    }

    private static String rangeSeconds(List<ScenarioResult> runs) {
        double min = runs.stream().mapToLong(ScenarioResult::longestStallMillis).min().orElse(0) / 1000.0;
        double max = runs.stream().mapToLong(ScenarioResult::longestStallMillis).max().orElse(0) / 1000.0;
        return min == max ? String.format("%.1f s", max) : String.format("%.1f to %.1f s", min, max);
    }
}
