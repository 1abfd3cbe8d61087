package io.github.natsjetstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JetStream cluster of local {@code nats-server} processes on 127.0.0.1. Each node has its own
 * client, cluster and monitoring ports and its own temporary store directory, and its configuration
 * file routes to every node.
 *
 * <p>Nodes are named {@code n1}, {@code n2}, ... in the cluster {@code c1}. {@link #close()} kills
 * every node by pid and deletes the store directories.
 */
public final class NatsCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration META_LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern META_LEADER = Pattern.compile("\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Node> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private NatsCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** One cluster member: its server name, its process and its monitoring port. */
    public record Node(String name, NatsServerProcess server, int monitoringPort) {
    }

    /**
     * Starts {@code size} nodes and waits until every node reports a JetStream meta leader.
     */
    public static NatsCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster needs at least 1 node, not " + size);
        }
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            clusterPorts.add(NatsServerProcess.freePort());
        }
        String routes = clusterPorts.stream()
                .map(port -> "nats-route://" + HOST + ":" + port)
                .collect(Collectors.joining(", "));

        List<Node> nodes = new ArrayList<>();
        NatsCluster cluster = new NatsCluster(nodes);
        try {
            for (int i = 0; i < size; i++) {
                String name = "n" + (i + 1);
                Path workDir = Files.createTempDirectory("nats-cluster-" + name + "-");
                int clientPort = NatsServerProcess.freePort();
                int monitoringPort = NatsServerProcess.freePort();
                String config = "server_name: " + name + "\n"
                        + "listen: " + HOST + ":" + clientPort + "\n"
                        + "http: " + HOST + ":" + monitoringPort + "\n"
                        + "jetstream {\n"
                        + "  store_dir: \"" + workDir.resolve("store") + "\"\n"
                        + "  max_memory_store: 64MB\n"
                        + "  max_file_store: 1GB\n"
                        + "}\n"
                        + "cluster {\n"
                        + "  name: c1\n"
                        + "  listen: " + HOST + ":" + clusterPorts.get(i) + "\n"
                        + "  routes: [" + routes + "]\n"
                        + "}\n";
                nodes.add(new Node(name, NatsServerProcess.spawnFromConfig(workDir, clientPort, config),
                        monitoringPort));
            }
            for (Node node : nodes) {
                node.server().awaitReady();
            }
            cluster.awaitMetaLeader();
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("Failed to create a temporary store directory for a cluster node", e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Returns the node with the server name, for example the stream leader from {@code ClusterInfo}. */
    public Node node(String name) {
        return nodes.stream()
                .filter(node -> node.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node named '" + name + "' in this cluster; nodes: "
                        + nodes.stream().map(Node::name).collect(Collectors.joining(", "))));
    }

    /** Returns the client URLs of all nodes, comma-separated, in node order. */
    public String urls() {
        return nodes.stream().map(node -> node.server().url()).collect(Collectors.joining(","));
    }

    /** Kills every node with SIGKILL, keeping the store directories. */
    public void killAll() {
        for (Node node : nodes) {
            if (node.server().isAlive()) {
                node.server().kill();
            }
        }
    }

    /**
     * Starts every node that is not running, all at once, and waits until each is ready and a
     * meta leader is elected. Starting them together matters after {@link #killAll()}: a node can
     * need the others to recover its JetStream state.
     */
    public void restartStopped() {
        List<Node> stopped = nodes.stream().filter(node -> !node.server().isAlive()).toList();
        for (Node node : stopped) {
            node.server().spawn();
        }
        for (Node node : stopped) {
            node.server().awaitReady();
        }
        awaitMetaLeader();
    }

    /**
     * Waits until every running node reports the same JetStream meta leader on its monitoring
     * endpoint {@code /jsz}.
     */
    public void awaitMetaLeader() {
        long deadline = System.nanoTime() + META_LEADER_TIMEOUT.toNanos();
        String lastSeen = "";
        while (System.nanoTime() < deadline) {
            List<String> leaders = new ArrayList<>();
            for (Node node : nodes) {
                if (node.server().isAlive() && !node.server().isPaused()) {
                    leaders.add(metaLeader(node));
                }
            }
            lastSeen = leaders.toString();
            if (!leaders.isEmpty() && !leaders.contains("") && leaders.stream().distinct().count() == 1) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("The cluster elected no JetStream meta leader within "
                + META_LEADER_TIMEOUT.toSeconds() + " s; leaders reported by the running nodes: " + lastSeen);
    }

    /** Returns the meta leader that the node reports, or an empty string when it reports none or is unreachable. */
    private String metaLeader(Node node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + node.monitoringPort() + "/jsz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = META_LEADER.matcher(body);
            return matcher.find() ? matcher.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a meta leader", e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Node node : nodes) {
            try {
                node.server().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the cluster", e);
        }
    }
}
