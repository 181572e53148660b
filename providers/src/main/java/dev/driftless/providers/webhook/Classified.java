package dev.driftless.providers.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider's parser made of a verified body, before the handler attaches the verified
 * sources and checks for a redelivery.
 */
sealed interface Classified {

    /** A ping or test delivery. */
    record Ping(String reason) implements Classified {
    }

    /** An event Driftless does not act on, with the reason to give. */
    record NotPush(String reason) implements Classified {
    }

    /** One or more moved refs (Bitbucket may report several in one delivery). */
    record Pushes(List<Push> pushes) implements Classified {
        public Pushes {
            pushes = List.copyOf(pushes);
        }
    }

    /** A moved ref as the payload describes it; see {@link PushEvent} for each field. */
    record Push(List<String> repoUrls, String ref, String before, String after, boolean deleted,
            Optional<Set<String>> changedPaths) {
    }
}
