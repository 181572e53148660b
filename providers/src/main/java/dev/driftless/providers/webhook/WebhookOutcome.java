package dev.driftless.providers.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer to one webhook delivery: a closed set, each with the HTTP status to send and a
 * reason a person can read in the provider's delivery log.
 *
 * <p>The statuses follow what providers do with them. Every 2xx is a success to GitHub, GitLab,
 * Gitea and Bitbucket; 4xx tells the person who configured the webhook that it is wrong (GitLab
 * may disable a webhook that keeps getting 4xx, which is right for a wrong secret); a 5xx would
 * make them retry, and no outcome here is one: bad input never crashes the handler.
 *
 * <ul>
 *   <li>{@link Rejected}: 401 missing or invalid signature (the same answer whether no source
 *       has a secret for this provider or the signature is wrong, so it reveals nothing), 400 a
 *       verified body that is not the provider's JSON, 413 a body over the limit;</li>
 *   <li>{@link Ping}: 200, a ping or test delivery;</li>
 *   <li>{@link Ignored}: 202 with the reason, an event Driftless does not act on (an issue, a
 *       deleted branch, a ref no source follows);</li>
 *   <li>{@link Duplicate}: 200, a redelivery of a delivery already received. 200 rather than 202
 *       because nothing new is accepted for processing: the first delivery was;</li>
 *   <li>{@link Accepted}: 202, one or more pushes to hand to the trigger queue; the reconcile
 *       runs after the answer.</li>
 * </ul>
 */
public sealed interface WebhookOutcome {

    /** The HTTP status code to answer with. */
    int status();

    /** A one-line explanation for the response body and the log; never contains a secret. */
    String reason();

    /**
     * A short stable name for the metric {@code driftless_webhook_requests_total{outcome=…}}:
     * {@code accepted}, {@code duplicate}, {@code ignored}, {@code ping}, {@code unauthorized},
     * {@code malformed} or {@code too_large}.
     */
    String label();

    /** Why a delivery is refused; each kind has its own status. */
    enum Rejection {
        /** 401: the signature or token is missing or matches no configured secret. */
        UNAUTHORIZED(401, "unauthorized"),
        /** 400: a verified body that is not valid JSON, exceeds a parsing limit or lacks a required field. */
        MALFORMED(400, "malformed"),
        /** 413: the body is larger than {@link WebhookLimits#maxBodyBytes()}. */
        TOO_LARGE(413, "too_large");

        private final int status;
        private final String label;

        Rejection(int status, String label) {
            this.status = status;
            this.label = label;
        }

        /** The HTTP status of this kind of refusal. */
        public int status() {
            return status;
        }

        /** The metric label of this kind of refusal. */
        public String label() {
            return label;
        }
    }

    /**
     * The delivery is refused and nothing is done.
     *
     * @param kind why, which fixes the status
     * @param reason the explanation
     */
    record Rejected(Rejection kind, String reason) implements WebhookOutcome {

        /** Requires both parts. */
        public Rejected {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The 413 answer, for the controller to send when the declared {@code Content-Length} is
         * over the limit, before reading the body.
         */
        public static Rejected tooLarge(WebhookLimits limits) {
            return new Rejected(Rejection.TOO_LARGE, "the body is larger than the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }

        @Override
        public int status() {
            return kind.status();
        }

        @Override
        public String label() {
            return kind.label();
        }
    }

    /**
     * A ping or test delivery: the webhook is configured correctly, and there is nothing to do.
     *
     * @param reason what was recognised
     */
    record Ping(String reason) implements WebhookOutcome {

        /** Requires the reason. */
        public Ping {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public String label() {
            return "ping";
        }
    }

    /**
     * A verified delivery Driftless does not act on.
     *
     * @param reason why, for the provider's delivery log
     * @param pushes the pushes it concerned, if any (a deleted ref, a ref no source follows), so
     *     the caller can record them; a deletion never deploys or prunes anything
     */
    record Ignored(String reason, List<PushEvent> pushes) implements WebhookOutcome {

        /** Requires the reason and copies the pushes. */
        public Ignored {
            Objects.requireNonNull(reason, "reason");
            pushes = List.copyOf(pushes);
        }

        /** An ignored event that concerned no push. */
        public Ignored(String reason) {
            this(reason, List.of());
        }

        /**
         * The answer when the caller found that no source follows any of the pushed refs
         * (the handler cannot know which refs sources follow; the caller does).
         */
        public static Ignored notFollowed(List<PushEvent> pushes) {
            String refs = pushes.stream()
                    .map(push -> (push.ref().isEmpty() ? "any ref" : Texts.shown(push.ref()))
                            + (push.repoUrls().isEmpty() ? "" : " of " + Texts.shown(push.repoUrls().get(0))))
                    .collect(Collectors.joining(", "));
            return new Ignored("no source follows " + refs, pushes);
        }

        @Override
        public int status() {
            return 202;
        }

        @Override
        public String label() {
            return "ignored";
        }
    }

    /**
     * A redelivery of a delivery already received; it was handled the first time.
     *
     * @param deliveryId the provider's delivery id
     */
    record Duplicate(String deliveryId) implements WebhookOutcome {

        /** Requires the id. */
        public Duplicate {
            Objects.requireNonNull(deliveryId, "deliveryId");
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public String reason() {
            return "already received delivery " + Texts.shown(deliveryId);
        }

        @Override
        public String label() {
            return "duplicate";
        }
    }

    /**
     * Verified pushes to hand to the trigger queue. The caller keeps those that {@linkplain
     * PushEvent#appliesTo apply} to a source following the ref, answers {@link
     * Ignored#notFollowed} when none does, and names the apps it queued in its response.
     *
     * @param pushes the moved refs, at least one, none of them a deletion
     * @param deliveryId the provider's delivery id, when it sent one (for the log)
     */
    record Accepted(List<PushEvent> pushes, Optional<String> deliveryId) implements WebhookOutcome {

        /** Requires at least one push and no deletion. */
        public Accepted {
            pushes = List.copyOf(pushes);
            Objects.requireNonNull(deliveryId, "deliveryId");
            if (pushes.isEmpty()) {
                throw new IllegalArgumentException("an accepted delivery carries at least one push");
            }
            if (pushes.stream().anyMatch(PushEvent::deleted)) {
                throw new IllegalArgumentException("a deleted ref is never accepted for deployment");
            }
        }

        @Override
        public int status() {
            return 202;
        }

        @Override
        public String reason() {
            return "accepted " + pushes.stream()
                    .map(push -> (push.ref().isEmpty() ? "a push" : Texts.shown(push.ref()))
                            + (push.afterSha().isEmpty() ? "" : " at " + push.afterSha().substring(0, 12)))
                    .collect(Collectors.joining(", "));
        }

        @Override
        public String label() {
            return "accepted";
        }
    }
}
