package dev.driftless.providers.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real repository on disk that plays the remote in tests: a working tree the test writes files
 * into and commits, as a person would before pushing.
 */
final class Upstream implements AutoCloseable {

    static final Instant FIRST_COMMIT_TIME = Instant.parse("2024-03-01T10:00:00Z");

    private final Git git;
    private final Path directory;
    private Instant clock = FIRST_COMMIT_TIME;

    private Upstream(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    static Upstream create(Path directory) throws GitAPIException {
        return new Upstream(Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call(), directory);
    }

    Path directory() {
        return directory;
    }

    String fileUrl() {
        return directory.toUri().toString();
    }

    Upstream write(String path, String content) throws IOException {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    Upstream write(String path, byte[] content) throws IOException {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return this;
    }

    Upstream delete(String path) throws IOException {
        Files.delete(directory.resolve(path));
        return this;
    }

    /** Commits everything in the working tree, additions and deletions; returns the commit id. */
    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent author = new PersonIdent("Alice Example", "alice@example.com", clock, ZoneOffset.UTC);
        PersonIdent committer = new PersonIdent("Bob Example", "bob@example.com", clock, ZoneOffset.UTC);
        clock = clock.plusSeconds(60);
        return git.commit().setMessage(message).setAuthor(author).setCommitter(committer).call().name();
    }

    /** Moves the current branch and the working tree back to an older commit, as before a force-push. */
    void resetHard(String commitId) throws GitAPIException {
        git.reset().setMode(ResetType.HARD).setRef(commitId).call();
    }

    void createBranch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
    }

    void deleteBranch(String name) throws GitAPIException {
        git.branchDelete().setBranchNames(name).setForce(true).call();
    }

    /** A lightweight tag on the current commit. */
    void tag(String name) throws GitAPIException {
        git.tag().setName(name).setAnnotated(false).call();
    }

    /** An annotated tag (a tag object, as `git tag -a` makes) on the current commit. */
    void annotatedTag(String name) throws GitAPIException {
        PersonIdent tagger = new PersonIdent("Carol Example", "carol@example.com", clock, ZoneOffset.UTC);
        git.tag().setName(name).setAnnotated(true).setMessage("Release " + name).setTagger(tagger).call();
    }

    void deleteTag(String name) throws GitAPIException {
        git.tagDelete().setTags(name).call();
    }

    Git git() {
        return git;
    }

    @Override
    public void close() {
        git.close();
    }
}
