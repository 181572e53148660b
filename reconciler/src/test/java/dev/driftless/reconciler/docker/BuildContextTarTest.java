package dev.driftless.reconciler.docker;

import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.model.BuildSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildContextTarTest {

    private static final InMemoryRepoTree TREE = InMemoryRepoTree.of(
            "shop/compose.yaml", "services: {}\n",
            "shop/web/Dockerfile", "FROM busybox:1.36\n",
            "shop/web/static/a-rather/deep/path/that/goes/on/and/on/beyond/the/hundred/characters/of/old/tar/index.html",
            "hello",
            "shop/webapp/other.txt", "not in shop/web");

    @Test
    void holdsExactlyTheContextsFilesRelativeToItWithAFixedTimeAndOwner() throws IOException {
        BuildContextTar.Context context = BuildContextTar.of(TREE, BuildSpec.of("shop/web", "00"));

        Map<String, TarArchiveEntry> entries = entries(context.tar());
        assertThat(entries.keySet()).containsExactly("Dockerfile",
                "static/a-rather/deep/path/that/goes/on/and/on/beyond/the/hundred/characters/of/old/tar/index.html");
        assertThat(entries.values()).allSatisfy(entry -> {
            assertThat(entry.getMode()).isEqualTo(0100644);
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getModTime().getTime()).isEqualTo(946_684_800_000L);
        });
        assertThat(context.dockerfile()).isEqualTo("Dockerfile");
        assertThat(BuildContextTar.of(TREE, BuildSpec.of("shop/web", "00")).tar())
                .as("the same files make the same tar").isEqualTo(context.tar());
    }

    @Test
    void addsAnInlineDockerfileUnderItsOwnName() throws IOException {
        BuildSpec inline = new BuildSpec("shop/web", "", Optional.of("FROM scratch\n"), Map.of(), "", Map.of(), "", 0,
                List.of(), List.of(), "00");

        BuildContextTar.Context context = BuildContextTar.of(TREE, inline);

        assertThat(context.dockerfile()).isEqualTo(BuildContextTar.INLINE_DOCKERFILE);
        assertThat(entries(context.tar())).containsKey(BuildContextTar.INLINE_DOCKERFILE);
        assertThatThrownBy(() -> BuildContextTar.of(InMemoryRepoTree.of("web/" + BuildContextTar.INLINE_DOCKERFILE, "x"),
                new BuildSpec("web", "", Optional.of("FROM scratch\n"), Map.of(), "", Map.of(), "", 0, List.of(),
                        List.of(), "00")))
                .hasMessageContaining("holds a file named " + BuildContextTar.INLINE_DOCKERFILE);
    }

    private static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }
}
