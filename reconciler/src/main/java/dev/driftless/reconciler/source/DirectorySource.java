package dev.driftless.reconciler.source;

import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.engine.Snapshot;
import dev.driftless.reconciler.engine.SourceUnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A local folder as desired state, for {@code validate}, {@code plan} and {@code apply} run by
 * hand or in CI. Its revision is a hash of its files' paths and content ids, so the same content
 * always gets the same revision label. Files are read on demand (see {@link FolderTree}), so a
 * build context may hold binary and large files.
 */
public final class DirectorySource implements DesiredStateSource {

    private final Path root;

    public DirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String repoName() {
        Path name = root.getFileName();
        return name == null ? "root" : name.toString();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public Snapshot latest() throws SourceUnavailableException {
        if (!Files.isDirectory(root)) {
            throw new SourceUnavailableException("not a folder: " + root, null);
        }
        FolderTree tree;
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> paths = walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(relative -> !hidden(relative))
                    .toList();
            tree = FolderTree.list(root, paths);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SourceUnavailableException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return new Snapshot("local-" + contentHash(tree.contentIds()), "local folder " + root, tree);
    }

    /** Inside a hidden folder ({@code .git}, {@code .idea}); hidden files such as {@code .env} are read. */
    private static boolean hidden(String relative) {
        String[] segments = relative.split("/");
        return Stream.of(segments).limit(segments.length - 1L).anyMatch(segment -> segment.startsWith("."));
    }

    private static String contentHash(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, id) -> digest.update((path + "\0" + id + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
