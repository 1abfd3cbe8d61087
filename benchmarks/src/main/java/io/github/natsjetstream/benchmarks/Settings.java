package io.github.natsjetstream.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command-line settings of a benchmark run. See {@link #USAGE}. */
final class Settings {

    static final String USAGE = """
            Usage: BenchmarkMain [options]
              --only GROUPS            comma-separated groups to run: outgoing, incoming, e2e, memory,
                                       peer (default: all)
              --reps N                 measured repetitions of each figure (default 3)
              --sizes BYTES            comma-separated payload sizes (default 128,1024)
              --outgoing-messages N    messages per outgoing trial with 1024 in flight (default 200000)
              --sync-messages N        messages per synchronous / max-inflight=1 trial (default 10000)
              --incoming-messages N    messages per incoming trial (default 50000)
              --batches SIZES          comma-separated pull batch sizes (default 10,100,500)
              --e2e-seconds S          duration of each fixed-rate latency trial (default 5)
              --e2e-rates RATES        comma-separated fixed rates in msgs/s (default 1000,5000,20000)
              --e2e-batch N            batch-size of both consumers in the latency runs (default 10)
              --memory-messages N      messages in the slow-consumer stream (default 1000000)
              --memory-seconds S       how long the slow consumer runs (default 20)
              --peer-messages N        timed messages per trial of the Quarkus peer group (default 20000)
              --peer-batch N           pull batch size of both connectors in the peer group (default 100)
              --app-jvm-options OPTS   comma-separated JVM options of each Quarkus application JVM
                                       (default -Xms1g,-Xmx1g)
              --no-warmup              skip the unmeasured warm-up pass of each group
              --smoke                  a few seconds with tiny counts and 1 repetition: checks that
                                       every group runs, not how fast
              --verbose                keep INFO logs of Weld, SmallRye and the connector
            """;

    private static final List<String> GROUPS = List.of("outgoing", "incoming", "e2e", "memory", "peer");

    Set<String> groups = new LinkedHashSet<>(GROUPS);
    int reps = 3;
    List<Integer> sizes = List.of(128, 1024);
    int outgoingMessages = 200_000;
    int syncMessages = 10_000;
    int incomingMessages = 50_000;
    List<Integer> batches = List.of(10, 100, 500);
    int e2eSeconds = 5;
    List<Integer> e2eRates = List.of(1_000, 5_000, 20_000);
    int e2eBatch = 10;
    int memoryMessages = 1_000_000;
    int memorySeconds = 20;
    int peerMessages = 20_000;
    int peerBatch = 100;
    List<String> appJvmOptions = List.of("-Xms1g", "-Xmx1g");
    boolean warmup = true;
    boolean smoke;
    boolean verbose;

    static Settings parse(String[] args) {
        Settings settings = new Settings();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--smoke" -> settings.applySmoke();
                case "--verbose" -> settings.verbose = true;
                case "--no-warmup" -> settings.warmup = false;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("Option " + option + " is unknown or missing its value");
                    }
                    settings.apply(option, args[++i]);
                }
            }
        }
        return settings;
    }

    private void apply(String option, String value) {
        switch (option) {
            case "--only" -> {
                groups = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                for (String group : groups) {
                    if (!GROUPS.contains(group)) {
                        throw new IllegalArgumentException("Unknown group '" + group
                                + "' in --only; expected outgoing, incoming, e2e, memory or peer");
                    }
                }
            }
            case "--reps" -> reps = positive(option, value);
            case "--sizes" -> sizes = positiveList(option, value);
            case "--outgoing-messages" -> outgoingMessages = positive(option, value);
            case "--sync-messages" -> syncMessages = positive(option, value);
            case "--incoming-messages" -> incomingMessages = positive(option, value);
            case "--batches" -> batches = positiveList(option, value);
            case "--e2e-seconds" -> e2eSeconds = positive(option, value);
            case "--e2e-rates" -> e2eRates = positiveList(option, value);
            case "--e2e-batch" -> e2eBatch = positive(option, value);
            case "--memory-messages" -> memoryMessages = positive(option, value);
            case "--memory-seconds" -> memorySeconds = positive(option, value);
            case "--peer-messages" -> peerMessages = positive(option, value);
            case "--peer-batch" -> peerBatch = positive(option, value);
            case "--app-jvm-options" -> appJvmOptions = List.of(value.split(","));
            default -> throw new IllegalArgumentException("Unknown option " + option);
        }
    }

    private void applySmoke() {
        smoke = true;
        reps = 1;
        warmup = false;
        sizes = List.of(128);
        outgoingMessages = 2_000;
        syncMessages = 200;
        incomingMessages = 2_000;
        batches = List.of(10, 100);
        e2eSeconds = 1;
        e2eRates = List.of(1_000);
        memoryMessages = 5_000;
        memorySeconds = 2;
        peerMessages = 1_000;
    }

    private static int positive(String option, String value) {
        try {
            int parsed = Integer.parseInt(value.replace("_", ""));
            if (parsed <= 0) {
                throw new IllegalArgumentException(option + " must be positive, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
        }
    }

    private static List<Integer> positiveList(String option, String value) {
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(positive(option, part.trim()));
        }
        return List.copyOf(values);
    }

    @Override
    public String toString() {
        return "groups=" + groups + ", reps=" + reps + ", sizes=" + sizes + ", outgoingMessages=" + outgoingMessages
                + ", syncMessages=" + syncMessages + ", incomingMessages=" + incomingMessages + ", batches=" + batches
                + ", e2eSeconds=" + e2eSeconds + ", e2eRates=" + e2eRates + ", e2eBatch=" + e2eBatch
                + ", memoryMessages=" + memoryMessages + ", memorySeconds=" + memorySeconds + ", peerMessages="
                + peerMessages + ", peerBatch=" + peerBatch + ", appJvmOptions=" + appJvmOptions + ", warmup=" + warmup
                + (smoke ? ", smoke" : "");
    }
}
