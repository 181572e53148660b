/**
 * Git sources: the adapter between Driftless and the repositories it follows. It fetches with
 * JGit into a local bare cache and hands out only our values ({@link
 * dev.driftless.providers.source.Revision}, {@link dev.driftless.manifests.layout.RepoTree}) and
 * one exception ({@link dev.driftless.providers.source.SourceException}); JGit's types stay
 * inside. Everything here may touch the network and the disk, except the values that describe a
 * source ({@link dev.driftless.providers.source.SourceSpec}, {@link
 * dev.driftless.providers.source.SourceRef}, {@link dev.driftless.providers.source.Credentials})
 * and the polling policy ({@link dev.driftless.providers.source.PollPolicy}, {@link
 * dev.driftless.providers.source.SourceStatus}), which are pure.
 *
 * <p>How the pieces fit: a daemon makes one {@link dev.driftless.providers.source.RemoteHeads}
 * (over one {@link dev.driftless.providers.source.RemoteAccess}) and one {@link
 * dev.driftless.providers.source.GitSource} per source; each poll round it opens a {@link
 * dev.driftless.providers.source.RemoteHeads.Round} and fetches the due sources with it, so each
 * repository is listed once; a {@link dev.driftless.providers.source.PollSchedule} says when each
 * source is due next and keeps its {@link dev.driftless.providers.source.SourceStatus}.
 */
package dev.driftless.providers.source;
