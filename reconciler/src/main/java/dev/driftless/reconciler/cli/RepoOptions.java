package dev.driftless.reconciler.cli;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.providers.source.SourceSpec;
import dev.driftless.reconciler.engine.DesiredStateSource;
import dev.driftless.reconciler.keys.Identities;
import dev.driftless.reconciler.source.DirectorySource;
import dev.driftless.reconciler.source.GitDesiredStateSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the one-shot commands read: a local folder (default: here) or a git URL with {@code --ref}. */
final class RepoOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
            description = "Desired-state repo: a folder (default: the current one) or a git URL (file://, a .git path).")
    String repo;

    @Option(names = "--ref", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch to read when REPO is a git URL (default: ${DEFAULT-VALUE}).")
    String ref;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "Docker engine (default: $DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost;

    @Option(names = "--identity", paramLabel = "FILE",
            description = "age identity file to decrypt secret env files with (repeatable; default: "
                    + "$DRIFTLESS_AGE_KEY_FILE, $DRIFTLESS_AGE_KEY, $SOPS_AGE_KEY_FILE, $SOPS_AGE_KEY).")
    List<Path> identityFiles = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The identities secret env files are decrypted with; none when nothing is given or set. */
    DecryptionKeys keys() {
        try {
            if (!identityFiles.isEmpty()) {
                Identities.Loaded loaded = Identities.load(identityFiles, System::getenv);
                return DecryptionKeys.of(loaded.identities(), loaded.source());
            }
            return Identities.forRendering(Optional.empty(), System::getenv);
        } catch (Identities.KeyProblem e) {
            throw new ParameterException(spec.commandLine(), "cannot read the age identities: " + e.getMessage());
        }
    }

    boolean isGitUrl() {
        return repo.contains("://") || repo.endsWith(".git") || repo.startsWith("git@");
    }

    /** A folder is read as it is on disk; a git URL is fetched into a throw-away cache. */
    DesiredStateSource open() throws IOException {
        if (isGitUrl()) {
            Path cache = Files.createTempDirectory("driftless-git-");
            cache.toFile().deleteOnExit();
            return new GitDesiredStateSource(new SourceSpec(repo, ref), cache);
        }
        return new DirectorySource(Path.of(repo));
    }

    URI dockerHost() {
        if (dockerHost != null) {
            return URI.create(dockerHost);
        }
        String fromEnvironment = System.getenv("DOCKER_HOST");
        return URI.create(fromEnvironment == null || fromEnvironment.isBlank() ? "unix:///var/run/docker.sock"
                : fromEnvironment);
    }
}
