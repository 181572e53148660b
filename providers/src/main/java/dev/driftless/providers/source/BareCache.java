package dev.driftless.providers.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare repository a source keeps on local disk: created empty on first use, opened and
 * checked once per process, deleted when it cannot be trusted.
 *
 * <p>The directory belongs to exactly one {@link GitSource} at a time, so a {@code *.lock} file
 * found when opening it can only be left over from a process that died mid-write.
 */
final class BareCache implements AutoCloseable {

    /** Names of which at least one is in any git directory; without them a folder is not ours. */
    private static final Set<String> GIT_ENTRIES = Set.of("HEAD", "config", "objects", "refs");

    private final Path directory;
    private final String initialBranch;
    private Repository repository;
    private String damage;

    BareCache(Path directory, String initialBranch) {
        this.directory = directory.toAbsolutePath().normalize();
        this.initialBranch = initialBranch;
    }

    Path directory() {
        return directory;
    }

    /**
     * The cache's repository, created when the directory is absent or empty.
     *
     * @throws CacheDamagedException when the repository cannot be trusted
     * @throws IOException when the directory cannot be created or read
     */
    Repository open() throws CacheDamagedException, IOException {
        if (damage != null) {
            throw new CacheDamagedException(damage, null);
        }
        if (repository == null) {
            Repository repo = isAbsentOrEmpty() ? create() : openExisting();
            try {
                runGarbageCollectionInPlace(repo);
            } catch (IOException e) {
                repo.close();
                throw new CacheDamagedException("its configuration cannot be written: " + e.getMessage(), e);
            }
            repository = repo;
        }
        return repository;
    }

    /** Remembers that reading the cache failed, so that the next {@link #open()} reports it. */
    void markDamaged(String reason) {
        damage = reason;
    }

    /**
     * The commit a local ref points to, after checking that the commit, its trees and its files
     * are all present; empty when the ref does not exist.
     */
    Optional<Revision> verifiedRevision(String refName) throws CacheDamagedException, IOException {
        Repository repo = open();
        Ref ref;
        try {
            ref = repo.exactRef(refName);
        } catch (IOException e) {
            throw new CacheDamagedException("the ref " + refName + " cannot be read: " + e.getMessage(), e);
        }
        if (ref == null || ref.getObjectId() == null) {
            if (Files.exists(directory.resolve(refName))) {
                // JGit reads a loose ref it cannot parse as absent; a crash mid-write leaves one.
                throw new CacheDamagedException("the ref file " + refName + " holds no object id", null);
            }
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(ref.getObjectId());
            CommitTree.read(repo, commit);
            return Optional.of(Commits.revision(commit));
        } catch (IOException e) {
            throw new CacheDamagedException("the objects of " + refName + " are missing or unreadable: "
                    + e.getMessage(), e);
        }
    }

