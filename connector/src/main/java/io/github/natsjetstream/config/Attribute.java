package io.github.natsjetstream.config;

/**
 * Every configuration attribute of the {@code nats-jetstream} connector.
 *
 * <p>An attribute is read from {@code mp.messaging.incoming.<channel>.<name>} or
 * {@code mp.messaging.outgoing.<channel>.<name>} and, when the channel does not set it, from
 * {@code mp.messaging.connector.nats-jetstream.<name>}. The attribute reference in
 * {@code docs/attributes.md} is generated from this enum by {@link AttributeTable}.
 */
public enum Attribute {

    SERVERS("servers", Direction.BOTH, "string", "nats://localhost:4222",
            "Comma-separated NATS server URLs. User info in a URL is used for authentication and never logged."),
    CLIENT_NAME("client-name", Direction.BOTH, "string", "nats-jetstream-<host name>",
            "Connection name shown by the server's monitoring endpoints."),
    USERNAME("username", Direction.BOTH, "string", null,
            "User for user and password authentication; requires `password`."),
    PASSWORD("password", Direction.BOTH, "string", null,
            "Password for user and password authentication. Never logged."),
    TOKEN("token", Direction.BOTH, "string", null,
            "Token for token authentication. Never logged."),
    CREDS_FILE("creds-file", Direction.BOTH, "path", null,
            "Credentials file with a user JWT and nkey seed, as `nsc` writes it. The file is read at each connect."),
    NKEY_SEED_FILE("nkey-seed-file", Direction.BOTH, "path", null,
            "File with a user nkey seed (`SU...`) for nkey challenge authentication. Never logged."),
    TLS_TRUSTSTORE("tls-truststore", Direction.BOTH, "path", null,
            "Trust store (PKCS12 or JKS) with the certificates that sign the server's certificate. Setting it turns "
                    + "TLS on."),
    TLS_TRUSTSTORE_PASSWORD("tls-truststore-password", Direction.BOTH, "string", null,
            "Password of `tls-truststore`. Never logged."),
    TLS_KEYSTORE("tls-keystore", Direction.BOTH, "path", null,
            "Key store (PKCS12 or JKS) with the client certificate and key, for servers that verify clients "
                    + "(mutual TLS)."),
    TLS_KEYSTORE_PASSWORD("tls-keystore-password", Direction.BOTH, "string", null,
            "Password of `tls-keystore` and of its key. Never logged."),
    CONNECTION_TIMEOUT("connection-timeout", Direction.BOTH, "duration", "5s",
            "Time allowed for each connection attempt."),
    PING_INTERVAL("ping-interval", Direction.BOTH, "duration", "2s",
            "Interval of client pings. Two unanswered pings mark the server as dead, so a dead server is "
                    + "detected within about three intervals (jnats' own default interval is 2 minutes)."),
    RECONNECT_WAIT("reconnect-wait", Direction.BOTH, "duration", "1s",
            "Pause between reconnect attempts to the same server."),
    MAX_RECONNECTS("max-reconnects", Direction.BOTH, "int", "-1",
            "Reconnect attempts before the connection is closed for good; -1 reconnects forever."),
    OPTIONS_CUSTOMIZER("options-customizer", Direction.BOTH, "bean name", null,
            "`@Named` CDI bean implementing `JetStreamOptionsCustomizer` that changes the jnats `Options` after "
                    + "the connector set its own and before it connects. Channels share a connection only when they "
                    + "name the same bean. See docs/security.md."),

    SUBJECT("subject", Direction.BOTH, "string", "the channel name",
            "Subject to consume from (incoming) or publish to (outgoing). A `$N` suffix that a runtime adds "
                    + "to a channel name for concurrency is removed first."),
    STREAM("stream", Direction.BOTH, "string", "derived from the subject",
            "Stream to use. When unset, the stream that captures the subject is used; when none does, the "
                    + "created stream is named after the first subject token, upper-cased, with `-` replaced by `_`."),
    STREAM_SUBJECTS("stream-subjects", Direction.BOTH, "string list", "`<first token>.>`",
            "Comma-separated subjects of a stream that the connector creates. A single-token subject also "
                    + "adds the token itself, so that the stream captures it."),
    STREAM_STORAGE("stream-storage", Direction.BOTH, "`file`, `memory`", "file",
            "Storage of a stream that the connector creates."),
    STREAM_RETENTION("stream-retention", Direction.BOTH, "`limits`, `workqueue`, `interest`", "limits",
            "Retention of a stream that the connector creates. `limits` lets several durables each read every "
                    + "message; `workqueue` deletes a message once acknowledged, as the Go driver did."),
    STREAM_REPLICAS("stream-replicas", Direction.BOTH, "int", "1",
            "Replicas of a stream that the connector creates."),
    AUTO_CREATE_STREAM("auto-create-stream", Direction.BOTH, "boolean", "true",
            "Create the stream when no stream captures the subject. When false, a missing stream fails startup."),

