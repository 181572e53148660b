package dev.driftless.reconciler.state;

import dev.driftless.manifests.hash.SpecFields;
import dev.driftless.manifests.model.DesiredService;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The labels that make a container Driftless's, and that make it look like an ordinary Compose
 * project to {@code docker compose ps}, Portainer and friends. These names are a public contract
 * (DESIGN.md, "Containers"): scripts and dashboards filter on them.
 */
public final class OwnershipLabels {

    public static final String APP = "dev.driftless.app";
    public static final String SERVICE = "dev.driftless.service";
    public static final String REVISION = "dev.driftless.revision";
    public static final String SPEC_HASH = "dev.driftless.spec-hash";
    /**
     * On a container with secrets only: {@code NAME=digest,…}, each secret's keyed digest (never
     * its value), so that a plan can say which secret changed.
     */
    public static final String SECRET_DIGESTS = "dev.driftless.secret-digests";
    /**
     * A fingerprint of each field of the container's configuration ({@link SpecFields}), as
     * {@code v1;name=fingerprint,…} with names percent-encoded (as in a URL's query), so that a plan can say which fields changed. It explains; only
     * {@link #SPEC_HASH} decides.
     */
    public static final String SPEC_FIELDS = "dev.driftless.spec-fields";
    /**
     * The repository a container was deployed from. An app that leaves a repository is removed
     * only by a reconcile of that repository, so two sources on one engine never prune each
     * other's apps. Containers from before this label existed carry none and are anyone's.
     */
    public static final String SOURCE = "dev.driftless.source";
    /**
     * The target (named in {@code driftless.yaml}) a container, network or volume was made for. A
     * target sees only what carries its name; what carries none was made before targets were
     * labelled and belongs to the local target.
     */
    public static final String TARGET = "dev.driftless.target";

    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";
    public static final String COMPOSE_NUMBER = "com.docker.compose.container-number";
    public static final String COMPOSE_ONEOFF = "com.docker.compose.oneoff";
    public static final String COMPOSE_NETWORK = "com.docker.compose.network";
    public static final String COMPOSE_VOLUME = "com.docker.compose.volume";

    /**
     * On a volume: the repo opted in ({@code x-driftless-prune: true}) to its removal once no
     * service uses it. A volume without it is never removed by Driftless.
     */
    public static final String PRUNE = "dev.driftless.prune";

    /**
     * On a container of ours, set by a person ({@code dev.driftless.ignore=true}): Driftless leaves
     * it exactly as it is, neither healing, replacing nor removing it, until the label is gone.
     */
    public static final String IGNORE = "dev.driftless.ignore";

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{" + SpecFields.LENGTH + "}");

    private OwnershipLabels() {
    }

    /** Whether a person opted the container out of everything Driftless does ({@link #IGNORE}). */
    public static boolean ignored(ObservedContainer container) {
        return "true".equalsIgnoreCase(container.labels().getOrDefault(IGNORE, "").trim());
    }

