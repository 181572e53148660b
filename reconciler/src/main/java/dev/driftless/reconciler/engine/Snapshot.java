package dev.driftless.reconciler.engine;

import dev.driftless.manifests.layout.RepoTree;

import java.util.Objects;

/**
 * The desired-state files at one revision.
 *
 * @param revision the commit id (or a content hash for a local folder), written on every container
 * @param subject the commit's subject line, for history and logs
 */
public record Snapshot(String revision, String subject, RepoTree tree) {

    public Snapshot {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tree, "tree");
    }

    public String shortRevision() {
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
