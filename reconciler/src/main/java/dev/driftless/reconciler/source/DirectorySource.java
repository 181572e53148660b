package dev.driftless.reconciler.source;

import dev.driftless.manifests.layout.InMemoryRepoTree;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A local folder as desired state, for {@code validate}, {@code plan} and {@code apply} run by
 * hand or in CI. Its revision is a hash of the files Driftless reads, so the same content always
 * gets the same revision label.
 */
public final class DirectorySource implements DesiredStateSource {

    /** Larger files are no manifests; they are left out of the tree rather than read into memory. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

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
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (hidden(relative) || Files.size(file) > MAX_FILE_BYTES) {
                    continue;
                }
                // Bytes, not text: a binary *.age secret must reach the renderer intact.
                files.put(relative, Files.readAllBytes(file));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SourceUnavailableException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return new Snapshot("local-" + contentHash(files), "local folder " + root, InMemoryRepoTree.ofBytes(files));
    }

    /** Inside a hidden folder ({@code .git}, {@code .idea}); hidden files such as {@code .env} are read. */
    private static boolean hidden(String relative) {
        String[] segments = relative.split("/");
        return Stream.of(segments).limit(segments.length - 1L).anyMatch(segment -> segment.startsWith("."));
    }

    private static String contentHash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                digest.update((path + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
