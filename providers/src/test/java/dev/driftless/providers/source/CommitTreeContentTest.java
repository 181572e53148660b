package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.layout.InMemoryRepoTree;
import dev.driftless.manifests.layout.RepoTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build reads from a commit's tree: raw bytes, git's content ids and the executable bit. */
class CommitTreeContentTest {

    @TempDir
    Path temp;

    @Test
    void aCommitTreeGivesBinaryContentGitsBlobIdsAndTheExecutableBit() throws Exception {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe};
        try (Upstream upstream = Upstream.create(temp.resolve("fleet"))) {
            upstream.write("web/logo.png", binary).write("web/run.sh", "#!/bin/sh\necho hi\n")
                    .write("web/Dockerfile", "FROM busybox:1.36\n");
            Files.setPosixFilePermissions(upstream.directory().resolve("web/run.sh"),
                    PosixFilePermissions.fromString("rwxr-xr-x"));
            String head = upstream.commit("A build context");
            try (GitSource source = new GitSource(new SourceSpec(upstream.fileUrl(), "main"), temp.resolve("cache"),
                    Duration.ofSeconds(5), SourceEvents.NONE)) {
                source.fetch();
                RepoTree tree = source.tree(head);

                assertThat(tree.readBytes("web/logo.png")).hasValueSatisfying(bytes -> assertThat(bytes)
                        .containsExactly(binary));
                assertThat(tree.isExecutable("web/run.sh")).isTrue();
                assertThat(tree.isExecutable("web/Dockerfile")).isFalse();
                // `git hash-object` of the file; a tree read from a folder computes the same id.
                RepoTree sameFiles = InMemoryRepoTree.of("web/Dockerfile", "FROM busybox:1.36\n");
                assertThat(tree.contentId("web/Dockerfile")).hasValue("209f9502c35b9a28941d05789aef3b8855061f51");
                assertThat(sameFiles.contentId("web/Dockerfile")).hasValue("209f9502c35b9a28941d05789aef3b8855061f51");
                assertThat(tree.contentId("web/missing")).isEmpty();
            }
        }
    }
}
