package dev.driftless.reconciler.files;

import dev.driftless.manifests.model.RepoFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where repo files bound into containers live on the host: {@code <root>/<app>/<digest>/<name>},
 * one folder per distinct content (and owner and mode), written once and never changed, so that a
 * running container keeps the files of the revision it was made from while a newer one starts,
 * and a new revision that changes nothing keeps the same host path (and so the same container).
 *
 * <p>The root is the daemon's data folder ({@code <data>/files}) unless configured; the Docker
 * engine must see it at the same path (a local engine, or Driftless in a container with the data
 * folder mounted at the same path). Only files the Compose file references are written, as they
 * are in the commit: never a decrypted secret (the manifests refuse encrypted ones).
 */
public final class HostFiles {

    private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final Optional<Path> root;

    private HostFiles(Optional<Path> root) {
        this.root = root;
    }

    /** Repo files under {@code root}, which is created when needed. */
    public static HostFiles under(Path root) {
        return new HostFiles(Optional.of(root.toAbsolutePath().normalize()));
    }

    /** No folder for repo files: binding one fails with a message that says how to configure it. */
    public static HostFiles none() {
        return new HostFiles(Optional.empty());
    }

    /** The folder files are kept in, when there is one. */
    public Optional<Path> root() {
        return root;
    }

    /**
     * The host path of {@code files} for app {@code app}, written first if absent. Safe to call
     * concurrently and after a crash: content goes to a temporary folder that is renamed into
     * place in one step, so a path that exists is always complete.
     */
    public Path materialise(String app, RepoFiles files) {
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("not an app name: " + app);
        }
        Path base = root.orElseThrow(() -> new IllegalStateException("'" + files.path() + "' is a file of the "
                + "repository, but this Driftless has no folder to copy repository files to; run it with a data "
                + "folder (--data) so that bind mounts of repository files work"));
        Path folder = base.resolve(app).resolve(files.digest());
        Path bound = folder.resolve(files.baseName());
        if (Files.exists(bound)) {
            return bound;
        }
        try {
            Files.createDirectories(folder.getParent());
            Path staging = Files.createTempDirectory(folder.getParent(), ".staging-");
            try {
                write(files, staging.resolve(files.baseName()));
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                try {
                    Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException written) {
                    // another step wrote the same content meanwhile: theirs is as good as ours
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot rename into " + folder + " atomically", e);
                }
            } finally {
                deleteRecursively(staging);
            }
            return bound;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy '" + files.path() + "' of app " + app + " to " + folder
                    + ": " + e.getMessage(), e);
        }
    }

    private static void write(RepoFiles files, Path target) throws IOException {
        RepoFiles.FileAccess access = files.access();
        if (!files.directory()) {
            Files.write(target, files.files().get(0).content());
            setAccess(target, access, access.mode() >= 0 ? access.mode() : 0644);
            return;
        }
        Files.createDirectories(target);
        for (RepoFiles.File file : files.files()) {
            Path path = target.resolve(file.path()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("'" + file.path() + "' leaves the bound folder");
            }
            Files.createDirectories(path.getParent());
            Files.write(path, file.content());
            setAccess(path, access, access.mode() >= 0 ? access.mode() : 0644);
        }
        try (Stream<Path> folders = Files.walk(target)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                setAccess(folder, access, 0755);
            }
        }
    }

    private static void setAccess(Path path, RepoFiles.FileAccess access, int mode) throws IOException {
        Files.setPosixFilePermissions(path, permissions(mode));
        if (!access.uid().isEmpty()) {
            Files.setAttribute(path, "unix:uid", Integer.parseInt(access.uid()));
        }
        if (!access.gid().isEmpty()) {
            Files.setAttribute(path, "unix:gid", Integer.parseInt(access.gid()));
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    /**
     * Removes the copies of app {@code app} whose digest is not in {@code keep}: called after a
     * successful rollout, when no container of the app uses them any more.
     */
    public void prune(String app, Set<String> keep) {
        if (root.isEmpty() || !APP.matcher(app).matches()) {
            return;
        }
        Path folder = root.get().resolve(app);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> copies = Files.list(folder)) {
            for (Path copy : copies.toList()) {
                if (!keep.contains(copy.getFileName().toString())) {
                    deleteRecursively(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
