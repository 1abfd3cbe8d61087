package io.github.natsjetstream.benchmarks.quarkus;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs one benchmark trial and exits: {@code bench.direction} selects the outgoing or the incoming
 * workload. The benchmark harness (BenchmarkMain in the benchmarks module) starts the application
 * with the trial's settings as system properties and reads the one line that starts with
 * {@link WorkloadResult#PREFIX} or {@code BENCH_ERROR} from standard output.
 *
 * <p>Exit status: 0 after a result line, 1 after an error line.
 */
@QuarkusMain
public class BenchmarkCommand implements QuarkusApplication {

    @Inject
    OutgoingWorkload outgoing;

    @Inject
    IncomingWorkload incoming;

    @ConfigProperty(name = "bench.direction")
    String direction;

    @Override
    public int run(String... args) {
        try {
            WorkloadResult result = switch (direction) {
                case "outgoing" -> outgoing.run();
                case "incoming" -> incoming.run();
                default -> throw new IllegalArgumentException("Invalid bench.direction '" + direction
                        + "'; expected outgoing or incoming");
            };
            System.out.println(result.line());
            return 0;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.out.println("BENCH_ERROR " + e);
            e.printStackTrace();
            return 1;
        }
    }
}
