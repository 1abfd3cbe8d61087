package io.github.natsjetstream.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link DeliveryLog} file while consumers append to it. Each {@link #poll()} reads the
 * complete lines added since the last one; a line without its newline yet is read next time.
 */
final class DeliveryLogReader {

    private final Path file;
    private long offset;

    private final Map<String, Integer> deliveriesById = new HashMap<>();
    private final Set<String> acked = new HashSet<>();
    private final Set<String> nacked = new HashSet<>();
    private final List<Long> deliveryTimes = new ArrayList<>();
    private long deliveries;
    private long redeliveries;

    DeliveryLogReader(Path file) {
        this.file = file;
    }

    /** Reads the lines appended since the last call. */
    synchronized void poll() {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            if (length <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) (length - offset)];
            input.seek(offset);
            input.readFully(bytes);
            int lastNewline = lastIndexOf(bytes, (byte) '\n');
            if (lastNewline < 0) {
                return;
            }
            offset += lastNewline + 1;
            String text = new String(bytes, 0, lastNewline, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                parse(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the delivery log " + file, e);
        }
    }

    private void parse(String line) {
        String[] fields = line.split(" ");
        switch (fields[0]) {
            case "D" -> {
                deliveries++;
                deliveriesById.merge(fields[1], 1, Integer::sum);
                if (Long.parseLong(fields[2]) > 1) {
                    redeliveries++;
                }
                deliveryTimes.add(Long.parseLong(fields[3]));
            }
            case "A" -> acked.add(fields[1]);
            case "N" -> nacked.add(fields[1]);
            default -> throw new IllegalStateException("Unexpected line in the delivery log " + file + ": " + line);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte value) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    synchronized Set<String> delivered() {
        return Set.copyOf(deliveriesById.keySet());
    }

    synchronized int deliveredCount() {
        return deliveriesById.size();
    }

    /** Returns the ids delivered but neither acked nor nacked yet. */
    synchronized int unsettledCount() {
        int unsettled = 0;
        for (String id : deliveriesById.keySet()) {
            if (!acked.contains(id) && !nacked.contains(id)) {
                unsettled++;
            }
        }
        return unsettled;
    }

    synchronized Set<String> acked() {
        return Set.copyOf(acked);
    }

    synchronized boolean ackedAll(Set<String> ids) {
        return acked.containsAll(ids);
    }

    synchronized Set<String> nacked() {
        return Set.copyOf(nacked);
    }

    /** Returns all deliveries, including redeliveries and duplicates. */
    synchronized long deliveries() {
        return deliveries;
    }

    /** Returns deliveries whose JetStream delivered count was above 1. */
    synchronized long redeliveries() {
        return redeliveries;
    }

    /** Returns the ids delivered more than once, with their delivery counts. */
    synchronized Map<String, Integer> duplicates() {
        Map<String, Integer> duplicates = new HashMap<>();
        deliveriesById.forEach((id, count) -> {
            if (count > 1) {
                duplicates.put(id, count);
            }
        });
        return duplicates;
    }

    /** Returns the longest time between two consecutive deliveries, in milliseconds. */
    synchronized long longestStallMillis() {
        List<Long> times = new ArrayList<>(deliveryTimes);
        times.sort(null);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }
}
