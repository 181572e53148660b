package dev.driftless.reconciler.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AffectedAppsTest {

    private static final Map<String, String> APPS = Map.of("shop", "shop", "blog", "sites/blog");

    @Test
    void aChangeInsideAnAppsFolderTouchesOnlyThatApp() {
        assertThat(AffectedApps.of(Optional.of(Set.of("sites/blog/compose.yaml")), "", APPS))
                .contains(ReconcileScope.apps(Set.of("blog")));
    }

    @Test
    void aChangeOutsideEveryAppsFolderTouchesThemAll() {
        assertThat(AffectedApps.of(Optional.of(Set.of("shop/compose.yaml", "env/production.env")), "", APPS))
                .contains(ReconcileScope.ALL);
    }

    @Test
    void aPushWhoseFilesAreUnknownTouchesEveryApp() {
        assertThat(AffectedApps.of(Optional.empty(), "", APPS)).contains(ReconcileScope.ALL);
    }

    @Test
    void aChangeOutsideTheSourcesSubPathTouchesNothing() {
        assertThat(AffectedApps.of(Optional.of(Set.of("docs/README.md")), "deploy", Map.of("shop", "shop"))).isEmpty();
    }

    @Test
    void pathsAreReadRelativeToTheSourcesSubPath() {
        assertThat(AffectedApps.of(Optional.of(Set.of("deploy/shop/compose.yaml")), "deploy", Map.of("shop", "shop")))
                .contains(ReconcileScope.apps(Set.of("shop")));
    }

    @Test
    void aFolderWhoseNameOnlyStartsLikeAnAppsIsNotThatApp() {
        assertThat(AffectedApps.of(Optional.of(Set.of("shopping/compose.yaml")), "", APPS)).contains(ReconcileScope.ALL);
    }
}
