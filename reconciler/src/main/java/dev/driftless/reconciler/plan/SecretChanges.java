package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a container with secrets is replaced, in words that name its secrets and never their values:
 * "secret DB_PASSWORD changed". The container's {@link OwnershipLabels#SECRET_DIGESTS} label holds
 * the keyed digests it was created with; comparing them with the desired ones tells which secrets
 * changed, and hashing the desired service with the old digests tells whether anything else did.
 */
final class SecretChanges {

    private SecretChanges() {
    }

    /** The reason to replace {@code container} by {@code service}, or {@code otherwise} when no secret is involved. */
    static String reason(DesiredService service, ObservedContainer container, String otherwise) {
        Map<String, String> before = OwnershipLabels.secretDigests(container);
        Map<String, String> after = service.secretDigests();
        Set<String> changed = new TreeSet<>();
        for (String key : after.keySet()) {
            if (!after.get(key).equals(before.get(key))) {
                changed.add(key);
            }
        }
        if (changed.isEmpty()) {
            return otherwise;
        }
        String secrets = (changed.size() == 1 ? "secret " : "secrets ") + String.join(", ", changed) + " changed";
        if (before.keySet().equals(after.keySet()) && onlySecretsDiffer(service, before, container)) {
            return secrets + " (values not shown)";
        }
        return otherwise + "; " + secrets + " (values not shown)";
    }

    /** Whether the service with the container's old digests hashes as the container does. */
    private static boolean onlySecretsDiffer(DesiredService service, Map<String, String> before,
            ObservedContainer container) {
        try {
            return SpecHash.of(service.withSecretDigests(before)).equals(container.specHash());
        } catch (IllegalArgumentException labelEditedByHand) {
            return false;
        }
    }
}
