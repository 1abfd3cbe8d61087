package io.github.natsjetstream.samples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * REST endpoints of the order service: {@code POST /orders} publishes one order line, and
 * {@code GET /orders/report} shows what the processor has done with the orders so far.
 */
@Path("/orders")
@ApplicationScoped
public class OrderResource {

    /** Longer than the connector's default publish timeout of 5 s, so the connector decides first. */
    private static final long PUBLISH_WAIT_SECONDS = 30;

    private static final Logger LOG = System.getLogger(OrderResource.class.getName());

    @Inject
    OrderPublisher publisher;

    @Inject
    OrderReport report;

    /**
     * Publishes the request body, one order line such as {@code A-1,alice,book,2,12.50}, and waits
     * until JetStream has stored it. The processor validates the order, so a malformed line is
     * stored too and shows up as nacked in the report.
     *
     * @return 202 once JetStream has stored the order, 400 for an empty body, 500 with the reason
     *     when the connector nacks the publish, 504 when it neither acks nor nacks within 30 s
     */
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(String line) {
        if (line == null || line.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity("Missing order: send one line id,customer,item,quantity,unitPrice as the request body\n")
                    .build();
        }
        String order = line.strip();
        try {
            publisher.publish(order).toCompletableFuture().get(PUBLISH_WAIT_SECONDS, TimeUnit.SECONDS);
            return Response.accepted("Stored order " + Order.idOf(order) + " in JetStream\n").build();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Publish of order '" + order + "' failed", e.getCause());
            return Response.serverError()
                    .entity("Publish of order '" + order + "' failed: " + e.getCause()
                            + ". Check that the NATS server is reachable, then send the order again.\n")
                    .build();
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Publish of order ''{0}'' was neither acked nor nacked within {1} s",
                    order, PUBLISH_WAIT_SECONDS);
            return Response.status(Response.Status.GATEWAY_TIMEOUT)
                    .entity("Publish of order '" + order + "' was neither acked nor nacked within "
                            + PUBLISH_WAIT_SECONDS + " s. JetStream may still have stored it, so check the"
                            + " report before you send it again.\n")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Interrupted while publishing order ''{0}''", order);
            return Response.serverError().entity("Interrupted while publishing order '" + order + "'\n").build();
        }
    }

    /** Returns the counts of received, acked and nacked orders and one line per delivery. */
    @GET
    @Path("/report")
    @Produces(MediaType.TEXT_PLAIN)
    public String report() {
        return report.toText();
    }
}
