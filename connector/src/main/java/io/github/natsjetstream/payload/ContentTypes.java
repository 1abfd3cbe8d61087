package io.github.natsjetstream.payload;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Content-Type} header: which values mean JSON, and how to find it among NATS headers.
 */
public final class ContentTypes {

    public static final String HEADER = "Content-Type";
    public static final String JSON = "application/json";

    private ContentTypes() {
    }

    /**
     * Returns whether the media type is {@code application/json} or an {@code application/...+json}
     * type (RFC 6839), ignoring case and parameters such as {@code charset}.
     */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }

        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim().toLowerCase(Locale.ROOT);
        return mediaType.equals(JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /**
     * Returns the first value of the {@code Content-Type} header. The name is matched
     * case-insensitively, as in HTTP, so {@code content-type} counts too.
     */
    public static Optional<String> find(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(HEADER) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
