package io.github.natsjetstream.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local {@code nats-server -js} process on 127.0.0.1 with a free port and its own temporary
 * store directory.
 *
 * <p>The binary is taken from {@code NATS_SERVER_BIN} when set, otherwise from {@code PATH}.
 * {@link #close()} kills the process by pid and deletes the store directory, so tests never
 * touch a server they did not start.
 */
public final class NatsServerProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path workDir;
    private final int port;
    /** Configuration file passed with {@code -c}, or {@code null} for a plain {@code -js} server. */
    private final Path configFile;
    private Process process;
    private boolean paused;
    /** Length of the log file when the process was last launched, in bytes. */
    private long logLengthAtLaunch;

    private NatsServerProcess(Path binary, Path workDir, int port, Path configFile) {
        this.binary = binary;
        this.workDir = workDir;
        this.port = port;
        this.configFile = configFile;
    }

    /**
     * Starts a JetStream-enabled server on a free port and waits until it accepts connections.
     */
    public static NatsServerProcess start() {
        Path binary = findBinary();
        try {
            Path workDir = Files.createTempDirectory("nats-server-");
            NatsServerProcess server = new NatsServerProcess(binary, workDir, freePort(), null);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a temporary store directory for nats-server", e);
        }
    }

    /**
     * Starts a JetStream-enabled server from a configuration file and waits until it accepts
     * connections. The file sets {@code listen} to a free 127.0.0.1 port and a {@code jetstream}
     * block with a temporary store directory, followed by {@code extraConfig}, for example
     * {@code max_payload: 65536}. Use only {@code accounts {}} blocks for users, never
     * {@code authorization}.
     */
    public static NatsServerProcess startWithConfig(String extraConfig) {
        try {
            Path workDir = Files.createTempDirectory("nats-server-");
            int port = freePort();
            String config = "listen: " + HOST + ":" + port + "\n"
                    + "jetstream {\n  store_dir: \"" + workDir.resolve("store") + "\"\n}\n"
                    + extraConfig + "\n";
            return startFromConfig(workDir, port, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a temporary store directory for nats-server", e);
        }
    }

    /**
     * Writes {@code config} to {@code workDir/nats-server.conf} and starts a server from it without
     * waiting until it is ready. The configuration must make the server listen on
     * {@code 127.0.0.1:port}.
     */
    static NatsServerProcess spawnFromConfig(Path workDir, int port, String config) {
        Path configFile = workDir.resolve("nats-server.conf");
        try {
            Files.writeString(configFile, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + configFile, e);
        }
        NatsServerProcess server = new NatsServerProcess(findBinary(), workDir, port, configFile);
        server.spawn();
        return server;
    }

    private static NatsServerProcess startFromConfig(Path workDir, int port, String config) {
        NatsServerProcess server = spawnFromConfig(workDir, port, config);
        server.awaitReady();
        return server;
    }

    /**
     * Returns the path of the nats-server binary, or throws with install instructions.
     */
    public static Path findBinary() {
        String configured = System.getenv("NATS_SERVER_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("NATS_SERVER_BIN is set to '" + configured
                        + "', which is not an executable file. Point it at the nats-server binary or unset it.");
            }
            return path;
        }

        String pathVariable = System.getenv().getOrDefault("PATH", "");
        List<String> directories = new ArrayList<>(List.of(pathVariable.split(File.pathSeparator)));
        directories.add("/usr/sbin");
        directories.add("/usr/local/bin");
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }

        throw new IllegalStateException("nats-server was not found on PATH and NATS_SERVER_BIN is not set. "
                + "Install it (Debian and Ubuntu: 'apt-get install nats-server'; other systems: a release from "
                + "https://github.com/nats-io/nats-server/releases) or set NATS_SERVER_BIN to the binary.");
    }

    /**
     * Returns a TCP port on 127.0.0.1 that was free when this method ran, below the kernel's
     * ephemeral port range.
     *
     * <p>A port from the ephemeral range can be lost while its server is down: clients and routes
     * that keep reconnecting to it may get it as their own source port, and a connect from a port
     * to itself succeeds on Linux, so the restarted server fails with "address already in use".
     */
    public static int freePort() {
        int low = 10_000;
        int high = ephemeralRangeStart() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = low + RANDOM.nextInt(high - low + 1);
            if (HANDED_OUT.contains(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(HOST, candidate), 1);
                HANDED_OUT.add(candidate);
                return candidate;
            } catch (IOException e) {
                // Taken; try another one.
            }
        }
        throw new IllegalStateException("Failed to find a free port on " + HOST + " between " + low + " and " + high
                + " in 200 attempts");
    }

    /** Returns the first port of Linux's ephemeral range, or 32768 where it cannot be read. */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > 12_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /**
     * Returns whether something accepts TCP connections on the host and port.
     */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "nats://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Returns the directory that contains the store, the log and, for config-file servers, the configuration. */
    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return workDir.resolve("nats-server.log");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Returns whether {@link #pause()} stopped the process and {@link #resume()} has not continued it. */
    public boolean isPaused() {
        return paused;
    }

    /**
     * Kills the process with SIGKILL and waits for it to exit. The store directory is kept, so
     * {@link #restart()} brings back the same streams. A paused process is killed as well.
     */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
        paused = false;
    }

    /**
     * Stops the process with SIGSTOP. It keeps its sockets open but answers nothing, as a server
     * that hangs would, until {@link #resume()}.
     */
    public void pause() {
        signal("STOP");
        paused = true;
    }

    /** Continues a paused process with SIGCONT. */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    /**
     * Starts the server again on the same port with the same store directory.
     */
    public void restart() {
        if (isAlive()) {
            kill();
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
        deleteRecursively(workDir);
    }

    private void launch() {
        spawn();
        awaitReady();
    }

    /** Starts the process without waiting until it is ready. */
    void spawn() {
        List<String> command = command();
        logLengthAtLaunch = currentLogLength();
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("nats-server.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start " + String.join(" ", command), e);
        }
        paused = false;
    }

    private List<String> command() {
        if (configFile != null) {
            return List.of(binary.toString(), "-c", configFile.toString(), "-l", logFile().toString());
        }
        return List.of(binary.toString(),
                "-a", HOST,
                "-p", Integer.toString(port),
                "-js",
                "-sd", workDir.resolve("store").toString(),
                "-l", logFile().toString());
    }

    /**
     * Waits until the process listens and has logged "Server is ready" since its last launch. The
     * log is appended to across restarts, so only the part written after the launch counts.
     */
    void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with code " + process.exitValue()
                        + " before it was ready. Its log: " + readLog());
            }
            if (isListening(HOST, port) && logSinceLaunch().contains("Server is ready")) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IllegalStateException("nats-server on port " + port + " was not ready within "
                + READY_TIMEOUT.toSeconds() + " s. Its log: " + readLog());
    }

    private void signal(String signal) {
        if (!isAlive()) {
            throw new IllegalStateException("nats-server on port " + port + " is not running, so it cannot get SIG"
                    + signal);
        }
        List<String> command = List.of("kill", "-" + signal, Long.toString(process.pid()));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private long currentLogLength() {
        try {
            return Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logSinceLaunch() {
        String log = readLog();
        return log.length() > logLengthAtLaunch ? log.substring((int) logLengthAtLaunch) : "";
    }

    private String readLog() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "(no log written)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("nats-server pid " + process.pid() + " did not exit within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for nats-server to exit", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for nats-server", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + directory, e);
        }
    }
}