    DURABLE("durable", Direction.INCOMING, "string", null,
            "Required. Durable pull consumer name. Instances that use the same durable share the messages."),
    BATCH_SIZE("batch-size", Direction.INCOMING, "int", "10",
            "Maximum messages per pull request, and of messages handed to the application and not yet acked "
                    + "or nacked. The connector holds at most two batches in all: the next pull goes out while "
                    + "at most one batch is held, so that the next messages are waiting when the application asks."),
    FETCH_WAIT("fetch-wait", Direction.INCOMING, "duration", "5s",
            "Expiry of each pull request: how long the server holds it open while the stream has no messages."),
    ACK_WAIT("ack-wait", Direction.INCOMING, "duration", "server default (30s)",
            "Time the server waits for an ack before it redelivers. Set on a new durable, and updated on an "
                    + "existing one whose value differs."),
    MAX_DELIVER("max-deliver", Direction.INCOMING, "int", "server default (unlimited)",
            "Maximum deliveries of one message. Set on a new durable, and updated on an existing one whose value "
                    + "differs."),
    MAX_ACK_PENDING("max-ack-pending", Direction.INCOMING, "int", "server default (1000)",
            "Maximum unacknowledged messages across all instances of the durable. Set on a new durable, and "
                    + "updated on an existing one whose value differs."),
    DELIVER_POLICY("deliver-policy", Direction.INCOMING, "`all`, `last`, `new`, `last-per-subject`", "all",
            "Where a new durable starts in the stream. The server cannot change it, so an existing durable with "
                    + "another policy fails startup."),
    CONSUMER_RECREATE("consumer-recreate", Direction.INCOMING, "boolean", "true",
            "When the durable or its stream disappears while the channel runs, create it again (true) or fail the "
                    + "channel (false). Either way the event is logged."),
    PAYLOAD_TYPE("payload-type", Direction.INCOMING, "`bytes`, `string`, `json`", "bytes",
            "Payload type handed to the application: `bytes` gives `byte[]`, `string` decodes UTF-8 to `String`, "
                    + "`json` decodes JSON to `payload-class` with Jackson or JSON-B, whichever the application has. "
                    + "A body that fails to decode is nacked without calling the method. See docs/payloads.md."),
    PAYLOAD_CLASS("payload-class", Direction.INCOMING, "class name", null,
            "Fully qualified class that `payload-type=json` decodes bodies to, loaded from the application. "
                    + "Required with `json`, and rejected with the other payload types."),
    IN_PROGRESS_ACKS("in-progress-acks", Direction.INCOMING, "boolean", "true",
            "Send in-progress acks (`+WPI`) every third of the durable's ack wait for held messages, those in "
                    + "flight and those waiting in the connector, held longer than a sixth of it, so that slow "
                    + "processing causes no redelivery."),
    MAX_PROCESSING_TIME("max-processing-time", Direction.INCOMING, "duration", "5m",
            "How long in-progress acks keep one message from being redelivered. After that the server "
                    + "redelivers it once ack wait passes."),
    FAILURE_STRATEGY("failure-strategy", Direction.INCOMING, "`nak`, `term`, `dead-letter`, `fail`, `ignore`", "nak",
            "What a nack or a method's exception does: `nak` redelivers after a delay, `term` stops redelivery, "
                    + "`dead-letter` publishes a copy to `dead-letter-subject` and then terminates the original, "
                    + "`fail` fails the channel, `ignore` acks and logs. With `nak`, the last delivery that "
                    + "`max-deliver` allows goes to `dead-letter-subject` when it is set."),
    NAK_DELAY("nak-delay", Direction.INCOMING, "duration", "0s",
            "Redelivery delay of a nak when neither the application nor `nak-backoff` sets one."),
    NAK_BACKOFF("nak-backoff", Direction.INCOMING, "duration list", "",
            "Comma-separated redelivery delays for the first, second, ... delivery; the last entry applies to "
                    + "later deliveries. A `RedeliverLaterException` in the nack reason or its causes overrides it."),
    DEAD_LETTER_SUBJECT("dead-letter-subject", Direction.INCOMING, "string", null,
            "Subject for copies of failed messages. Required by `dead-letter`; the stream that captures it is "
                    + "found or created like the channel's own."),
    SHUTDOWN_TIMEOUT("shutdown-timeout", Direction.BOTH, "duration", "10s",
            "At shutdown, how long to wait for messages in flight to be acknowledged (incoming) or for pending "
                    + "PubAcks (outgoing)."),

    PUBLISH_TIMEOUT("publish-timeout", Direction.OUTGOING, "duration", "5s",
            "Time to wait for the PubAck. On expiry the message is negatively acknowledged with a "
                    + "`TimeoutException`; the server may still have stored it."),
    PUBLISH_RETRIES("publish-retries", Direction.OUTGOING, "int", "0",
            "Extra attempts for a publish that timed out or found no responder. Each attempt carries the same "
                    + "`Nats-Msg-Id` (generated when the message has none), so the stream's duplicate window stores "
                    + "the message once."),
    MAX_INFLIGHT("max-inflight", Direction.OUTGOING, "int", "1024",
            "Maximum publishes awaiting a PubAck at once. 1 publishes strictly one message at a time.");

    /** Channel direction that reads an attribute. */
    public enum Direction {
        INCOMING, OUTGOING, BOTH;

        String label() {
            return this == BOTH ? "both" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String key;
    private final Direction direction;
    private final String type;
    private final String defaultValue;
    private final String description;

    Attribute(String key, Direction direction, String type, String defaultValue, String description) {
        this.key = key;
        this.direction = direction;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** Attribute name as written in MicroProfile Config, for example {@code batch-size}. */
    public String key() {
        return key;
    }

    public Direction direction() {
        return direction;
    }

    public String type() {
        return type;
    }

    /** Documented default, or {@code null} when the attribute has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
