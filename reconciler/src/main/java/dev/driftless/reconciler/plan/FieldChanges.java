package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecFields;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedImage;
import dev.driftless.reconciler.state.ObservedImages;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a container is replaced, in the words of the fields that changed: "environment FOO changed;
 * restart, healthcheck changed". The container's {@link OwnershipLabels#SPEC_FIELDS} label holds
 * a fingerprint of each field it was created with; comparing them with the desired service's
 * ({@link SpecFields#of}) names the fields. Secrets keep {@link SecretChanges}'s wording and are
 * never named as plain environment; no value is ever shown, only the old and new image names.
 *
 * <p>A container without the label (made by an older Driftless, or the label edited by hand), or
 * whose fingerprints show no difference, gets the reason it got before the label existed.
 */
final class FieldChanges {

    /** How many names a reason shows before "and N more". */
    static final int SHOWN = 5;

    private FieldChanges() {
    }

    private enum Change {
        CHANGED, ADDED, REMOVED;

        String verb() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The reason to replace {@code container} by {@code service}; {@code otherwise} (the spec hash
     * wording) when the container's fields are unknown or show no difference.
     */
    static String reason(DesiredService service, ObservedContainer container, ObservedImages images,
            String otherwise) {
        Map<String, String> before = OwnershipLabels.specFields(container);
        if (container.specHash().isEmpty() || before.isEmpty()) {
            return SecretChanges.reason(service, container, otherwise);
        }
        Map<String, String> after = SpecFields.of(service);
        Set<String> secrets = new TreeSet<>(service.secretKeys());
        secrets.addAll(OwnershipLabels.secretDigests(container).keySet());

        Optional<String> image = Optional.empty();
        // Clause (a group of names and a verb) to the names in it, in the order they are shown.
        Map<String, List<String>> plain = new LinkedHashMap<>();
        Map<String, List<String>> secret = new LinkedHashMap<>();
        for (Change change : Change.values()) {
            for (String field : fields(before, after, change)) {
                if (field.equals("image")) {
                    image = Optional.of("image changed" + imageNames(before.get(field), service, container, images));
                } else if (field.startsWith("environment.")) {
                    String name = field.substring("environment.".length());
                    add(secrets.contains(name) ? secret : plain, secrets.contains(name) ? "secret" : "environment",
                            change, name);
                } else if (field.startsWith("labels.")) {
                    add(plain, "label", change, field.substring("labels.".length()));
                } else {
                    // A field set or unset is still that field changed: "restart changed".
                    add(plain, "", Change.CHANGED, field);
                }
            }
        }
        if (image.isEmpty() && plain.isEmpty() && secret.isEmpty()) {
            return SecretChanges.reason(service, container, otherwise);
        }
        List<String> clauses = new ArrayList<>();
        image.ifPresent(clauses::add);
        clauses.addAll(capped(plain, SHOWN - clauses.size()));
        if (!secret.isEmpty()) {
            clauses.add(String.join("; ", capped(secret, Integer.MAX_VALUE)) + " (values not shown)");
        }
        return String.join("; ", clauses);
    }

    /** The fields that {@code change} between the two fingerprint maps, sorted. */
    private static Set<String> fields(Map<String, String> before, Map<String, String> after, Change change) {
        Set<String> fields = new TreeSet<>();
        switch (change) {
            case CHANGED -> before.keySet().stream().filter(after::containsKey)
                    .filter(field -> !Objects.equals(before.get(field), after.get(field))).forEach(fields::add);
            case ADDED -> after.keySet().stream().filter(field -> !before.containsKey(field)).forEach(fields::add);
            case REMOVED -> before.keySet().stream().filter(field -> !after.containsKey(field)).forEach(fields::add);
        }
        return fields;
    }

    private static void add(Map<String, List<String>> clauses, String group, Change change, String name) {
        clauses.computeIfAbsent(group + "\n" + change.verb(), key -> new ArrayList<>()).add(name);
    }

    /** Each clause as words, showing {@code shown} names at most, then "and N more". */
    private static List<String> capped(Map<String, List<String>> clauses, int shown) {
        List<String> words = new ArrayList<>();
        int left = Math.max(shown, 1);
        int hidden = 0;
        for (Map.Entry<String, List<String>> clause : clauses.entrySet()) {
            List<String> names = clause.getValue();
            int showing = Math.min(left, names.size());
            hidden += names.size() - showing;
            left -= showing;
            if (showing > 0) {
                String[] groupAndVerb = clause.getKey().split("\n", 2);
                String group = groupAndVerb[0].equals("label") && showing > 1 ? "labels" : groupAndVerb[0];
                words.add((group.isEmpty() ? "" : group + " ") + String.join(", ", names.subList(0, showing))
                        + " " + groupAndVerb[1]);
            }
        }
        if (hidden > 0) {
            words.set(words.size() - 1, words.get(words.size() - 1) + " and " + hidden + " more");
        }
        return words;
    }

    /**
     * " (old -> new)" when the engine still knows the container's image by a name whose
     * fingerprint is the one the container was created with; "" when that cannot be told.
     */
    private static String imageNames(String fingerprint, DesiredService service, ObservedContainer container,
            ObservedImages images) {
        if (container.imageId().isEmpty()) {
            return "";
        }
        return images.withId(container.imageId()).map(ObservedImage::references).orElse(List.of()).stream()
                .flatMap(reference -> reference.endsWith(":latest")
                        ? java.util.stream.Stream.of(reference, reference.substring(0, reference.length() - 7))
                        : java.util.stream.Stream.of(reference))
                .filter(name -> SpecFields.ofImage(name).equals(fingerprint))
                .findFirst()
                .map(old -> " (" + old + " -> " + service.image() + ")")
                .orElse("");
    }
}
