package io.github.natsjetstream.tck.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The REST endpoints through which the conformance suite drives the application on a runtime
 * in another process. The suite calls the same methods directly on Weld SE.
 */
@Path("/tck")
@ApplicationScoped
public class ConformanceResource {

    /** Longer than the connector's default publish timeout of 5 s, so the connector decides first. */
    private static final long PUBLISH_WAIT_SECONDS = 30;

    @Inject
    Publisher publisher;

    @Inject
    DeliveryLog log;

    /**
     * Publishes one message to {@code tck-out} and waits for the connector's ack.
     *
     * @param payload the payload, sent as UTF-8
     * @param headers NATS headers as {@code name:value} entries; a name may occur several times
     * @return 204 once JetStream has stored the message, 400 for a malformed header, 500 with the
     *     reason when the connector nacks the message, 504 when it neither acks nor nacks in 30 s
     */
    @POST
    @Path("/publish")
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(@QueryParam("payload") String payload, @QueryParam("header") List<String> headers) {
        if (payload == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity("Missing query parameter payload").build();
        }
        Map<String, List<String>> parsedHeaders = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                return Response.status(Response.Status.BAD_REQUEST)
                        .entity("Invalid header '" + header + "', expected name:value")
                        .build();
            }
            parsedHeaders.computeIfAbsent(header.substring(0, colon), name -> new ArrayList<>())
                    .add(header.substring(colon + 1));
        }
        try {
            publisher.publish(payload, parsedHeaders).toCompletableFuture().get(PUBLISH_WAIT_SECONDS, TimeUnit.SECONDS);
            return Response.noContent().build();
        } catch (ExecutionException e) {
            return Response.serverError().entity("Publish of '" + payload + "' was nacked: " + e.getCause()).build();
        } catch (TimeoutException e) {
            return Response.status(Response.Status.GATEWAY_TIMEOUT)
                    .entity("Publish of '" + payload + "' was neither acked nor nacked within "
                            + PUBLISH_WAIT_SECONDS + " s")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.serverError().entity("Interrupted while waiting for the publish of " + payload).build();
        }
    }

    /**
     * Publishes one message to {@code tck-out} with its own subject and message id, and waits for
     * the connector's ack.
     *
     * @return 200 with the {@link PublishReceipt#toLine()} of the PubAck, 400 for a missing
     *     parameter, 500 with the reason when the connector nacks the message or the PubAck is
     *     missing, 504 when it neither acks nor nacks in 30 s
     */
    @POST
    @Path("/publish-routed")
    @Produces(MediaType.TEXT_PLAIN)
    public Response publishRouted(@QueryParam("payload") String payload, @QueryParam("subject") String subject,
                                  @QueryParam("messageId") String messageId) {
        if (payload == null || subject == null || messageId == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity("Missing query parameter: payload, subject and messageId are required")
                    .build();
        }
        try {
            PublishReceipt receipt = publisher.publishRouted(payload, subject, messageId).toCompletableFuture()
                    .get(PUBLISH_WAIT_SECONDS, TimeUnit.SECONDS);
            return Response.ok(receipt.toLine()).build();
        } catch (ExecutionException e) {
            return Response.serverError().entity("Publish of '" + payload + "' failed: " + e.getCause()).build();
        } catch (TimeoutException e) {
            return Response.status(Response.Status.GATEWAY_TIMEOUT)
                    .entity("Publish of '" + payload + "' was neither acked nor nacked within "
                            + PUBLISH_WAIT_SECONDS + " s")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.serverError().entity("Interrupted while waiting for the publish of " + payload).build();
        }
    }

    /** Returns every delivery so far, one {@link Delivery#toLine()} line each. */
    @GET
    @Path("/deliveries")
    @Produces(MediaType.TEXT_PLAIN)
    public String deliveries() {
        StringBuilder text = new StringBuilder();
        for (Delivery delivery : log.deliveries()) {
            text.append(delivery.toLine()).append('\n');
        }
        return text.toString();
    }
}
