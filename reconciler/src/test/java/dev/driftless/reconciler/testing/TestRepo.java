package dev.driftless.reconciler.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real git repository on disk that a test commits desired state to, as a user would push. */
public final class TestRepo implements AutoCloseable {

    private final Path directory;
    private final Git git;

    private TestRepo(Path directory, Git git) {
        this.directory = directory;
        this.git = git;
    }

    public static TestRepo init(Path directory) {
        try {
            return new TestRepo(directory, Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public TestRepo write(String path, String content) {
        try {
            Path file = directory.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo delete(String path) {
        try {
            Files.deleteIfExists(directory.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything in the work tree and returns the new commit's id. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit().setMessage(message).setSign(false)
                    .setAuthor("Test", "test@driftless.invalid").setCommitter("Test", "test@driftless.invalid").call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the commit at the head of the current branch. */
    public String headOf() {
        try {
            return git.getRepository().resolve("HEAD").getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
