package dev.driftless.reconciler.http;

import dev.driftless.providers.webhook.DeliveryLog;
import dev.driftless.providers.webhook.PushEvent;
import dev.driftless.providers.webhook.WebhookHandler;
import dev.driftless.providers.webhook.WebhookLimits;
import dev.driftless.providers.webhook.WebhookOutcome;
import dev.driftless.providers.webhook.WebhookProvider;
import dev.driftless.providers.webhook.WebhookRequest;
import dev.driftless.reconciler.daemon.Daemon;
import dev.driftless.reconciler.daemon.SourceRunner;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /hooks/{provider}}: a push becomes a queued reconcile of the apps it touched, and
 * nothing else. The handler verifies the signature before reading the body; the answer comes
 * before any deploy starts and names what was queued. A webhook carries no truth: the reconcile
 * fetches and reads git itself.
 */
@Controller("/hooks")
@Requires(beans = Daemon.class)
public class WebhookController {

    private final Daemon daemon;
    private final WebhookHandler handler;
    private final MeterRegistry registry;

    /** @param deliveries the store's log, shared by every instance, so a redelivery to another one is still seen */
    public WebhookController(Daemon daemon, MeterRegistry registry, Clock clock, DeliveryLog deliveries) {
        this.daemon = daemon;
        this.registry = registry;
        this.handler = new WebhookHandler(WebhookLimits.defaults().withMaxBodyBytes(daemon.maxWebhookBytes()),
                deliveries, clock);
    }

    @Post("/{provider}")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<WebhookAnswer>> receive(@PathVariable String provider,
            HttpRequest<?> request) {
        Optional<WebhookProvider> known = WebhookProvider.find(provider);
        if (known.isEmpty()) {
            return CompletableFuture.completedFuture(
                    answer(provider, HttpStatus.NOT_FOUND, "unknown", "no webhook provider '" + provider + "'"));
        }
        if (!handler.limits().admits(request.getContentLength())) {
            return CompletableFuture.completedFuture(answer(provider, WebhookOutcome.Rejected.tooLarge(handler.limits())));
        }
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException("a webhook arrived without its raw body");
        }
        // The signature covers the bytes on the wire, so the body is taken raw, never decoded first.
        return server.byteBody().buffer().thenApply(buffered -> {
            byte[] body;
            try (buffered) {
                body = buffered.toByteArray();
            }
            return handle(known.get(), request, body);
        });
    }

    private HttpResponse<WebhookAnswer> handle(WebhookProvider provider, HttpRequest<?> request, byte[] body) {
        WebhookOutcome outcome = handler.handle(new WebhookRequest(provider.id(), request.getHeaders().asMap(), body),
                daemon.webhookSecrets(provider));
        if (!(outcome instanceof WebhookOutcome.Accepted accepted)) {
            return answer(provider.id(), outcome);
        }
        List<Queued> queued = queue(accepted.pushes());
        if (queued.isEmpty()) {
            return answer(provider.id(), WebhookOutcome.Ignored.notFollowed(accepted.pushes()));
        }
        return answer(provider.id(), HttpStatus.ACCEPTED, outcome.label(), outcome.reason(), queued);
    }

    private List<Queued> queue(List<PushEvent> pushes) {
        List<Queued> queued = new ArrayList<>();
        for (PushEvent push : pushes) {
            for (SourceRunner runner : daemon.runners()) {
                if (!runner.follows(push)) {
                    continue;
                }
                Optional<ReconcileScope> scope = runner.scopeOf(push);
                scope.ifPresent(apps -> {
                    runner.request(Trigger.WEBHOOK, apps);
                    queued.add(new Queued(runner.id(), apps.toString()));
                });
            }
        }
        return queued;
    }

    private HttpResponse<WebhookAnswer> answer(String provider, WebhookOutcome outcome) {
        return answer(provider, HttpStatus.valueOf(outcome.status()), outcome.label(), outcome.reason(), List.of());
    }

    private HttpResponse<WebhookAnswer> answer(String provider, HttpStatus status, String outcome, String reason) {
        return answer(provider, status, outcome, reason, List.of());
    }

    private HttpResponse<WebhookAnswer> answer(String provider, HttpStatus status, String outcome, String reason,
            List<Queued> queued) {
        Counter.builder("driftless.webhook.requests")
                .description("Webhook deliveries by provider and outcome (accepted, ping, ignored, duplicate, "
                        + "unauthorized, malformed, too_large, unknown)")
                .tag("provider", WebhookProvider.find(provider).map(WebhookProvider::id).orElse("unknown"))
                .tag("outcome", outcome)
                .register(registry).increment();
        return HttpResponse.<WebhookAnswer>status(status).body(new WebhookAnswer(outcome, reason, queued));
    }

    /** The answer to a delivery: what became of it, in words, and which reconciles it queued. */
    @Serdeable
    public record WebhookAnswer(String outcome, String reason, List<Queued> queued) {
    }

    /** One reconcile queued by a delivery: the source and the apps ("all apps", or their names). */
    @Serdeable
    public record Queued(String source, String apps) {
    }
}