    /** The object a local ref points to, without peeling; empty when the ref does not exist. */
    Optional<ObjectId> refTarget(String refName) throws CacheDamagedException, IOException {
        Repository repo = open();
        try {
            Ref ref = repo.exactRef(refName);
            return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
        } catch (IOException e) {
            throw new CacheDamagedException("the ref " + refName + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The commit an object names, through any annotated tags; empty when the object is not in
     * the cache or names no commit.
     */
    Optional<ObjectId> commitOf(ObjectId object) throws CacheDamagedException, IOException {
        Repository repo = open();
        try (RevWalk walk = new RevWalk(repo)) {
            if (!repo.getObjectDatabase().has(object)) {
                return Optional.empty();
            }
            RevObject peeled = walk.peel(walk.parseAny(object));
            return peeled instanceof RevCommit commit ? Optional.of(commit.copy()) : Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CacheDamagedException("the object " + object.name() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Points a local ref at a commit that is in the cache, whatever it pointed to before: the
     * ref that remembers which tag or pinned commit a source is on.
     */
    void setRef(String refName, ObjectId commit) throws CacheDamagedException, IOException {
        RefUpdate update = open().updateRef(refName);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        update.disableRefLog();
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
            default -> throw new CacheDamagedException("setting " + refName + " in the cache failed with " + result, null);
        }
    }

    /** Deletes local refs under a prefix, such as the branches fetched only to find a commit. */
    void deleteRefs(String prefix) throws CacheDamagedException, IOException {
        Repository repo = open();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            RefUpdate update = repo.updateRef(ref.getName());
            update.setForceUpdate(true);
            update.disableRefLog();
            RefUpdate.Result result = update.delete();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
                throw new CacheDamagedException("deleting " + ref.getName() + " from the cache failed with " + result,
                        null);
            }
        }
    }

    /**
     * Walks every commit reachable from the ref, to tell a local missing object from a remote
     * one after a fetch failed.
     */
    void verifyHistory(String refName) throws CacheDamagedException, IOException {
        Repository repo = open();
        try (RevWalk walk = new RevWalk(repo)) {
            Ref ref = repo.exactRef(refName);
            if (ref == null || ref.getObjectId() == null) {
                return;
            }
            walk.markStart(walk.parseCommit(ref.getObjectId()));
            while (walk.next() != null) {
                // parsing each commit is the check
            }
        } catch (IOException e) {
            throw new CacheDamagedException("the history of " + refName + " is incomplete: " + e.getMessage(), e);
        }
    }

    /**
     * Closes and deletes the cache, so that the next {@link #open()} creates it afresh.
     *
     * @throws IOException when it cannot be deleted, or when the directory does not look like a
     *     git repository (it is then not ours to delete)
     */
    void discard() throws IOException {
        close();
        damage = null;
        if (isAbsentOrEmpty()) {
            return;
        }
        if (!looksLikeGitDirectory()) {
            throw new IOException("refusing to delete " + directory + ": it does not look like a git repository");
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }

    /**
     * JGit collects garbage after a fetch now and then, by default on a background thread that
     * holds {@code gc.log.lock} after the fetch returned. That thread would race with closing,
     * deleting and reopening the cache, and its lock would read as a crash's; collecting in the
     * fetching thread keeps the cache's lifetime ours.
     */
    private static void runGarbageCollectionInPlace(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        if (config.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
        }
    }

    private Repository create() throws IOException {
        Files.createDirectories(directory);
        try {
            // Git.close() would only close the repository, which we keep.
            return Git.init()
                    .setBare(true)
                    .setDirectory(directory.toFile())
                    .setInitialBranch(initialBranch)
                    .call()
                    .getRepository();
        } catch (GitAPIException e) {
            throw new IOException("cannot create a bare repository in " + directory + ": " + e.getMessage(), e);
        }
    }

    private Repository openExisting() throws CacheDamagedException, IOException {
        if (!looksLikeGitDirectory()) {
            throw new CacheDamagedException(directory + " is not empty and does not look like a git repository;"
                    + " refusing to use or delete it", false, null);
        }
        Optional<Path> lock = findLockFile();
        if (lock.isPresent()) {
            throw new CacheDamagedException("a stale lock file " + directory.relativize(lock.get())
                    + " was left behind, probably by a crash", null);
        }
        Repository repo;
        try {
            repo = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().setMustExist(true).build();
        } catch (RepositoryNotFoundException e) {
            throw new CacheDamagedException("it is not a git repository any more", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CacheDamagedException("it cannot be opened: " + e.getMessage(), e);
        }
        try {
            if (repo.exactRef(Constants.HEAD) == null) {
                // JGit reads a ref file it cannot parse as no ref at all; HEAD always exists.
                throw new IOException("HEAD holds neither a ref nor an object id");
            }
        } catch (IOException e) {
            repo.close();
            throw new CacheDamagedException("its HEAD cannot be read: " + e.getMessage(), e);
        }
        return repo;
    }

    private boolean isAbsentOrEmpty() throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private boolean looksLikeGitDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.anyMatch(entry -> GIT_ENTRIES.contains(entry.getFileName().toString()));
        }
    }

    private Optional<Path> findLockFile() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".lock"))
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
