package io.github.natsjetstream.connection;

import java.nio.file.Path;
import java.util.Optional;

import io.github.natsjetstream.config.Attribute;
import io.github.natsjetstream.config.ChannelConfig;
import io.nats.client.Options;

/**
 * TLS trust and client identity. A trust store makes the connection use TLS and trust the server
 * certificates it contains; a key store adds a client certificate for mutual TLS. Without either,
 * {@code tls://} server URLs use the JVM's default trust. {@link #toString()} shows no password.
 */
public record TlsSettings(Optional<Path> truststore, Optional<String> truststorePassword,
                          Optional<Path> keystore, Optional<String> keystorePassword) {

    static TlsSettings from(ChannelConfig config) {
        Optional<Path> keystore = Credentials.readableFile(config, Attribute.TLS_KEYSTORE);
        Optional<String> keystorePassword = config.string(Attribute.TLS_KEYSTORE_PASSWORD);
        if (keystore.isPresent() && keystorePassword.isEmpty()) {
            throw new IllegalArgumentException("Channel '" + config.channel() + "' sets '"
                    + Attribute.TLS_KEYSTORE.key() + "' but no '" + Attribute.TLS_KEYSTORE_PASSWORD.key()
                    + "'. Set the key store's password.");
        }
        return new TlsSettings(Credentials.readableFile(config, Attribute.TLS_TRUSTSTORE),
                config.string(Attribute.TLS_TRUSTSTORE_PASSWORD), keystore, keystorePassword);
    }

    void applyTo(Options.Builder builder) {
        truststore.ifPresent(path -> builder.truststorePath(path.toString()));
        truststorePassword.ifPresent(value -> builder.truststorePassword(value.toCharArray()));
        keystore.ifPresent(path -> builder.keystorePath(path.toString()));
        keystorePassword.ifPresent(value -> builder.keystorePassword(value.toCharArray()));
    }

    @Override
    public String toString() {
        return "TlsSettings[truststore=" + truststore.map(Path::toString).orElse("") + ", keystore="
                + keystore.map(Path::toString).orElse("") + "]";
    }
}
