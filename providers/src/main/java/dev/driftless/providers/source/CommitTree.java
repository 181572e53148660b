package dev.driftless.providers.source;

import dev.driftless.manifests.layout.RepoTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read from the bare cache without a working tree.
 *
 * <p>A tree may be rooted at a folder of the commit (a source's sub-path); its paths are then
 * relative to that folder. The list of paths is read, and every file's object checked to be present, when the tree is
 * made, so a damaged cache is found by {@link GitSource} rather than halfway through rendering.
 * File contents are read on demand. Only regular files (executable or not) are files here:
 * symbolic links and submodules are neither listed nor readable, because following them would
 * read something that is not in the commit.
 */
final class CommitTree implements RepoTree {

    /** Larger files are refused: desired-state files are small, and memory is not unlimited. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private final Repository repository;
    private final String commitId;
    private final Map<String, ObjectId> files;

    private CommitTree(Repository repository, String commitId, Map<String, ObjectId> files) {
        this.repository = repository;
        this.commitId = commitId;
        this.files = files;
    }

    /**
     * Lists the commit's files.
     *
     * @throws IOException when a tree or a file's object is missing or unreadable in the cache
     */
    static CommitTree read(Repository repository, RevCommit commit) throws IOException {
        return list(repository, commit.name(), commit.getTree());
    }

    /**
     * Lists the files under one folder of the commit, with paths relative to that folder, as if
     * the repository held only it; empty when the commit has no such folder.
     *
     * @param folder a {@code /}-separated path without leading or trailing {@code /}; empty for
     *     the whole commit
     * @throws IOException when a tree or a file's object is missing or unreadable in the cache
     */
    static Optional<CommitTree> read(Repository repository, RevCommit commit, String folder) throws IOException {
        if (folder.isEmpty()) {
            return Optional.of(read(repository, commit));
        }
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk entry = TreeWalk.forPath(reader, folder, commit.getTree())) {
            if (entry == null || (entry.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
                return Optional.empty();
            }
            return Optional.of(list(repository, commit.name(), entry.getObjectId(0)));
        }
    }

    private static CommitTree list(Repository repository, String commitId, AnyObjectId root) throws IOException {
        Map<String, ObjectId> files = new LinkedHashMap<>();
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(root);
            walk.setRecursive(true); // descends into trees; submodules (gitlinks) stay leaves
            while (walk.next()) {
                if ((walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    continue;
                }
                ObjectId blob = walk.getObjectId(0);
                if (!reader.has(blob, Constants.OBJ_BLOB)) {
                    throw new MissingObjectException(blob, Constants.OBJ_BLOB);
                }
                files.put(walk.getPathString(), blob);
            }
        }
        return new CommitTree(repository, commitId, Collections.unmodifiableMap(files));
    }

    /** Every regular file of the tree, relative to its root with '/', in git's tree order. */
    @Override
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /**
     * The file's content decoded as UTF-8, or empty when the commit has no regular file at that
     * exact path.
     *
     * @throws UncheckedIOException when the file is larger than {@value #MAX_FILE_BYTES} bytes,
     *     is not valid UTF-8, or cannot be read from the cache (for example after the
     *     {@link GitSource} was closed); the message names the path and the commit
     */
    @Override
    public Optional<String> readText(String path) {
        Optional<byte[]> bytes = readBytes(path);
        try {
            return bytes.isEmpty() ? Optional.empty() : Optional.of(decode(bytes.get()));
        } catch (CharacterCodingException e) {
            throw unreadable(path, "it is not valid UTF-8 text", e);
        }
    }

    /** The file's raw bytes (any content, such as a certificate), with the same size limit as {@link #readText}. */
    @Override
    public Optional<byte[]> readBytes(String path) {
        ObjectId blob = files.get(path);
        if (blob == null) {
            return Optional.empty();
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_FILE_BYTES) {
                throw new IOException("it is " + loader.getSize() + " bytes, more than the limit of "
                        + MAX_FILE_BYTES + " bytes (1 MiB) for a desired-state file");
            }
            return Optional.of(loader.getCachedBytes(MAX_FILE_BYTES));
        } catch (IOException e) {
            throw unreadable(path, e.getMessage(), e);
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private UncheckedIOException unreadable(String path, String reason, IOException cause) {
        return new UncheckedIOException(
                "cannot read '" + path + "' at commit " + commitId.substring(0, 12) + ": " + reason, cause);
    }

    @Override
    public String toString() {
        return "CommitTree[" + commitId + ", " + files.size() + " files]";
    }
}
