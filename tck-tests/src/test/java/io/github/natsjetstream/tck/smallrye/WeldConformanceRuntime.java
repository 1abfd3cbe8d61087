package io.github.natsjetstream.tck.smallrye;

import io.github.natsjetstream.tck.app.Delivery;
import io.github.natsjetstream.tck.app.DeliveryLog;
import io.github.natsjetstream.tck.app.PublishReceipt;
import io.github.natsjetstream.tck.app.Publisher;
import io.github.natsjetstream.tck.conformance.ConformanceApplication;
import io.github.natsjetstream.tck.conformance.ConformanceRuntime;
import io.github.natsjetstream.tck.conformance.PublishFailedException;
import io.github.natsjetstream.tck.runtime.RunningApplication;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the conformance application on SmallRye Reactive Messaging in a Weld SE container inside
 * the test JVM, and drives it by calling its beans: the REST resource's {@code Response} needs a
 * Jakarta REST implementation, which Weld SE does not have.
 */
public final class WeldConformanceRuntime implements ConformanceRuntime {

    private final WeldSmallRyeRuntime weld = new WeldSmallRyeRuntime();

    @Override
    public ConformanceApplication start(String name, Map<String, String> properties) {
        return new WeldConformanceApplication(weld.startConformanceApplication(name, properties));
    }

    private record WeldConformanceApplication(RunningApplication application) implements ConformanceApplication {

        @Override
        public void publish(String payload, Map<String, List<String>> headers) {
            try {
                application.bean(Publisher.class).publish(payload, headers).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new PublishFailedException("Publish of '" + payload + "' was nacked: " + e.getCause(), e);
            } catch (TimeoutException e) {
                throw new PublishFailedException("Publish of '" + payload + "' was neither acked nor nacked in 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("Interrupted while publishing " + payload, e);
            }
        }

        @Override
        public PublishReceipt publishRouted(String payload, String subject, String messageId) {
            try {
                return application.bean(Publisher.class).publishRouted(payload, subject, messageId)
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new PublishFailedException("Publish of '" + payload + "' failed: " + e.getCause(), e);
            } catch (TimeoutException e) {
                throw new PublishFailedException("Publish of '" + payload + "' was neither acked nor nacked in 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("Interrupted while publishing " + payload, e);
            }
        }

        @Override
        public List<Delivery> deliveries() {
            return application.bean(DeliveryLog.class).deliveries();
        }

        @Override
        public void close() {
            application.close();
        }
    }
}
