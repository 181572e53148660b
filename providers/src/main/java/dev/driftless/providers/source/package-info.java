/**
 * Git sources: the adapter between Driftless and the repositories it follows. It fetches with
 * JGit into a local bare cache and hands out only our values ({@link
 * dev.driftless.providers.source.Revision}, {@link dev.driftless.manifests.layout.RepoTree}) and
 * one exception ({@link dev.driftless.providers.source.SourceException}); JGit's types stay
 * inside. Everything here may touch the network and the disk.
 */
package dev.driftless.providers.source;
