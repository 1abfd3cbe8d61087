package io.github.natsjetstream.outgoing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.natsjetstream.config.NatsNames;

/**
 * Runs the completions of a channel's publishes, one at a time and in the order submitted, on the
 * channel's publish thread, so that application callbacks never run on the NATS connection's
 * threads.
 *
 * <p>The thread drains every completion queued while it runs, so a burst of PubAcks costs one
 * hand-off rather than one executor task each.
 */
final class PublishCompletions {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger work = new AtomicInteger();
    private final ExecutorService thread;

    PublishCompletions(String channel) {
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, "nats-jetstream-publish-" + NatsNames.safeName(channel));
            created.setDaemon(true);
            return created;
        });
    }

    void submit(Runnable completion) {
        queue.add(completion);
        if (work.getAndIncrement() != 0) {
            return;
        }
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain();
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Runnable completion;
            while ((completion = queue.poll()) != null) {
                completion.run();
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Lets queued completions finish and then ends the thread; later ones run on the caller. */
    void shutdown() {
        thread.shutdown();
    }
}
