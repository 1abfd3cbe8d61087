package io.github.natsjetstream.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs named variants in alternating order: repetition 1 runs them in the given order, repetition 2
 * in reverse, and so on, so that drift in the machine's speed affects every variant alike. An
 * unmeasured warm-up pass runs first when the settings ask for it.
 */
final class Alternation {

    @FunctionalInterface
    interface Measurement {
        /** Runs one trial and returns its figure, with {@code warmup} true for the unrecorded pass. */
        double run(boolean warmup) throws Exception;
    }

    private final Map<String, Measurement> variants = new LinkedHashMap<>();

    Alternation add(String name, Measurement measurement) {
        variants.put(name, measurement);
        return this;
    }

    /** Returns the figures of each variant, one per repetition, in repetition order. */
    Map<String, List<Double>> run(Settings settings) throws Exception {
        return run(settings.reps, settings.warmup);
    }

    /** Runs {@code reps} repetitions, after one unmeasured pass of every variant when {@code warmup} is true. */
    Map<String, List<Double>> run(int reps, boolean warmup) throws Exception {
        List<String> names = new ArrayList<>(variants.keySet());
        if (warmup) {
            for (String name : names) {
                System.err.println("[bench] warm-up: " + name);
                variants.get(name).run(true);
            }
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        names.forEach(name -> results.put(name, new ArrayList<>()));
        for (int rep = 0; rep < reps; rep++) {
            List<String> order = new ArrayList<>(names);
            if (rep % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                results.get(name).add(variants.get(name).run(false));
            }
        }
        return results;
    }
}
