package io.github.natsjetstream.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of the values of one figure over its repetitions. */
record Summary(double median, double min, double max, int count) {

    static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("A summary needs at least one value");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1
                ? sorted.get(size / 2)
                : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(size - 1), size);
    }

    /** Returns the per-repetition ratios numerator[i] / denominator[i]. */
    static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
        if (numerators.size() != denominators.size()) {
            throw new IllegalArgumentException("Ratios need the same number of repetitions, got "
                    + numerators.size() + " and " + denominators.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return ratios;
    }

    /** Returns the per-repetition differences minuend[i] - subtrahend[i]. */
    static List<Double> differences(List<Double> minuends, List<Double> subtrahends) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(minuends.size(), subtrahends.size()); i++) {
            differences.add(minuends.get(i) - subtrahends.get(i));
        }
        return differences;
    }

    /** Returns the value at quantile q (0..1) of sorted values, by the nearest-rank method. */
    static long quantile(long[] sorted, int length, double q) {
        if (length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * length);
        return sorted[Math.max(0, Math.min(length - 1, rank - 1))];
    }
}
