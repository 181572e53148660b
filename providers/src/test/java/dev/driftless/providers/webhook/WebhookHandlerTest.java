package dev.driftless.providers.webhook;

import static dev.driftless.providers.webhook.SignedDeliveries.FLEET_SECRET;
import static dev.driftless.providers.webhook.SignedDeliveries.OTHER_SECRET;
import static dev.driftless.providers.webhook.SignedDeliveries.notAPush;
import static dev.driftless.providers.webhook.SignedDeliveries.ping;
import static dev.driftless.providers.webhook.SignedDeliveries.push;
import static dev.driftless.providers.webhook.SignedDeliveries.signed;
import static dev.driftless.providers.webhook.SignedDeliveries.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The answers every provider shares: the table of outcomes, provider by provider. */
class WebhookHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<WebhookSecret> FLEET = List.of(new WebhookSecret("fleet", FLEET_SECRET));

    private final WebhookHandler handler = new WebhookHandler(WebhookLimits.defaults(), new InMemoryDeliveryLog(), CLOCK);

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aValidlySignedPushIsAcceptedWith202ForTheSourceWhoseSecretSignedIt(WebhookProvider provider) {
        WebhookOutcome outcome = handler.handle(signed(push(provider), FLEET_SECRET), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.label()).isEqualTo("accepted");
        assertThat(((WebhookOutcome.Accepted) outcome).pushes())
                .allSatisfy(push -> assertThat(push.sourceIds()).containsExactly("fleet"));
    }

    @ParameterizedTest
    @EnumSource(value = WebhookProvider.class, names = "GITLAB", mode = EnumSource.Mode.EXCLUDE)
    void aPingOrTestDeliveryIsAnsweredWith200(WebhookProvider provider) {
        WebhookOutcome outcome = handler.handle(signed(ping(provider), FLEET_SECRET), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Ping.class);
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void gitLabsTestButtonSendsAnOrdinaryPushWhichIsAcceptedLikeOne() {
        WebhookOutcome outcome = handler.handle(signed(ping(WebhookProvider.GITLAB), FLEET_SECRET), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void anEventThatIsNotAPushIsIgnoredWith202AndSaysWhy(WebhookProvider provider) {
        WebhookOutcome outcome = handler.handle(signed(notAPush(provider), FLEET_SECRET), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Ignored.class);
        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.reason()).contains("not a push");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aDeliveryWithoutSignatureIsRefusedWith401(WebhookProvider provider) {
        WebhookOutcome outcome = handler.handle(unsigned(push(provider)), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Rejected.class);
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.label()).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aDeliverySignedWithASecretNoSourceHasIsRefusedWith401(WebhookProvider provider) {
        WebhookOutcome outcome = handler.handle(signed(push(provider), OTHER_SECRET), FLEET);

        assertThat(outcome.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void noConfiguredSecretAndAWrongSignatureGetTheSameAnswerSoNeitherRevealsWhatExists(WebhookProvider provider) {
        WebhookOutcome unknownSource = handler.handle(signed(push(provider), FLEET_SECRET), List.of());
        WebhookOutcome wrongSignature = handler.handle(signed(push(provider), OTHER_SECRET), FLEET);
        WebhookOutcome noSignature = handler.handle(unsigned(push(provider)), FLEET);

        assertThat(unknownSource).isEqualTo(wrongSignature).isEqualTo(noSignature);
        assertThat(unknownSource.reason()).doesNotContain(new String(FLEET_SECRET, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aSignatureMadeWithAnotherSourcesSecretVerifiesForThatSourceOnly(WebhookProvider provider) {
        List<WebhookSecret> candidates = List.of(
                new WebhookSecret("fleet", FLEET_SECRET), new WebhookSecret("staging", OTHER_SECRET));

        WebhookOutcome outcome = handler.handle(signed(push(provider), OTHER_SECRET), candidates);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(((WebhookOutcome.Accepted) outcome).pushes())
                .allSatisfy(push -> assertThat(push.sourceIds()).containsExactly("staging"));
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void sourcesThatShareOneSecretAreAllNamedSoNoneIsSilentlySkipped(WebhookProvider provider) {
        List<WebhookSecret> candidates = List.of(new WebhookSecret("production", FLEET_SECRET),
                new WebhookSecret("other", OTHER_SECRET), new WebhookSecret("staging", FLEET_SECRET));

        WebhookOutcome outcome = handler.handle(signed(push(provider), FLEET_SECRET), candidates);

        assertThat(((WebhookOutcome.Accepted) outcome).pushes())
                .allSatisfy(push -> assertThat(push.sourceIds()).containsExactly("production", "staging"));
    }

    @ParameterizedTest
    @EnumSource(value = WebhookProvider.class, names = "GITLAB", mode = EnumSource.Mode.EXCLUDE)
    void aBodyAlteredByOneByteAfterSigningIsRefusedWith401(WebhookProvider provider) {
        SignedDeliveries.Delivery delivery = push(provider);
        byte[] body = delivery.body();
        WebhookRequest request = signed(delivery, body, FLEET_SECRET, null);
        byte[] altered = request.body();
        int middle = altered.length / 2;
        altered[middle] = (byte) (altered[middle] ^ 0x01);

        WebhookOutcome outcome = handler.handle(new WebhookRequest(request.provider(), request.headers(), altered), FLEET);

        assertThat(outcome.status()).isEqualTo(401);
    }

    @Test
    void gitLabSignsNothingSoAnAlteredBodyWithTheRightTokenIsStillBelieved() {
        // GitLab's scheme is a shared token, not a signature: it authenticates the sender but does
        // not protect the body. This test pins that documented limit (use TLS).
        SignedDeliveries.Delivery delivery = push(WebhookProvider.GITLAB);
        byte[] altered = delivery.body();
        String text = new String(altered, StandardCharsets.UTF_8).replace("refs/heads/master", "refs/heads/mastER");

        WebhookOutcome outcome = handler.handle(
                signed(delivery, text.getBytes(StandardCharsets.UTF_8), FLEET_SECRET, null), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void malformedJsonThatIsValidlySignedIsRefusedWith400(WebhookProvider provider) {
        byte[] body = "{\"ref\": \"refs/heads/main\", ".getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = handler.handle(signed(push(provider), body, FLEET_SECRET, null), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Rejected.class);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.reason()).contains("not valid JSON");
    }

    @ParameterizedTest
    @EnumSource(value = WebhookProvider.class, names = "GENERIC", mode = EnumSource.Mode.EXCLUDE)
    void aPushWithoutItsRequiredFieldsIsRefusedWith400(WebhookProvider provider) {
        byte[] body = "{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

        WebhookOutcome outcome = handler.handle(signed(push(provider), body, FLEET_SECRET, null), FLEET);

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.label()).isEqualTo("malformed");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aRedeliveredDeliveryIdIsRecognisedAndNotActedOnTwice(WebhookProvider provider) {
        SignedDeliveries.Delivery delivery = push(provider);
        WebhookRequest request = signed(delivery, delivery.body(), FLEET_SECRET, "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        WebhookOutcome first = handler.handle(request, FLEET);
        WebhookOutcome again = handler.handle(request, FLEET);

        assertThat(first).isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(((WebhookOutcome.Accepted) first).deliveryId()).contains("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(again).isEqualTo(new WebhookOutcome.Duplicate("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.reason()).isEqualTo("already received delivery 72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aForgedRequestCannotMarkADeliveryIdAsSeen(WebhookProvider provider) {
        SignedDeliveries.Delivery delivery = push(provider);
        WebhookRequest forged = signed(delivery, delivery.body(), OTHER_SECRET, "id-1");
        WebhookRequest genuine = signed(delivery, delivery.body(), FLEET_SECRET, "id-1");

        handler.handle(forged, FLEET);

        assertThat(handler.handle(genuine, FLEET)).isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsVerified(WebhookProvider provider) {
        WebhookHandler small = new WebhookHandler(WebhookLimits.defaults().withMaxBodyBytes(64),
                new InMemoryDeliveryLog(), CLOCK);

        WebhookOutcome outcome = small.handle(unsigned(push(provider)), FLEET);

        assertThat(outcome).isEqualTo(WebhookOutcome.Rejected.tooLarge(small.limits()));
        assertThat(outcome.status()).isEqualTo(413);
        assertThat(outcome.reason()).isEqualTo("the body is larger than the limit of 64 bytes");
    }

    @Test
    void theControllerCanRefuseADeclaredLengthBeforeReadingTheBody() {
        WebhookLimits limits = WebhookLimits.defaults();

        assertThat(limits.admits(1024 * 1024)).isTrue();
        assertThat(limits.admits(1024 * 1024 + 1)).isFalse();
        assertThat(limits.admits(-1)).as("no Content-Length: checked on arrival").isTrue();
    }

    @Test
    void aDeletedBranchIsIgnoredAndDeploysNothing() {
        SignedDeliveries.Delivery deletion = new SignedDeliveries.Delivery(WebhookProvider.GITHUB, "tag-deleted.json",
                java.util.Map.of("X-GitHub-Event", "push"));

        WebhookOutcome outcome = handler.handle(signed(deletion, FLEET_SECRET), FLEET);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Ignored.class);
        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.reason()).startsWith("refs/tags/simple-tag deleted");
        assertThat(((WebhookOutcome.Ignored) outcome).pushes()).singleElement()
                .satisfies(push -> {
                    assertThat(push.deleted()).isTrue();
                    assertThat(push.afterSha()).isEqualTo("0".repeat(40));
                });
    }

    @Test
    void aPushNoSourceFollowsIsAnsweredByTheCallerWithTheReason() {
        WebhookOutcome.Accepted accepted = (WebhookOutcome.Accepted) handler.handle(
                signed(push(WebhookProvider.GITHUB), FLEET_SECRET), FLEET);

        WebhookOutcome.Ignored ignored = WebhookOutcome.Ignored.notFollowed(accepted.pushes());

        assertThat(ignored.status()).isEqualTo(202);
        assertThat(ignored.reason()).isEqualTo(
                "no source follows refs/heads/gh-pages of https://github.com/baxterthehacker/public-repo.git");
    }

    @Test
    void everyOutcomeHasAStableMetricLabel() {
        assertThat(List.of(WebhookOutcome.Rejection.values()))
                .extracting(WebhookOutcome.Rejection::label)
                .containsExactly("unauthorized", "malformed", "too_large");
        assertThat(new WebhookOutcome.Ping("p").label()).isEqualTo("ping");
        assertThat(new WebhookOutcome.Ignored("i").label()).isEqualTo("ignored");
        assertThat(new WebhookOutcome.Duplicate("d").label()).isEqualTo("duplicate");
    }
}
