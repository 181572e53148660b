package dev.driftless.providers.webhook;

import static dev.driftless.providers.webhook.SignedDeliveries.FLEET_SECRET;
import static dev.driftless.providers.webhook.SignedDeliveries.push;
import static dev.driftless.providers.webhook.SignedDeliveries.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validly signed bodies built to hurt a parser: each is a 400 with a reason, quickly. */
class HostileBodyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<WebhookSecret> FLEET = List.of(new WebhookSecret("fleet", FLEET_SECRET));

    private final WebhookHandler handler = new WebhookHandler(WebhookLimits.defaults(), new InMemoryDeliveryLog(), CLOCK);

    private WebhookOutcome signedGitHubPush(String body) {
        return handler.handle(signed(push(WebhookProvider.GITHUB), body.getBytes(StandardCharsets.UTF_8), FLEET_SECRET, null), FLEET);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        WebhookOutcome outcome = signedGitHubPush("[".repeat(100_000) + "]".repeat(100_000));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.reason()).contains("exceeds a parsing limit").contains("nesting");
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        WebhookOutcome outcome = signedGitHubPush("{\"ref\": \"" + "a".repeat(300 * 1024) + "\"}");

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.reason()).contains("exceeds a parsing limit");
    }

    @Test
    void aHugeNumberIsRefused() {
        assertThat(signedGitHubPush("{\"size\": " + "9".repeat(5_000) + "}").status()).isEqualTo(400);
    }

    @Test
    void tooManyTokensAreRefused() {
        WebhookHandler strict = new WebhookHandler(new WebhookLimits(1024 * 1024, 64, 1024, 1_000),
                new InMemoryDeliveryLog(), CLOCK);
        byte[] body = ("[" + "0,".repeat(5_000) + "0]").getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = strict.handle(signed(push(WebhookProvider.GITHUB), body, FLEET_SECRET, null), FLEET);

        assertThat(outcome.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ref\": \"refs/heads/a\", \"ref\": \"refs/heads/b\"}",
        "{\"ref\": \"refs/heads/main\"} {\"ref\": \"refs/heads/other\"}",
        "{\"ref\": \"refs/heads/main\"} trailing",
        "[1, 2, 3]",
        "\"just a string\"",
        "null",
        "",
        "\u0000\u0001\u0002",
        "{\"ref\": \"\\ud800\"",
    })
    void ambiguousOrNonObjectBodiesAreRefused(String body) {
        assertThat(signedGitHubPush(body).status()).isEqualTo(400);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        WebhookOutcome outcome = handler.handle(signed(push(WebhookProvider.GITHUB), body, FLEET_SECRET, null), FLEET);

        assertThat(outcome.status()).isEqualTo(400);
    }

    @Test
    void aReasonQuotesRequestTextShortAndOnOneLine() {
        String ref = "x\n".repeat(500);

        WebhookOutcome outcome = signedGitHubPush("{\"ref\": \"" + ref.replace("\n", "\\n") + "\"}");

        assertThat(outcome.reason()).doesNotContain("\n").hasSizeLessThan(300);
    }

    @Test
    void aFormBodyWithABrokenEscapeIsRefused() {
        byte[] body = "payload=%7B%zz".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.HashMap<>(SignedDeliveries.signature(WebhookProvider.GITHUB, body, FLEET_SECRET));
        headers.put("X-GitHub-Event", "push");
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        assertThat(handler.handle(WebhookRequest.of("github", headers, body), FLEET).status()).isEqualTo(400);
    }

    @Test
    void aHostileBodyWithoutAValidSignatureIsNeverParsed() {
        byte[] body = ("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = handler.handle(WebhookRequest.of("github", Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=00"), body), FLEET);

        assertThat(outcome.status()).isEqualTo(401);
    }
}
