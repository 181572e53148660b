package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceRefTest {

    @Nested
    class TagPatterns {

        private final SourceRef.TagPattern releases = new SourceRef.TagPattern("v*");

        @Test
        void theNewestTagIsChosenBySemanticVersionNotByText() {
            assertThat(releases.select(List.of("v1.9.0", "v1.10.0", "v1.2.0"))).contains("v1.10.0");
        }

        @Test
        void aPreReleaseIsLeftOutByDefault() {
            assertThat(releases.select(List.of("v1.9.0", "v2.0.0-rc.1"))).contains("v1.9.0");
        }

        @Test
        void withPreReleasesAPreReleaseRanksBelowItsRelease() {
            SourceRef.TagPattern everything = new SourceRef.TagPattern("v*", true);

            assertThat(everything.select(List.of("v1.9.0", "v2.0.0-rc.1"))).contains("v2.0.0-rc.1");
            assertThat(everything.select(List.of("v2.0.0-rc.2", "v2.0.0", "v2.0.0-rc.10"))).contains("v2.0.0");
            assertThat(everything.select(List.of("v2.0.0-rc.2", "v2.0.0-rc.10", "v2.0.0-beta"))).contains("v2.0.0-rc.10");
        }

        @Test
        void tagsThatDoNotMatchOrAreNoSemanticVersionAreIgnored() {
            assertThat(releases.select(List.of("latest", "v1.2", "v1.3.0.1", "release-9.0.0", "9.9.9", "v1.0.0")))
                    .contains("v1.0.0");
            assertThat(releases.select(List.of("latest", "v1.2", "stable"))).isEmpty();
            assertThat(releases.select(List.of())).isEmpty();
        }

        @Test
        void theVersionMayFollowTheFixedBeginningOfThePattern() {
            SourceRef.TagPattern prefixed = new SourceRef.TagPattern("release-*");

            assertThat(prefixed.select(List.of("release-1.9.0", "release-1.10.0", "release-x"))).contains("release-1.10.0");
            assertThat(new SourceRef.TagPattern("apps/web/v*").select(List.of("apps/web/v0.3.0", "apps/db/v9.0.0")))
                    .contains("apps/web/v0.3.0");
        }

        @Test
        void aPatternMayNarrowTheVersionsItself() {
            assertThat(new SourceRef.TagPattern("v1.*").select(List.of("v1.9.0", "v1.10.2", "v2.0.0"))).contains("v1.10.2");
        }

        @Test
        void equalPrecedenceIsBrokenStablyByBuildMetadataThenName() {
            assertThat(releases.select(List.of("v1.0.0+b", "v1.0.0+a"))).contains("v1.0.0+b");
            assertThat(new SourceRef.TagPattern("*").select(List.of("v1.0.0", "1.0.0"))).contains("v1.0.0");
        }

        @ParameterizedTest
        @CsvSource({
            "v*, v1.0.0, true",
            "v*, xv1.0.0, false",
            "v?.*, v1.2.3, true",
            "v?.*, v10.2.3, false",
            "*, anything/at/all, true",
            "apps/*/v*, apps/web/v1.0.0, true",
            "v1.*, v1x2, false",
        })
        void aGlobMatchesWholeTagNames(String pattern, String tag, boolean matches) {
            assertThat(new SourceRef.TagPattern(pattern).matches(tag)).isEqualTo(matches);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "v1.0.0", "v*..", "v* x", "v*~"})
        void aPatternWithoutAWildcardOrThatNoValidTagCouldMatchIsRefused(String pattern) {
            assertThatThrownBy(() -> new SourceRef.TagPattern(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tag pattern");
        }

        @Test
        void itDescribesItselfForMessages() {
            assertThat(releases).hasToString("newest tag matching 'v*'");
            assertThat(new SourceRef.TagPattern("v*", true)).hasToString("newest tag matching 'v*' (pre-releases included)");
        }
    }

    @Nested
    class Commits {

        @Test
        void aFullCommitIdIsKeptInLowerCase() {
            assertThat(new SourceRef.Commit("4B825DC642CB6EB9A060E54BF8D69288FBEE4904").id())
                    .isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            assertThat(new SourceRef.Commit("4b825dc642cb6eb9a060e54bf8d69288fbee4904"))
                    .hasToString("commit 4b825dc642cb");
        }

        @ParameterizedTest
        @ValueSource(strings = {"4b825dc", "main", "HEAD", "", "4b825dc642cb6eb9a060e54bf8d69288fbee490z"})
        void anythingButAFullIdIsRefused(String id) {
            assertThatThrownBy(() -> new SourceRef.Commit(id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("full 40-character commit id");
        }
    }

    @Test
    void aBranchDescribesItselfAndNamesItsRef() {
        SourceRef.Branch branch = new SourceRef.Branch(" release/2024.03 ");

        assertThat(branch.name()).isEqualTo("release/2024.03");
        assertThat(branch.refName()).isEqualTo("refs/heads/release/2024.03");
        assertThat(branch).hasToString("branch 'release/2024.03'");
    }
}
