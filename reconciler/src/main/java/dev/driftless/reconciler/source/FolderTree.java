package dev.driftless.reconciler.source;

import dev.driftless.manifests.layout.GitBlobId;
import dev.driftless.manifests.layout.RepoTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of a local folder as a tree, listed once with git's content id of each file, and
 * read on demand: a manifest as text, a build context's file as bytes. A file whose content no
 * longer has the id it was listed with (edited meanwhile) is refused rather than built from, so
 * an image is always built from the files its fingerprint says.
 */
final class FolderTree implements RepoTree {

    /** Larger files are no manifests, and are not read as text. */
    static final long MAX_TEXT_BYTES = 1024 * 1024;
    /** Larger files are refused in a build context. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    /** What is known of one file from the listing. */
    record Listed(String contentId, boolean executable) {
    }

    private final Path root;
    private final Map<String, Listed> files;

    private FolderTree(Path root, Map<String, Listed> files) {
        this.root = root;
        this.files = Map.copyOf(files);
    }

    /**
     * Lists {@code paths} under {@code root}, reading each file once to compute its content id.
     *
     * @throws IOException when a file cannot be read
     */
    static FolderTree list(Path root, List<String> paths) throws IOException {
        Map<String, Listed> files = new TreeMap<>();
        for (String path : paths) {
            Path file = root.resolve(path);
            if (Files.size(file) > MAX_FILE_BYTES) {
                continue;
            }
            files.put(path, new Listed(blobId(file), Files.isExecutable(file)));
        }
        return new FolderTree(root, files);
    }

    /** Every file with its content id, sorted by path: what the folder's revision is made from. */
    Map<String, String> contentIds() {
        Map<String, String> ids = new TreeMap<>();
        files.forEach((path, listed) -> ids.put(path, listed.contentId()));
        return ids;
    }

    @Override
    public List<String> paths() {
        return files.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<String> readText(String path) {
        if (!files.containsKey(path)) {
            return Optional.empty();
        }
        byte[] bytes = read(path, MAX_TEXT_BYTES);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException("cannot read " + root.resolve(path) + ": it is not valid UTF-8 text", e);
        }
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        return files.containsKey(path) ? Optional.of(read(path, MAX_FILE_BYTES)) : Optional.empty();
    }

    @Override
    public Optional<String> contentId(String path) {
        return Optional.ofNullable(files.get(path)).map(Listed::contentId);
    }

    @Override
    public boolean isExecutable(String path) {
        Listed listed = files.get(path);
        return listed != null && listed.executable();
    }

    private byte[] read(String path, long limit) {
        Path file = root.resolve(path);
        try {
            if (Files.size(file) > limit) {
                throw new IOException("it is larger than " + limit + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!GitBlobId.of(bytes).equals(files.get(path).contentId())) {
                throw new IOException("it changed since the folder was read; run again");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String blobId(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return GitBlobId.of(Files.size(file), in);
        }
    }
}
