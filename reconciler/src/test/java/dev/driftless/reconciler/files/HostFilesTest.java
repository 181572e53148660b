package dev.driftless.reconciler.files;

import dev.driftless.manifests.model.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostFilesTest {

    @TempDir
    Path root;

    private static RepoFiles file(String content, RepoFiles.FileAccess access) {
        return new RepoFiles("shop/conf/app.conf", false,
                List.of(new RepoFiles.File("", content.getBytes(StandardCharsets.UTF_8))), access);
    }

    @Test
    void writesEachContentOnceUnderItsDigestAndNeverRewritesIt() throws Exception {
        HostFiles files = HostFiles.under(root);
        RepoFiles v1 = file("v1\n", RepoFiles.FileAccess.DEFAULT);

        Path first = files.materialise("shop", v1);
        Path again = files.materialise("shop", v1);
        Path second = files.materialise("shop", file("v2\n", RepoFiles.FileAccess.DEFAULT));

        assertThat(first).isEqualTo(again).isEqualTo(root.resolve("shop").resolve(v1.digest()).resolve("app.conf"));
        assertThat(Files.readString(first)).isEqualTo("v1\n");
        assertThat(Files.readString(second)).isEqualTo("v2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-r--r--");
        try (var left = Files.list(root.resolve("shop"))) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".staging"));
        }
    }

    @Test
    void writesAFolderWithItsSubfoldersAndTheModeAsked() throws Exception {
        RepoFiles folder = new RepoFiles("shop/site", true, List.of(
                new RepoFiles.File("index.html", "<h1>\n".getBytes(StandardCharsets.UTF_8)),
                new RepoFiles.File("css/a.css", "a\n".getBytes(StandardCharsets.UTF_8))),
                new RepoFiles.FileAccess("", "", 0440));

        Path bound = HostFiles.under(root).materialise("shop", folder);

        assertThat(bound.getFileName().toString()).isEqualTo("site");
        assertThat(Files.readString(bound.resolve("css/a.css"))).isEqualTo("a\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bound.resolve("index.html"))))
                .isEqualTo("r--r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bound.resolve("css"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void prunesOnlyTheCopiesNotKept() {
        HostFiles files = HostFiles.under(root);
        RepoFiles kept = file("kept\n", RepoFiles.FileAccess.DEFAULT);
        Path keep = files.materialise("shop", kept);
        Path drop = files.materialise("shop", file("old\n", RepoFiles.FileAccess.DEFAULT));

        files.prune("shop", Set.of(kept.digest()));

        assertThat(keep).exists();
        assertThat(drop).doesNotExist();
    }

    @Test
    void withoutAFolderSaysHowToGetOne() {
        assertThatThrownBy(() -> HostFiles.none().materialise("shop", file("x", RepoFiles.FileAccess.DEFAULT)))
                .hasMessageContaining("no folder to copy repository files to");
    }
}
