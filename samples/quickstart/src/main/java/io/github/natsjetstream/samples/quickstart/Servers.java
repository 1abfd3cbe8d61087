package io.github.natsjetstream.samples.quickstart;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses and prints the comma-separated server list that the connector's {@code servers}
 * attribute takes, such as {@code nats://localhost:4222,nats://127.0.0.1:4223}.
 */
final class Servers {

    static final int DEFAULT_PORT = 4222;

    private Servers() {
    }

    /**
     * A server's host and port.
     */
    record Address(String host, int port) {
    }

    /**
     * Parses each URL of the list. A URL without a scheme is read as {@code nats://}, one without
     * a port gets port 4222.
     *
     * @throws IllegalArgumentException if an entry is not a URL with a host
     */
    static List<Address> parse(String servers) {
        List<String> entries = entries(servers);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the server list '" + servers + "' is empty");
        }
        return entries.stream().map(Servers::parseEntry).toList();
    }

    /**
     * Returns the list with any user name, password or token removed, for logs and the summary.
     */
    static String redact(String servers) {
        return entries(servers).stream()
                .map(entry -> entry.replaceFirst("://[^@/]*@", "://"))
                .collect(Collectors.joining(","));
    }

    private static List<String> entries(String servers) {
        return Arrays.stream(servers.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private static Address parseEntry(String entry) {
        URI uri;
        try {
            uri = URI.create(entry.contains("://") ? entry : "nats://" + entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server '" + redact(entry) + "' is not a valid URL: "
                    + e.getMessage(), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("server '" + redact(entry)
                    + "' has no host; expected a URL such as nats://localhost:4222");
        }
        return new Address(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }
}
