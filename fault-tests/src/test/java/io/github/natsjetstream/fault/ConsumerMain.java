package io.github.natsjetstream.fault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The consumer application as a process of its own, for the scenario that kills the consumer JVM.
 *
 * <p>Arguments: the application's properties file and the {@link DeliveryLog} file. It prints
 * {@value #STARTED} once the channel is subscribed, and shuts down in order when its standard input
 * closes or after {@link #MAX_LIFETIME_MINUTES} minutes, whichever comes first.
 */
public final class ConsumerMain {

    static final String STARTED = "CONSUMER STARTED";
    static final long MAX_LIFETIME_MINUTES = 15;

    private ConsumerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: ConsumerMain <properties file> <delivery log file>");
            System.exit(2);
        }
        Properties file = new Properties();
        try (InputStream input = Files.newInputStream(Path.of(args[0]))) {
            file.load(input);
        }
        Map<String, String> properties = new HashMap<>();
        file.stringPropertyNames().forEach(name -> properties.put(name, file.getProperty(name)));

        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lifetime-limit");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.schedule(() -> {
            System.out.println("Consumer JVM reached its lifetime limit of " + MAX_LIFETIME_MINUTES + " minutes");
            System.exit(3);
        }, MAX_LIFETIME_MINUTES, TimeUnit.MINUTES);

        DeliveryLog.open(Path.of(args[1]));
        try (FaultApplication application = FaultApplication.start("consumer", properties, MessageConsumer.class)) {
            System.out.println(STARTED);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the parent to close standard input.
            }
            System.out.println("Standard input closed; shutting down");
        }
        System.exit(0);
    }
}
