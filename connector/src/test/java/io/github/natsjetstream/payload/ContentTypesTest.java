package io.github.natsjetstream.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void jsonMediaTypesAreJson() {
        for (String value : List.of("application/json", "Application/JSON", " application/json ",
                "application/json; charset=utf-8", "application/json;charset=UTF-8", "application/cloudevents+json",
                "application/problem+json; profile=x")) {
            assertThat(ContentTypes.isJson(value)).as(value).isTrue();
        }
    }

    @Test
    void otherMediaTypesAreNotJson() {
        for (String value : List.of("", "text/plain", "text/json", "application/json-seq", "application/jsonp",
                "application/octet-stream", "json", "text/plain; format=application/json")) {
            assertThat(ContentTypes.isJson(value)).as(value).isFalse();
        }
        assertThat(ContentTypes.isJson(null)).isFalse();
    }

    @Test
    void headerNameMatchesInAnySpelling() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Trace", List.of("a"));
        headers.put("content-type", List.of("application/json", "text/plain"));

        assertThat(ContentTypes.find(headers)).contains("application/json");
        assertThat(ContentTypes.find(Map.of("Trace", List.of("a")))).isEmpty();
        assertThat(ContentTypes.find(Map.of("Content-Type", List.of()))).isEmpty();
    }

    @Test
    void contentTypeAddedOnlyForObjectPayloads() {
        Map<String, List<String>> none = Map.of();
        Map<String, List<String>> own = Map.of("CONTENT-TYPE", List.of("application/vnd.orders+json"));

        assertThat(JsonPayloadEncoder.withContentType(none, new Object())).containsEntry("Content-Type",
                List.of("application/json"));
        assertThat(JsonPayloadEncoder.withContentType(own, new Object())).isEqualTo(own);
        assertThat(JsonPayloadEncoder.withContentType(none, "text")).isEmpty();
        assertThat(JsonPayloadEncoder.withContentType(none, new byte[0])).isEmpty();
    }
}
