package dev.driftless.reconciler.docker;

import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.manifests.layout.TreeBuildContexts;
import dev.driftless.manifests.model.BuildSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * A build context as the engine takes it: a tar of the context folder's files at the revision,
 * made in memory from the revision's tree, so that neither the checkout nor anything decrypted is
 * ever written to disk. Entries carry a fixed time and owner, so the same files give the same tar
 * and the engine's layer cache hits from one revision to the next.
 */
final class BuildContextTar {

    /** Larger contexts are refused rather than held in memory; a build context is source code. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** Where an inline Dockerfile goes in the tar; a context holding such a file is refused. */
    static final String INLINE_DOCKERFILE = ".driftless-inline.Dockerfile";

    private static final Date FIXED_TIME = new Date(946_684_800_000L); // 2000-01-01T00:00:00Z

    private BuildContextTar() {
    }

    /** The tar of {@code build}'s context in {@code tree}, and the Dockerfile's path inside it. */
    static Context of(RepoTree tree, BuildSpec build) {
        String prefix = build.context().isEmpty() ? "" : build.context() + "/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long total = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String path : TreeBuildContexts.filesUnder(tree, build.context())) {
                String name = path.substring(prefix.length());
                if (build.dockerfileInline().isPresent() && name.equals(INLINE_DOCKERFILE)) {
                    throw new IllegalStateException("the build context " + build.contextForDisplay() + " holds a file "
                            + "named " + INLINE_DOCKERFILE + ", which Driftless needs for the inline Dockerfile");
                }
                byte[] content = tree.readBytes(path).orElseThrow(() -> new IllegalStateException(
                        "the revision lists " + path + " but cannot read it"));
                total += content.length;
                if (total > MAX_BYTES) {
                    throw new IllegalStateException("the build context " + build.contextForDisplay() + " is larger than "
                            + (MAX_BYTES >> 20) + " MiB");
                }
                add(tar, name, content, tree.isExecutable(path));
            }
            if (build.dockerfileInline().isPresent()) {
                add(tar, INLINE_DOCKERFILE, build.dockerfileInline().get().getBytes(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the build context of " + build.contextForDisplay(), e);
        }
        return new Context(bytes.toByteArray(),
                build.dockerfileInline().isPresent() ? INLINE_DOCKERFILE : build.dockerfile());
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, boolean executable)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(executable ? 0100755 : 0100644);
        entry.setModTime(FIXED_TIME);
        entry.setIds(0, 0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** The tar's bytes and the Dockerfile's path inside it. */
    record Context(byte[] tar, String dockerfile) {
    }
}
