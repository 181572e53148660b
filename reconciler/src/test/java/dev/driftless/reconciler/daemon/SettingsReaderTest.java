package dev.driftless.reconciler.daemon;

import dev.driftless.providers.source.Credentials;
import dev.driftless.providers.source.SourceRef;
import dev.driftless.providers.status.Provider;
import dev.driftless.providers.webhook.WebhookProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsReaderTest {

    @Test
    void oneSourceFromTheRunFlagsIsNamedAfterItsRepository() {
        DaemonSettings settings = read(Map.of("driftless.source.url", "/srv/git/fleet.git"));

        assertThat(settings.sources()).singleElement().satisfies(source -> {
            assertThat(source.id()).isEqualTo("fleet");
            assertThat(source.spec().ref()).isEqualTo(new SourceRef.Branch("main"));
            assertThat(source.pollInterval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(source.spec().credentials()).isEqualTo(Credentials.none());
        });
    }

    @Test
    void listeningBeyondThisMachineWithoutAnApiTokenIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> read(Map.of("driftless.source.url", "/srv/git/fleet.git",
                "driftless.listen-address", "0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftless.listen-address")
                .hasMessageContaining("driftless.api.token-file");
        assertThatThrownBy(() -> read(Map.of("driftless.source.url", "/srv/git/fleet.git",
                "driftless.listen-address", "driftless.example.com")))
                .as("a name is not judged loopback").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopbackWithoutATokenAndAnyAddressWithOneAreAccepted() {
        assertThat(read(Map.of("driftless.source.url", "/srv/git/fleet.git")).apiToken()).isEmpty();
        assertThat(read(Map.of("driftless.source.url", "/srv/git/fleet.git",
                "driftless.listen-address", "::1")).apiToken()).isEmpty();
        assertThat(read(Map.of("driftless.source.url", "/srv/git/fleet.git",
                "driftless.listen-address", "0.0.0.0", "driftless.api.token-env", "API_TOKEN")).apiToken()).isPresent();
    }

    @Test
    void severalNamedSourcesWithTheirOwnRefsIntervalsAndStatusReporting() {
        DaemonSettings settings = read(Map.of(
                "driftless.poll-interval", "30s",
                "driftless.sources.shop.url", "https://github.com/acme/shop.git",
                "driftless.sources.shop.tag", "v*",
                "driftless.sources.shop.token-env", "SHOP_TOKEN",
                "driftless.sources.shop.status-token-env", "SHOP_STATUS_TOKEN",
                "driftless.sources.blog.url", "/srv/git/blog",
                "driftless.sources.blog.poll-interval", "5m",
                "driftless.webhook.github.secret-env", "HOOK_SECRET"));

        assertThat(settings.sources()).extracting(SourceDefinition::id).containsExactlyInAnyOrder("shop", "blog");
        SourceDefinition shop = settings.sources().stream().filter(s -> s.id().equals("shop")).findFirst().orElseThrow();
        SourceDefinition blog = settings.sources().stream().filter(s -> s.id().equals("blog")).findFirst().orElseThrow();
        assertThat(shop.spec().ref()).isEqualTo(new SourceRef.TagPattern("v*"));
        assertThat(shop.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shop.spec().credentials()).isInstanceOf(Credentials.Token.class);
        assertThat(shop.status()).hasValueSatisfying(status -> {
            assertThat(status.repository().provider()).isEqualTo(Provider.GITHUB);
            assertThat(status.repository().path()).contains("acme/shop");
        });
        assertThat(blog.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.webhookSecrets()).containsKey(WebhookProvider.GITHUB);
    }

    @Test
    void aSourceWithTwoRefsIsRefusedNamingItsKeys() {
        assertThatThrownBy(() -> read(Map.of(
                "driftless.sources.shop.url", "/srv/git/shop",
                "driftless.sources.shop.branch", "main",
                "driftless.sources.shop.tag", "v*")))
                .hasMessageContaining("driftless.sources.shop").hasMessageContaining("branch, tag or commit");
    }

    @Test
    void aSecretGivenBothAsFileAndVariableIsRefused() {
        assertThatThrownBy(() -> read(Map.of(
                "driftless.source.url", "/srv/git/shop",
                "driftless.source.webhook-secret-file", "/run/secret",
                "driftless.source.webhook-secret-env", "SECRET")))
                .hasMessageContaining("driftless.source.webhook-secret").hasMessageContaining("not both");
    }

    @Test
    void twoSourcesOfTheSameNameAreRefused() {
        assertThatThrownBy(() -> read(Map.of(
                "driftless.source.url", "/srv/git/fleet",
                "driftless.sources.fleet.url", "/srv/other/fleet")))
                .hasMessageContaining("two sources are named 'fleet'");
    }

    private static DaemonSettings read(Map<String, Object> properties) {
        try (Environment environment = io.micronaut.context.ApplicationContext.builder()
                .propertySources(PropertySource.of("test", properties)).deduceEnvironment(false)
                .build().getEnvironment().start()) {
            return new SettingsReader(environment).read();
        }
    }
}
