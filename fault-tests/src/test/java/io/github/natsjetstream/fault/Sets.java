package io.github.natsjetstream.fault;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

final class Sets {

    private Sets() {
    }

    /** Returns the elements of {@code from} that none of the other sets contains. */
    @SafeVarargs
    static Set<String> minus(Set<String> from, Set<String>... others) {
        Set<String> result = new HashSet<>(from);
        for (Set<String> other : others) {
            result.removeAll(other);
        }
        return result;
    }

    /** Returns up to the first 10 elements in sorted order, for messages. */
    static String sample(Collection<String> ids) {
        TreeSet<String> sorted = new TreeSet<>(ids);
        return sorted.size() <= 10 ? sorted.toString() : sorted.stream().limit(10).toList() + " and "
                + (sorted.size() - 10) + " more";
    }
}