    /**
     * Every label a container of {@code service} carries: the user's own labels first, then ours,
     * which win, so that a Compose file cannot forge another app's ownership.
     */
    public static Map<String, String> forContainer(String app, DesiredService service, int number, String revision,
            String specHash) {
        Map<String, String> labels = new TreeMap<>(service.labels());
        labels.put(COMPOSE_PROJECT, app);
        labels.put(COMPOSE_SERVICE, service.name());
        labels.put(COMPOSE_NUMBER, Integer.toString(number));
        labels.put(COMPOSE_ONEOFF, "False");
        labels.put(APP, app);
        labels.put(SERVICE, service.name());
        labels.put(REVISION, revision);
        labels.put(SPEC_HASH, specHash);
        if (!service.secretDigests().isEmpty()) {
            labels.put(SECRET_DIGESTS, service.secretDigests().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(",")));
        }
        labels.put(SPEC_FIELDS, SpecFields.VERSION + ";" + SpecFields.of(service).entrySet().stream()
                .map(entry -> escape(entry.getKey()) + "=" + entry.getValue()).collect(Collectors.joining(",")));
        return Map.copyOf(labels);
    }

    /**
     * Whether the app's containers may be pruned by a reconcile of the source {@code identity}
     * (see {@code DesiredStateSource#identity}): each was deployed from it, or carries no source at
     * all (made before the label existed), or carries the source's bare repository name
     * {@code legacyName}, which is what the label held before it told sources apart.
     */
    public static boolean deployedFrom(List<ObservedContainer> containers, String identity, String legacyName) {
        return containers.stream().allMatch(container -> {
            String from = container.labels().get(SOURCE);
            return from == null || from.equals(identity) || from.equals(legacyName);
        });
    }

    /**
     * Whether the source {@code identity} deployed {@code app}, so that the app's leaving that
     * source's repo means it must go. By its containers when it has any (see above); an app with
     * none left (an interrupted removal, containers removed by hand) only by its networks and
     * volumes carrying that source's label, since any source would otherwise claim it and prune
     * another's network. Networks and volumes labelled by no source (made by an older Driftless)
     * are then left alone.
     */
    public static boolean deployedFrom(ObservedApp app, String identity, String legacyName) {
        if (!app.containers().isEmpty()) {
            return deployedFrom(app.containers(), identity, legacyName);
        }
        List<String> sources = java.util.stream.Stream.concat(app.networks().stream().map(ObservedNetwork::source),
                app.volumes().stream().map(ObservedVolume::source)).toList();
        return sources.stream().anyMatch(from -> !from.isEmpty())
                && sources.stream().allMatch(from -> from.isEmpty() || from.equals(identity) || from.equals(legacyName));
    }

    /** {@code labels} with {@link #SOURCE} set to {@code source}; as they are when it is "". */
    public static Map<String, String> withSource(Map<String, String> labels, String source) {
        if (source.isEmpty()) {
            return labels;
        }
        Map<String, String> labelled = new TreeMap<>(labels);
        labelled.put(SOURCE, source);
        return labelled;
    }

    /** The secret digests a container was created with ({@link #SECRET_DIGESTS}); empty when it has none. */
    public static Map<String, String> secretDigests(ObservedContainer container) {
        String label = container.labels().getOrDefault(SECRET_DIGESTS, "");
        Map<String, String> digests = new TreeMap<>();
        for (String entry : label.split(",")) {
            int equals = entry.lastIndexOf('=');
            if (equals > 0) {
                digests.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return digests;
    }

    /**
     * The field fingerprints a container was created with ({@link #SPEC_FIELDS}); empty when it
     * has none (made by an older Driftless), when they are of another version, or when the label
     * was edited into something unreadable: a reason then falls back to the spec hash.
     */
    public static Map<String, String> specFields(ObservedContainer container) {
        String label = container.labels().getOrDefault(SPEC_FIELDS, "");
        String prefix = SpecFields.VERSION + ";";
        if (!label.startsWith(prefix)) {
            return Map.of();
        }
        Map<String, String> fields = new TreeMap<>();
        for (String entry : label.substring(prefix.length()).split(",", -1)) {
            int equals = entry.indexOf('=');
            String fingerprint = entry.substring(equals + 1);
            Optional<String> name = equals > 0 ? unescape(entry.substring(0, equals)) : Optional.empty();
            if (name.isEmpty() || !FINGERPRINT.matcher(fingerprint).matches()
                    || fields.put(name.get(), fingerprint) != null) {
                return Map.of();
            }
        }
        return fields;
    }

    /** A field name percent-encoded, so that the label's {@code =} and {@code ,} never occur in it. */
    private static String escape(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The name {@link #escape} wrote; empty when no {@code escape} could have written it. */
    private static Optional<String> unescape(String escaped) {
        try {
            return Optional.of(java.net.URLDecoder.decode(escaped, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The labels of the network Compose would make for the app's services ({@code <app>_default}). */
    public static Map<String, String> forDefaultNetwork(String app) {
        return Map.of(COMPOSE_PROJECT, app, COMPOSE_NETWORK, "default", APP, app);
    }

    /**
     * The labels of a network of the app: the user's, then Compose's and ours (which win), and
     * its configuration hash, so a changed network is recognised and recreated.
     */
    public static Map<String, String> forNetwork(String app, String key, Map<String, String> userLabels,
            String specHash) {
        Map<String, String> labels = new TreeMap<>(userLabels);
        labels.put(COMPOSE_PROJECT, app);
        labels.put(COMPOSE_NETWORK, key);
        labels.put(APP, app);
        labels.put(SPEC_HASH, specHash);
        return Map.copyOf(labels);
    }

    /** The labels of a named volume of the app; {@link #PRUNE} only when the repo opted in. */
    public static Map<String, String> forVolume(String app, String key, Map<String, String> userLabels,
            String specHash, boolean prunable) {
        Map<String, String> labels = new TreeMap<>(userLabels);
        labels.put(COMPOSE_PROJECT, app);
        labels.put(COMPOSE_VOLUME, key);
        labels.put(APP, app);
        labels.put(SPEC_HASH, specHash);
        if (prunable) {
            labels.put(PRUNE, "true");
        } else {
            labels.remove(PRUNE);
        }
        return Map.copyOf(labels);
    }
}
