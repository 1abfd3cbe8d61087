package io.github.natsjetstream.outgoing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

import io.github.natsjetstream.provisioning.Subjects;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;

/**
 * The subjects of an outgoing channel's stream, which bound the subjects its messages may set.
 *
 * <p>The subjects are read from the server when the first message sets a subject of its own, and
 * read again when a message sets a subject that they do not capture, at most once per
 * {@link #REFRESH_INTERVAL}, so that a subject added to the stream while the channel runs is
 * accepted. Each read is a blocking request on the thread that hands the message to the channel.
 */
final class StreamSubjects {

    private static final System.Logger LOG = System.getLogger(StreamSubjects.class.getName());
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

    private final String channel;
    private final String stream;
    private final JetStreamManagement management;
    private volatile List<String> subjects;
    private volatile long nextRefreshNanos;

    StreamSubjects(String channel, String stream, JetStreamManagement management) {
        this.channel = channel;
        this.stream = stream;
        this.management = management;
    }

    String stream() {
        return stream;
    }

    /**
     * Checks a subject that a message sets.
     *
     * @throws IllegalArgumentException naming the channel, the subject and the stream's subjects,
     *     when the subject is not a valid literal subject or the stream does not capture it
     */
    void requireCaptured(String subject) {
        String problem = syntaxProblem(subject);
        if (problem != null) {
            throw new IllegalArgumentException("Channel '" + channel + "' cannot publish to subject '" + subject
                    + "': " + problem + ". Set a subject such as 'orders.created', with tokens separated by dots.");
        }

        if (subjects == null || !captures(subjects, subject)) {
            refresh();
        }
        List<String> current = subjects;
        if (current == null) {
            throw new IllegalStateException("Channel '" + channel + "' cannot check subject '" + subject
                    + "': reading the subjects of its stream '" + stream + "' failed (see the warning in the log). "
                    + "Send the message again once the server responds.");
        }
        if (!captures(current, subject)) {
            throw new IllegalArgumentException("Channel '" + channel + "' cannot publish to subject '" + subject
                    + "': the channel's stream '" + stream + "' has subjects " + current
                    + ", which do not capture it. Send to a subject that the stream captures, or add the subject "
                    + "to the stream's subjects.");
        }
    }

    private void refresh() {
        long now = System.nanoTime();
        if (subjects != null && now - nextRefreshNanos < 0) {
            return;
        }
        nextRefreshNanos = now + REFRESH_INTERVAL.toNanos();

        try {
            subjects = List.copyOf(management.getStreamInfo(stream).getConfiguration().getSubjects());
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "Channel ''{0}'' failed to read the subjects of stream {1}, so messages that set "
                    + "their own subject are checked against the subjects read before, {2}: {3}", channel, stream,
                    String.valueOf(subjects), e.toString());
        }
    }

    private static boolean captures(List<String> filters, String subject) {
        return filters.stream().anyMatch(filter -> Subjects.captures(filter, subject));
    }

    /** Returns why the subject cannot be published to, or {@code null} when it can. */
    static String syntaxProblem(String subject) {
        if (subject.isEmpty() || subject.chars().anyMatch(Character::isWhitespace)) {
            return "a subject must not be empty or contain whitespace";
        }
        for (String token : subject.split("\\.", -1)) {
            if (token.isEmpty()) {
                return "a subject must not start or end with a dot or contain two dots in a row";
            }
            if (token.equals("*") || token.equals(">")) {
                return "a message is published to one subject, so its subject must not contain the wildcard '"
                        + token + "'";
            }
        }
        return null;
    }
}
