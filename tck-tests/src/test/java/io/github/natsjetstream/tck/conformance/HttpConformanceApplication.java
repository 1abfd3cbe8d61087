package io.github.natsjetstream.tck.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.natsjetstream.tck.app.Delivery;
import io.github.natsjetstream.tck.app.PublishReceipt;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the conformance application's REST resource ({@code ConformanceResource}) over HTTP.
 * Closing it runs the runtime adapter's stop action.
 */
public final class HttpConformanceApplication implements ConformanceApplication {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    private final String description;
    private final URI baseUri;
    private final Runnable runningCheck;
    private final Runnable stopAction;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean closed;

    /**
     * @param description names the runtime and instance in error messages
     * @param baseUri the application's root, for example {@code http://127.0.0.1:8080/}
     * @param runningCheck implements {@link #checkRunning()}
     * @param stopAction stops the application and waits until it has stopped
     */
    public HttpConformanceApplication(String description, URI baseUri, Runnable runningCheck, Runnable stopAction) {
        this.description = description;
        this.baseUri = baseUri;
        this.runningCheck = runningCheck;
        this.stopAction = stopAction;
    }

    @Override
    public void checkRunning() {
        runningCheck.run();
    }

    @Override
    public void publish(String payload, Map<String, List<String>> headers) {
        StringBuilder query = new StringBuilder("tck/publish?payload=").append(URLEncoder.encode(payload, UTF_8));
        headers.forEach((name, values) -> {
            for (String value : values) {
                query.append("&header=").append(URLEncoder.encode(name + ":" + value, UTF_8));
            }
        });
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(query.toString()))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            checkRunning();
            throw new PublishFailedException("POST " + request.uri() + " to " + description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted during POST " + request.uri(), e);
        }
        if (response.statusCode() != 204) {
            throw new PublishFailedException("POST " + request.uri() + " to " + description + " returned status "
                    + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public PublishReceipt publishRouted(String payload, String subject, String messageId) {
        String query = "tck/publish-routed?payload=" + URLEncoder.encode(payload, UTF_8)
                + "&subject=" + URLEncoder.encode(subject, UTF_8)
                + "&messageId=" + URLEncoder.encode(messageId, UTF_8);
        HttpResponse<String> response = post(baseUri.resolve(query));
        if (response.statusCode() != 200) {
            throw new PublishFailedException("POST " + response.uri() + " to " + description + " returned status "
                    + response.statusCode() + ": " + response.body());
        }
        return PublishReceipt.fromLine(response.body());
    }

    private HttpResponse<String> post(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            checkRunning();
            throw new PublishFailedException("POST " + uri + " to " + description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted during POST " + uri, e);
        }
    }

    @Override
    public List<Delivery> deliveries() {
        HttpResponse<String> response = get(baseUri.resolve("tck/deliveries"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + response.uri() + " of " + description + " returned status "
                    + response.statusCode() + ": " + response.body());
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                deliveries.add(Delivery.fromLine(line));
            }
        }
        return deliveries;
    }

    /**
     * Returns whether {@code GET /tck/deliveries} responds with status 200, which means that the
     * runtime has deployed the application.
     */
    public boolean isReady() {
        try {
            return client.send(HttpRequest.newBuilder(baseUri.resolve("tck/deliveries"))
                            .timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            checkRunning();
            throw new IllegalStateException("GET " + uri + " of " + description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + uri, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAction.run();
    }

    @Override
    public String toString() {
        return description + " at " + baseUri;
    }
}
