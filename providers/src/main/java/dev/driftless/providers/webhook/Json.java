package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, total reads from a parsed payload. A field of the wrong type reads as absent, so a
 * hostile or odd payload leads to "missing field" (400) or "unknown" (conservative), never to a
 * {@code ClassCastException}.
 */
final class Json {

    private Json() {
    }

    /** The node at the path of object fields; a missing node when any step is absent or not an object. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }

    /** The text at the path, when it is a JSON string. */
    static Optional<String> text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The text at the path, or a 400 naming the field. */
    static String requiredText(JsonNode node, String... path) throws MalformedPayloadException {
        return text(node, path).orElseThrow(() -> new MalformedPayloadException(
                "the payload has no string field '" + String.join(".", path) + "'"));
    }

    /** Whether the value at the path is the JSON literal {@code true}. */
    static boolean isTrue(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isBoolean() && value.booleanValue();
    }

    /** The integer at the path, when it is a JSON integer that fits a long. */
    static Optional<Long> integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isIntegralNumber() && value.canConvertToLong() ? Optional.of(value.longValue()) : Optional.empty();
    }

    /** The strings of the array at the path; empty when it is not an array of strings only. */
    static Optional<List<String>> strings(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (!value.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            out.add(element.asText());
        }
        return Optional.of(out);
    }

    /** The non-blank texts found at each of the paths (each path is dot-separated), in order. */
    static List<String> texts(JsonNode node, Collection<String> dottedPaths) {
        List<String> out = new ArrayList<>();
        for (String dotted : dottedPaths) {
            text(node, dotted.split("\\.")).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The union of {@code added}, {@code modified} and {@code removed} over every commit, or
     * empty (unknown) when the list is not a non-empty array of commits that each carry all three
     * lists of strings.
     */
    static Optional<Set<String>> changedFiles(JsonNode commits) {
        if (!commits.isArray() || commits.isEmpty()) {
            return Optional.empty();
        }
        Set<String> paths = new TreeSet<>();
        for (JsonNode commit : commits) {
            for (String list : List.of("added", "modified", "removed")) {
                Optional<List<String>> files = strings(commit, list);
                if (files.isEmpty()) {
                    return Optional.empty();
                }
                for (String file : files.get()) {
                    if (!file.isEmpty()) {
                        paths.add(file);
                    }
                }
            }
        }
        return Optional.of(paths);
    }
}
