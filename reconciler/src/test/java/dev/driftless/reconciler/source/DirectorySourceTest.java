package dev.driftless.reconciler.source;

import dev.driftless.reconciler.engine.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
