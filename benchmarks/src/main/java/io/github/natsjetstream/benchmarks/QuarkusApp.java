package io.github.natsjetstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One of the Quarkus applications of the peer group ({@code benchmarks/quarkus-ours},
 * {@code benchmarks/quarkus-peer}), which the Maven profile {@code benchmarks} builds into the fast-jar
 * layout {@code target/quarkus-app}. The system property {@code bench.basedir}, which the benchmarks
 * pom sets, is the directory that contains the modules.
 */
record QuarkusApp(String module, Path directory) {

    static QuarkusApp of(String module) {
        Path basedir = Path.of(System.getProperty("bench.basedir", "."));
        return new QuarkusApp(module, basedir.resolve(module).resolve("target").resolve("quarkus-app"));
    }

    Path runJar() {
        return directory.resolve("quarkus-run.jar");
    }

    boolean isBuilt() {
        return Files.isRegularFile(runJar());
    }

    /**
     * Returns the version of a library in the application, read from its jar name in
     * {@code lib/main} (for example {@code io.quarkus.quarkus-core-3.33.2.jar}), or "unknown".
     *
     * @param groupAndArtifact the group id and artifact id joined by a dot, as Quarkus names the jars
     */
    String libraryVersion(String groupAndArtifact) {
        String prefix = groupAndArtifact + "-";
        try (Stream<Path> jars = Files.list(directory.resolve("lib").resolve("main"))) {
            return jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".jar")
                            && name.length() > prefix.length() + 4 && Character.isDigit(name.charAt(prefix.length())))
                    .map(name -> name.substring(prefix.length(), name.length() - ".jar".length()))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
