package dev.driftless.providers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers one webhook delivery: the single entry point the daemon's HTTP controller calls.
 *
 * <p>The order of the steps is the security model:
 * <ol>
 *   <li>a body over the limit is refused (413) without being looked at;</li>
 *   <li>the signature (or GitLab's token) is checked against every candidate secret for the
 *       provider, in constant time; nothing else about the request is believed before that, and
 *       a failure gives one answer (401) whatever the cause;</li>
 *   <li>only then is the body parsed, as JSON within {@link WebhookLimits} (400 if it is not);</li>
 *   <li>the event is classified by the provider's rules into ping, ignored or pushes;</li>
 *   <li>a delivery id already seen is answered as a duplicate and not acted on again.</li>
 * </ol>
 *
 * <p>It does no I/O and keeps no state of its own (the {@link DeliveryLog} does), so one
 * instance serves every request concurrently. It never throws for anything a request contains:
 * every input maps to a {@link WebhookOutcome}.
 */
public final class WebhookHandler {

    private final WebhookLimits limits;
    private final DeliveryLog deliveries;
    private final Clock clock;
    private final PayloadReader reader;

    /**
     * @param limits the size and parsing limits
     * @param deliveries where delivery ids are remembered
     * @param clock the daemon's clock, for the delivery log's retention
     */
    public WebhookHandler(WebhookLimits limits, DeliveryLog deliveries, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = new PayloadReader(limits);
    }

    /** The limits this handler enforces, for the controller's early {@code Content-Length} check. */
    public WebhookLimits limits() {
        return limits;
    }

    /**
     * The answer to a delivery.
     *
     * @param request the delivery as received
     * @param candidates the secrets of every source configured for the request's provider; an
     *     empty list refuses every delivery (401)
     */
    public WebhookOutcome handle(WebhookRequest request, List<WebhookSecret> candidates) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(candidates, "candidates");
        WebhookProvider provider = request.webhookProvider();
        if (request.rawBody().length > limits.maxBodyBytes()) {
            return WebhookOutcome.Rejected.tooLarge(limits);
        }
        Set<String> sources = Signatures.verifiedSources(request, candidates);
        if (sources.isEmpty()) {
            return new WebhookOutcome.Rejected(WebhookOutcome.Rejection.UNAUTHORIZED,
                    "missing or invalid " + Signatures.proofHeader(provider));
        }
        Classified classified;
        try {
            JsonNode root = reader.readObject(request, provider == WebhookProvider.GENERIC);
            classified = PayloadParser.of(provider).classify(request, root);
        } catch (MalformedPayloadException e) {
            return new WebhookOutcome.Rejected(WebhookOutcome.Rejection.MALFORMED, e.getMessage());
        }
        Optional<Deliveries.DeliveryId> delivery = Deliveries.of(request);
        if (delivery.isPresent() && !deliveries.firstSeen(provider.id(), delivery.get().key(), clock.instant())) {
            return new WebhookOutcome.Duplicate(delivery.get().shown());
        }
        return outcome(classified, sources, delivery.map(Deliveries.DeliveryId::shown));
    }

    private static WebhookOutcome outcome(Classified classified, Set<String> sources, Optional<String> deliveryId) {
        if (classified instanceof Classified.Ping ping) {
            return new WebhookOutcome.Ping(ping.reason());
        }
        if (classified instanceof Classified.NotPush notPush) {
            return new WebhookOutcome.Ignored(notPush.reason());
        }
        List<Classified.Push> raw = ((Classified.Pushes) classified).pushes();
        List<PushEvent> moved = new ArrayList<>();
        List<PushEvent> deleted = new ArrayList<>();
        for (Classified.Push push : raw) {
            PushEvent event = new PushEvent(sources, push.repoUrls(), push.ref(), push.before(), push.after(),
                    push.deleted(), push.changedPaths());
            (event.deleted() ? deleted : moved).add(event);
        }
        if (!moved.isEmpty()) {
            return new WebhookOutcome.Accepted(moved, deliveryId);
        }
        if (deleted.isEmpty()) {
            return new WebhookOutcome.Ignored("the push changed no branch or tag");
        }
        String refs = deleted.stream().map(push -> Texts.shown(push.ref())).collect(Collectors.joining(", "));
        return new WebhookOutcome.Ignored(refs + " deleted: a deleted ref deploys nothing and removes nothing;"
                + " what runs keeps running", deleted);
    }
}
