package dev.driftless.reconciler.source;

import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.reconciler.engine.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectorySourceTest {

    @TempDir
    Path repo;

    @Test
    void readsHiddenFilesSuchAsDotEnvButNothingInsideHiddenFolders() throws Exception {
        write("shop/compose.yaml", "services: {}\n");
        write("shop/.env", "TAG=1\n");
        write(".git/config", "[core]\n");

        Snapshot snapshot = new DirectorySource(repo).latest();

        assertThat(snapshot.tree().paths()).containsExactlyInAnyOrder("shop/compose.yaml", "shop/.env");
    }

    @Test
    void theSameContentAlwaysHasTheSameRevisionAndAnyChangeANewOne() throws Exception {
        write("shop/compose.yaml", "services: {}\n");
        String first = new DirectorySource(repo).latest().revision();
        String again = new DirectorySource(repo).latest().revision();
        write("shop/compose.yaml", "services: {}\n# changed\n");
        String changed = new DirectorySource(repo).latest().revision();

        assertThat(again).isEqualTo(first).startsWith("local-");
        assertThat(changed).isNotEqualTo(first);
    }

    @Test
    void aBuildContextMayHoldBinaryAndExecutableFilesWhichAreReadAsBytes() throws Exception {
        write("shop/compose.yaml", "services: {}\n");
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        Files.createDirectories(repo.resolve("shop/web"));
        Files.write(repo.resolve("shop/web/logo.png"), binary);
        write("shop/web/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(repo.resolve("shop/web/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));

        RepoTree tree = new DirectorySource(repo).latest().tree();

        assertThat(tree.readBytes("shop/web/logo.png")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(binary));
        assertThat(tree.isExecutable("shop/web/run.sh")).isTrue();
        assertThat(tree.isExecutable("shop/compose.yaml")).isFalse();
        // `git hash-object shop/compose.yaml`
        assertThat(tree.contentId("shop/compose.yaml")).hasValue("ad189ddbec905274478cedb2ae508abbdb4caeb0");
    }

    @Test
    void aFileEditedAfterTheFolderWasReadIsRefusedRatherThanBuiltFrom() throws Exception {
        write("shop/compose.yaml", "services: {}\n");
        RepoTree tree = new DirectorySource(repo).latest().tree();

        write("shop/compose.yaml", "services: {web: {image: nginx}}\n");

        assertThatThrownBy(() -> tree.readBytes("shop/compose.yaml")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("changed since the folder was read");
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertThatThrownBy(() -> new DirectorySource(repo.resolve("nope")).latest())
                .hasMessageContaining("not a folder").hasMessageContaining("nope");
    }

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
