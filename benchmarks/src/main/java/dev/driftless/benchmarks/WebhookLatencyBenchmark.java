package dev.driftless.benchmarks;

import dev.driftless.providers.webhook.InMemoryDeliveryLog;
import dev.driftless.providers.webhook.PushEvent;
import dev.driftless.providers.webhook.WebhookHandler;
import dev.driftless.providers.webhook.WebhookLimits;
import dev.driftless.providers.webhook.WebhookOutcome;
import dev.driftless.providers.webhook.WebhookRequest;
import dev.driftless.providers.webhook.WebhookSecret;
import dev.driftless.reconciler.daemon.CoalescingQueue;
import dev.driftless.reconciler.engine.AffectedApps;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook handling latency, receipt to queued, in-process: 10,000 signed GitHub push deliveries,
 * each verified against 10 sources' secrets, parsed, matched to its source, turned into the apps
 * it touched and submitted to that source's coalescing queue. Prints p50, p99 and max.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.driftless.benchmarks.WebhookLatencyBenchmark</pre>
 */
public final class WebhookLatencyBenchmark {

    private static final int DELIVERIES = 10_000;
    private static final int WARM_UP = 5_000;

    private WebhookLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<WebhookSecret> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            secrets.add(new WebhookSecret("source-" + i, ("secret-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] key = "secret-9".getBytes(StandardCharsets.UTF_8);
        WebhookHandler handler = new WebhookHandler(WebhookLimits.defaults(), new InMemoryDeliveryLog(),
                Clock.systemUTC());
        AtomicInteger reconciles = new AtomicInteger();
        CoalescingQueue queue = new CoalescingQueue(Runnable::run, (trigger, scope) -> reconciles.incrementAndGet());
        Map<String, String> apps = Map.of("shop", "shop", "blog", "blog");

        long[] nanos = new long[DELIVERIES];
        for (int i = -WARM_UP; i < DELIVERIES; i++) {
            byte[] body = push(i).getBytes(StandardCharsets.UTF_8);
            Map<String, List<String>> headers = Map.of(
                    "X-GitHub-Event", List.of("push"),
                    "X-GitHub-Delivery", List.of("delivery-" + i),
                    "Content-Type", List.of("application/json"),
                    "X-Hub-Signature-256", List.of("sha256=" + hmac(key, body)));
            long start = System.nanoTime();
            WebhookOutcome outcome = handler.handle(new WebhookRequest("github", headers, body), secrets);
            if (!(outcome instanceof WebhookOutcome.Accepted accepted)) {
                throw new IllegalStateException("delivery " + i + ": " + outcome);
            }
            for (PushEvent event : accepted.pushes()) {
                Optional<ReconcileScope> scope = AffectedApps.of(event.changedPaths(), "", apps);
                scope.ifPresent(touched -> queue.submit(Trigger.WEBHOOK, touched));
            }
            long took = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%,d signed GitHub pushes, 10 candidate secrets, receipt to queued, in-process:%n", DELIVERIES);
        System.out.printf("  p50 %.3f ms   p99 %.3f ms   max %.3f ms   (%d reconciles ran)%n",
                nanos[DELIVERIES / 2] / 1e6, nanos[DELIVERIES * 99 / 100] / 1e6, nanos[DELIVERIES - 1] / 1e6,
                reconciles.get());
    }

    private static String push(int i) {
        String sha = String.format("%040x", i + 1_000_000L);
        return """
                {"ref":"refs/heads/main","before":"%s","after":"%s","created":false,"deleted":false,"forced":false,
                 "commits":[{"id":"%s","message":"change %d","added":[],"removed":[],"modified":["shop/compose.yaml"]}],
                 "head_commit":{"id":"%s","message":"change %d","added":[],"removed":[],"modified":["shop/compose.yaml"]},
                 "repository":{"full_name":"acme/fleet","clone_url":"https://github.com/acme/fleet.git",
                  "ssh_url":"git@github.com:acme/fleet.git","html_url":"https://github.com/acme/fleet"},
                 "pusher":{"name":"octocat"}}
                """.formatted(sha, sha, sha, i, sha, i);
    }

    private static String hmac(byte[] key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
