package io.github.natsjetstream.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.natsjetstream.config.Attribute;
import io.github.natsjetstream.config.ChannelConfig;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * The authentication method of a connection: user and password, a token, a creds file (JWT and
 * nkey seed) or an nkey seed file. At most one of them may be set. {@link #toString()} shows no
 * secret.
 */
public record Credentials(Optional<String> username, Optional<String> password, Optional<String> token,
                          Optional<Path> credsFile, Optional<Path> nkeySeedFile) {

    static Credentials from(ChannelConfig config) {
        Optional<String> username = config.string(Attribute.USERNAME);
        Optional<String> password = config.string(Attribute.PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            String missing = username.isPresent() ? Attribute.PASSWORD.key() : Attribute.USERNAME.key();
            throw new IllegalArgumentException("Channel '" + config.channel() + "' sets only one of '"
                    + Attribute.USERNAME.key() + "' and '" + Attribute.PASSWORD.key() + "'. Set '" + missing
                    + "' too, or remove the other.");
        }

        Credentials credentials = new Credentials(username, password, config.string(Attribute.TOKEN),
                readableFile(config, Attribute.CREDS_FILE), readableFile(config, Attribute.NKEY_SEED_FILE));
        credentials.requireOneMethod(config.channel());
        return credentials;
    }

    /** Returns the file the attribute names, after checking that it can be read. */
    static Optional<Path> readableFile(ChannelConfig config, Attribute attribute) {
        Optional<String> value = config.string(attribute);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw config.invalid(attribute, value.get(), "a readable file; check the path and its permissions");
        }
        return Optional.of(path);
    }

    private void requireOneMethod(String channel) {
        List<String> methods = new ArrayList<>();
        username.ifPresent(value -> methods.add(Attribute.USERNAME.key() + "/" + Attribute.PASSWORD.key()));
        token.ifPresent(value -> methods.add(Attribute.TOKEN.key()));
        credsFile.ifPresent(value -> methods.add(Attribute.CREDS_FILE.key()));
        nkeySeedFile.ifPresent(value -> methods.add(Attribute.NKEY_SEED_FILE.key()));
        if (methods.size() > 1) {
            throw new IllegalArgumentException("Channel '" + channel + "' sets several authentication methods: "
                    + String.join(", ", methods) + ". Keep exactly one of them.");
        }
    }

    void applyTo(Options.Builder builder) {
        if (username.isPresent()) {
            builder.userInfo(username.get().toCharArray(), password.orElseThrow().toCharArray());
        }
        token.ifPresent(value -> builder.token(value.toCharArray()));
        credsFile.ifPresent(path -> builder.authHandler(Nats.credentials(path.toString())));
        nkeySeedFile.ifPresent(path -> builder.authHandler(Nats.credentials(null, path.toString())));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username.orElse("") + ", password=" + (password.isPresent() ? "***" : "")
                + ", token=" + (token.isPresent() ? "***" : "")
                + ", credsFile=" + credsFile.map(Path::toString).orElse("")
                + ", nkeySeedFile=" + nkeySeedFile.map(Path::toString).orElse("") + "]";
    }
}
