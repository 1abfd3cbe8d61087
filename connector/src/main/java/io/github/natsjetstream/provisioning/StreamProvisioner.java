package io.github.natsjetstream.provisioning;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.natsjetstream.config.NatsNames;
import io.github.natsjetstream.config.StreamSettings;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

/**
 * Finds the stream that captures a channel's subject, or creates one.
 *
 * <p>An existing stream is used as it is and never modified. A created stream is named the way the
 * older Go driver named it (first subject token upper-cased, {@code -} replaced by {@code _}, with
 * subjects {@code <first token>.>}), so that services on both clients share it.
 */
public final class StreamProvisioner {

    private static final System.Logger LOG = System.getLogger(StreamProvisioner.class.getName());

    /** JetStream API error code for "subjects overlap with an existing stream". */
    private static final int SUBJECT_OVERLAP = 10065;
    /** JetStream API error code for "stream name already in use with a different configuration". */
    private static final int STREAM_NAME_IN_USE = 10058;
    private static final int STREAM_NOT_FOUND = 10059;

    private final JetStreamManagement management;
    private final String channel;

    public StreamProvisioner(JetStreamManagement management, String channel) {
        this.management = management;
        this.channel = channel;
    }

    /**
     * Returns the name of the stream that captures the subject, creating it when none does and
     * the settings allow it.
     */
    public String ensureStream(String subject, StreamSettings settings) {
        try {
            if (settings.name().isPresent()) {
                return ensureNamedStream(settings.name().get(), subject, settings);
            }
            return ensureDerivedStream(subject, settings);
        } catch (IOException e) {
            throw new IllegalStateException("Channel '" + channel + "' failed to look up the stream for subject '"
                    + subject + "': " + e.getMessage() + ". Check that JetStream is enabled on the server "
                    + "(nats-server -js) and that the account may use it.", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("Channel '" + channel + "' failed to look up the stream for subject '"
                    + subject + "': " + e.getMessage(), e);
        }
    }

    private String ensureNamedStream(String name, String subject, StreamSettings settings)
            throws IOException, JetStreamApiException {
        Optional<StreamInfo> existing = streamInfo(name);
        if (existing.isPresent()) {
            requireCaptures(existing.get(), subject);
            LOG.log(Level.DEBUG, "Channel ''{0}'' uses existing stream {1} for subject {2}", channel, name, subject);
            return name;
        }

        List<String> capturing = management.getStreamNames(subject);
        if (!capturing.isEmpty()) {
            throw new IllegalStateException("Channel '" + channel + "' sets stream '" + name
                    + "', which does not exist, but stream(s) " + capturing + " already capture subject '" + subject
                    + "'. Set 'stream' to " + capturing.get(0) + " or remove the attribute.");
        }
        return create(name, subject, settings);
    }

    private String ensureDerivedStream(String subject, StreamSettings settings)
            throws IOException, JetStreamApiException {
        List<String> capturing = management.getStreamNames(subject);
        if (capturing.size() == 1) {
            LOG.log(Level.DEBUG, "Channel ''{0}'' uses existing stream {1} for subject {2}", channel,
                    capturing.get(0), subject);
            return capturing.get(0);
        }
        if (capturing.size() > 1) {
            throw new IllegalStateException("Channel '" + channel + "' subject '" + subject
                    + "' matches subjects of several streams " + capturing + ". Set 'stream' to the one to use.");
        }

        if (NatsNames.isWildcardToken(NatsNames.firstToken(subject))) {
            throw new IllegalStateException("Channel '" + channel + "' subject '" + subject
                    + "' starts with a wildcard, so no stream name can be derived from it and no stream captures it."
                    + " Create the stream, or set 'stream' and 'stream-subjects'.");
        }

        String name = NatsNames.streamNameFor(subject);
        Optional<StreamInfo> sameName = streamInfo(name);
        if (sameName.isPresent()) {
            requireCaptures(sameName.get(), subject);
            return name;
        }
        return create(name, subject, settings);
    }

    private String create(String name, String subject, StreamSettings settings)
            throws IOException, JetStreamApiException {
        if (!settings.autoCreate()) {
            throw new IllegalStateException("Channel '" + channel + "': no stream captures subject '" + subject
                    + "' and 'auto-create-stream' is false. Create stream '" + name
                    + "' first, or set auto-create-stream=true.");
        }

        List<String> subjects = settings.subjects().isEmpty() ? defaultSubjects(subject) : settings.subjects();
        if (subjects.stream().noneMatch(filter -> Subjects.captures(filter, subject))) {
            throw new IllegalArgumentException("Channel '" + channel + "' sets stream-subjects " + subjects
                    + ", which do not capture the channel's subject '" + subject + "'. Add a subject that captures it, "
                    + "such as '" + NatsNames.firstToken(subject) + ".>'.");
        }
        StreamConfiguration configuration = StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(settings.storage())
                .retentionPolicy(settings.retention())
                .replicas(settings.replicas())
                .build();

        try {
            management.addStream(configuration);
            LOG.log(Level.INFO, "Channel ''{0}'' created stream {1} with subjects {2}, {3} storage, {4} retention, "
                    + "{5} replica(s)", channel, name, subjects, settings.storage(), settings.retention(),
                    String.valueOf(settings.replicas()));
            return name;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == SUBJECT_OVERLAP) {
                throw new IllegalStateException(overlapMessage(name, subjects), e);
            }
            if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                // Another instance created it first; use it if it captures the subject.
                Optional<StreamInfo> raced = streamInfo(name);
                if (raced.isPresent()) {
                    requireCaptures(raced.get(), subject);
                    return name;
                }
            }
            throw new IllegalStateException("Channel '" + channel + "' failed to create stream '" + name
                    + "' with subjects " + subjects + ": " + e.getMessage(), e);
        }
    }

    /** Returns {@code <first token>.>}, plus the token itself when the subject has only one token. */
    static List<String> defaultSubjects(String subject) {
        String token = NatsNames.firstToken(subject);
        List<String> subjects = new ArrayList<>();
        if (token.equals(subject)) {
            subjects.add(token);
        }
        subjects.add(token + ".>");
        return subjects;
    }

    private void requireCaptures(StreamInfo info, String subject) {
        List<String> subjects = info.getConfiguration().getSubjects();
        boolean captured = subjects.stream().anyMatch(filter -> Subjects.captures(filter, subject));
        if (!captured) {
            throw new IllegalStateException("Channel '" + channel + "': stream '" + info.getConfiguration().getName()
                    + "' exists with subjects " + subjects + ", which do not capture subject '" + subject
                    + "'. Add the subject to that stream, or set 'stream' to a stream that captures it.");
        }
    }

    private String overlapMessage(String name, List<String> subjects) throws IOException, JetStreamApiException {
        List<String> conflicts = new ArrayList<>();
        for (StreamInfo other : management.getStreams()) {
            for (String otherSubject : other.getConfiguration().getSubjects()) {
                for (String subject : subjects) {
                    if (Subjects.collide(subject, otherSubject)) {
                        conflicts.add("stream '" + other.getConfiguration().getName() + "' has subject '"
                                + otherSubject + "', which overlaps '" + subject + "'");
                    }
                }
            }
        }
        String detail = conflicts.isEmpty() ? "another stream's subjects overlap them" : String.join("; ", conflicts);
        return "Channel '" + channel + "' cannot create stream '" + name + "' with subjects " + subjects + ": "
                + detail + ". Set 'stream' to the existing stream, or set 'stream-subjects' to subjects that do "
                + "not overlap.";
    }

    private Optional<StreamInfo> streamInfo(String name) throws IOException, JetStreamApiException {
        try {
            return Optional.of(management.getStreamInfo(name));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
