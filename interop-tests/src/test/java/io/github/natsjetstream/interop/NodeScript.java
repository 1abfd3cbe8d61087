package io.github.natsjetstream.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the Node.js scripts in {@code interop-tests/node}. Each script gets the server URL in the
 * environment variable {@code NATS_URL} and a JSON request file as its only argument.
 *
 * <p>The directory comes from the system property {@code interop.node.dir}, which the module's
 * surefire configuration sets. Requests and the scripts' stdout and stderr go to
 * {@code interop.work.dir}.
 */
final class NodeScript {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSTALL_HINT = "The interop tests need Node.js 18 or later and npm. Install "
            + "them (https://nodejs.org/, or on Debian and Ubuntu: apt-get install nodejs npm) and run the "
            + "Maven build of interop-tests again, which runs npm ci in " + nodeDirectory() + ".";

    /**
     * Time a script gets beyond the timeout in its request before the test kills it. A script
     * ends itself at that timeout, so the grace covers only the start of the Node.js runtime.
     */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private NodeScript() {
    }

    /**
     * Starts {@code script} with the request, which must contain {@code timeoutMs}, and returns
     * without waiting for it.
     *
     * @param label the start of the names of the request, stdout and stderr files, for example the
     *              test method
     */
    static NodeProcess start(String script, Map<String, Object> request, String serverUrl, String label) {
        Path nodeDir = nodeDirectory();
        requireInstalledPackages(nodeDir);
        Path workDir = workDirectory();
        Path requestFile = workDir.resolve(label + "-" + script + ".json");
        Path stdoutFile = workDir.resolve(label + "-" + script + ".out");
        Path stderrFile = workDir.resolve(label + "-" + script + ".err");
        try {
            JSON.writeValue(requestFile.toFile(), request);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the request of " + script + " to " + requestFile, e);
        }

        List<String> command = List.of(nodeBinary().toString(), script, requestFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectError(stderrFile.toFile());
        builder.environment().put("NATS_URL", serverUrl);
        Duration timeout = Duration.ofMillis(((Number) request.get("timeoutMs")).longValue()).plus(KILL_GRACE);
        try {
            return new NodeProcess(script, builder.start(), stdoutFile, stderrFile, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start " + String.join(" ", command) + " in " + nodeDir, e);
        }
    }

    private static Path nodeDirectory() {
        return Path.of(System.getProperty("interop.node.dir", "node")).toAbsolutePath();
    }

    private static Path workDirectory() {
        Path directory = Path.of(System.getProperty("interop.work.dir", "target/interop-node"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + directory, e);
        }
    }

    private static void requireInstalledPackages(Path nodeDir) {
        for (String module : List.of("@nats-io/transport-node", "@nats-io/jetstream")) {
            if (!Files.isDirectory(nodeDir.resolve("node_modules").resolve(module))) {
                throw new IllegalStateException("The npm package " + module + " is not installed in " + nodeDir
                        + "/node_modules. Run 'npm ci' in " + nodeDir + " or build the module with Maven, which "
                        + "runs it. " + INSTALL_HINT);
            }
        }
    }

    private static Path nodeBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "node");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("node was not found on PATH. " + INSTALL_HINT);
    }
}
