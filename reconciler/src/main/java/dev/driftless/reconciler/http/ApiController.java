package dev.driftless.reconciler.http;

import dev.driftless.providers.source.SourceStatus;
import dev.driftless.reconciler.daemon.AppStatus;
import dev.driftless.reconciler.daemon.Daemon;
import dev.driftless.reconciler.daemon.SourceRunner;
import dev.driftless.reconciler.daemon.Suspensions;
import dev.driftless.reconciler.engine.ReconcileScope;
import dev.driftless.reconciler.engine.Trigger;
import dev.driftless.reconciler.engine.RolloutJournal;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.history.RolloutRow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The daemon's API under {@code /api/}: apps with their sync status, one app, its history, the
 * sources with their pollers, and sync requests. Reading is open (names, revisions and results are
 * not secrets; errors never hold secret values); asking for a sync needs the bearer token
 * configured as {@code driftless.api.token-file|env}, and is refused when none is. Errors are RFC
 * 7807 problem documents.
 */
@Controller("/api")
@Requires(beans = Daemon.class)
public class ApiController {

    private static final String PROBLEM = "application/problem+json";

    private final Daemon daemon;
    private final RolloutRepository rollouts;
    private final Suspensions suspensions;
    private final RolloutJournal journal;

    public ApiController(Daemon daemon, RolloutRepository rollouts, Suspensions suspensions, RolloutJournal journal) {
        this.journal = journal;
        this.daemon = daemon;
        this.rollouts = rollouts;
        this.suspensions = suspensions;
    }

    @Get("/apps")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AppView> apps() {
        return daemon.runners().stream()
                .flatMap(runner -> runner.apps().values().stream())
                .sorted(Comparator.comparing(AppStatus::app))
                .map(this::view)
                .toList();
    }

    @Get("/apps/{app}")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> app(@PathVariable String app) {
        return find(app).<HttpResponse<?>>map(status -> HttpResponse.ok(view(status))).orElseGet(() -> unknownApp(app));
    }

    @Post("/apps/{app}/suspend")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> suspend(@PathVariable String app, HttpRequest<?> request) {
        return onApp(app, request, status -> {
            suspensions.suspend(app);
            return HttpResponse.ok(view(status));
        });
    }

    @Post("/apps/{app}/resume")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> resume(@PathVariable String app, HttpRequest<?> request) {
        return onApp(app, request, status -> {
            suspensions.resume(app);
            // Catch up at once with what the repo says now.
            daemon.runner(status.source()).orElseThrow().request(Trigger.API, ReconcileScope.apps(Set.of(app)));
            return HttpResponse.accepted().body(view(status));
        });
    }

    /**
     * Redeploys an earlier revision of the app ({@code ?to=REVISION}, else the newest good one
     * before the current) and suspends its automatic sync, so the next poll does not undo it; a
     * resume returns it to following the branch.
     */
    @Post("/apps/{app}/rollback")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> rollback(@PathVariable String app, @QueryValue Optional<String> to, HttpRequest<?> request) {
        return onApp(app, request, status -> {
            Optional<String> target = to.filter(revision -> !revision.isBlank()).or(() -> rollouts
                    .findTop50ByAppOrderByIdDesc(app).stream()
                    .filter(row -> row.result().equals("applied") || row.result().equals("synced"))
                    .map(RolloutRow::revision)
                    .filter(revision -> !revision.equals(status.revision()))
                    .findFirst());
            if (target.isEmpty()) {
                return problem(HttpStatus.CONFLICT, "Nothing to roll back to",
                        "the history of '" + app + "' has no good revision other than the current one");
            }
            if (!target.get().matches("[0-9a-f]{40}")) {
                return problem(HttpStatus.BAD_REQUEST, "Not a revision", "give the full 40-character commit id");
            }
            suspensions.pin(app, target.get());
            daemon.runner(status.source()).orElseThrow().request(Trigger.API, ReconcileScope.apps(Set.of(app)));
            return HttpResponse.accepted().body(new RolledBack(app, target.get()));
        });
    }

    /** A rollback queued: the app is pinned to this revision and its automatic sync suspended. */
    @Serdeable
    public record RolledBack(String app, String revision) {
    }

    private AppView view(AppStatus status) {
        boolean suspended = suspensions.isSuspended(status.app());
        Optional<String> pinned = suspensions.pinnedRevision(status.app());
        String health = status.health(suspended);
        Map<String, TargetView> targets = new TreeMap<>();
        rollouts.findTop50ByAppOrderByIdDesc(status.app())
                .forEach(row -> targets.putIfAbsent(row.target(), TargetView.of(row)));
        return new AppView(status.app(), status.source(), status.revision(), status.sync(), health, suspended,
                pinned, status.result(), status.error(), status.reconciledAt(), status.nextAttemptAt(),
                List.copyOf(targets.values()));
    }

    /**
     * One app as the API shows it.
     *
     * @param health Healthy, Progressing (a rollout runs), Degraded (failed, stuck, not rendered or
     *     observed, drift left unhealed), Missing (no container of the app exists) or Suspended
     * @param pinnedRevision the revision a rollback holds the app at, until it is resumed
     * @param nextAttemptAt when a revision whose rollout failed is tried again (retry backoff)
     * @param targets the app on each target it ran on, as its newest rollout there left it: the
     *     app's own fields sum these up (the worst of them), these say which target is behind
     */
    @Serdeable
    public record AppView(String app, String source, String revision, String sync, String health, boolean suspended,
            Optional<String> pinnedRevision, String result, String error, Instant reconciledAt,
            Optional<Instant> nextAttemptAt, List<TargetView> targets) {
    }

    /** An app on one target: the revision, result and error of its newest rollout there. */
    @Serdeable
    public record TargetView(String target, String revision, String result, String error, Instant at) {
        static TargetView of(RolloutRow row) {
            return new TargetView(row.target(), row.revision(), row.result(), row.error(), row.finishedAt());
        }
    }

    @Get("/apps/{app}/history")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> history(@PathVariable String app) {
        List<Rollout> history = rollouts.findTop50ByAppOrderByIdDesc(app).stream().map(Rollout::of).toList();
        if (history.isEmpty() && find(app).isEmpty()) {
            return unknownApp(app);
        }
        return HttpResponse.ok(history);
    }

    /** The app's newest rollouts from the journal, step by step, newest first. */
    @Get("/apps/{app}/journal")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> journal(@PathVariable String app) {
        List<JournaledRollout> entries = journal.recent(app, 20).stream().map(JournaledRollout::of).toList();
        if (entries.isEmpty() && find(app).isEmpty()) {
            return unknownApp(app);
        }
        return HttpResponse.ok(entries);
    }

    @Get("/sources")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Source> sources() {
        return daemon.runners().stream().map(Source::of).toList();
    }

    @Post("/apps/{app}/sync")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> syncApp(@PathVariable String app, HttpRequest<?> request) {
        return onApp(app, request, status -> {
            SourceRunner runner = daemon.runner(status.source()).orElseThrow();
            runner.request(Trigger.API, ReconcileScope.apps(Set.of(app)));
            return HttpResponse.accepted().body(new Queued(runner.id(), app));
        });
    }

    @Post("/sources/{source}/sync")
    @Produces({MediaType.APPLICATION_JSON, PROBLEM})
    public HttpResponse<?> syncSource(@PathVariable String source, HttpRequest<?> request) {
        Optional<HttpResponse<?>> refused = authorise(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<SourceRunner> runner = daemon.runner(source);
        if (runner.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown source", "no source is named '" + source + "'");
        }
        runner.get().request(Trigger.API, ReconcileScope.ALL);
        return HttpResponse.accepted().body(new Queued(source, "all apps"));
    }

    /** A change to a known app by an authorised caller; a problem document otherwise. */
    private HttpResponse<?> onApp(String app, HttpRequest<?> request, Function<AppStatus, HttpResponse<?>> change) {
        Optional<HttpResponse<?>> refused = authorise(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        return find(app).<HttpResponse<?>>map(change).orElseGet(() -> unknownApp(app));
    }

    private Optional<HttpResponse<?>> authorise(HttpRequest<?> request) {
        if (!daemon.apiTokenConfigured()) {
            return Optional.of(problem(HttpStatus.FORBIDDEN, "API token not configured",
                    "mutating calls are refused until driftless.api.token-file (or -env) is set"));
        }
        Optional<String> presented = request.getHeaders().getAuthorization()
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> header.substring(7).trim());
        if (presented.isEmpty() || !daemon.apiTokenMatches(presented.get())) {
            return Optional.of(problem(HttpStatus.UNAUTHORIZED, "Missing or wrong bearer token",
                    "send Authorization: Bearer <the token in driftless.api.token-file>"));
        }
        return Optional.empty();
    }

    private Optional<AppStatus> find(String app) {
        return daemon.runners().stream().flatMap(runner -> runner.apps().values().stream())
                .filter(status -> status.app().equals(app)).findFirst();
    }

    private static HttpResponse<?> unknownApp(String app) {
        return problem(HttpStatus.NOT_FOUND, "Unknown app", "no source has an app named '" + app + "'");
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String title, String detail) {
        return HttpResponse.<Problem>status(status).contentType(PROBLEM)
                .body(new Problem("about:blank", title, status.getCode(), detail));
    }

    /** An RFC 7807 problem document. */
    @Serdeable
    public record Problem(String type, String title, int status, String detail) {
    }

    /** A sync request accepted: the reconcile is queued (merged into a waiting one if any). */
    @Serdeable
    public record Queued(String source, String apps) {
    }

    /** One rollout of an app, newest first. */
    @Serdeable
    public record Rollout(String revision, String trigger, Instant startedAt, Instant finishedAt, String result,
            String summary, String error, String target) {
        static Rollout of(RolloutRow row) {
            return new Rollout(row.revision(), row.trigger(), row.startedAt(), row.finishedAt(), row.result(),
                    row.summary(), row.error(), row.target());
        }
    }

    /**
     * One rollout of the journal with its steps.
     *
     * @param state running, done, failed, interrupted (its process died), stuck (past the progress
     *     deadline) or superseded (a newer revision ended it at a safe point)
     */
    @Serdeable
    public record JournaledRollout(long id, String revision, String trigger, String state, Instant startedAt,
            Instant updatedAt, String error, List<JournaledStep> steps) {
        static JournaledRollout of(RolloutJournal.JournalEntry entry) {
            return new JournaledRollout(entry.id(), entry.revision(), entry.trigger(), entry.state().label(),
                    entry.startedAt(), entry.updatedAt(), entry.error(), entry.steps().stream()
                            .map(step -> new JournaledStep(step.index() + 1, step.kind(), step.subject(), step.reason(),
                                    step.state().label(), step.detail(), step.updatedAt()))
                            .toList());
        }
    }

    /** One step of a journaled rollout; {@code detail} is its last progress, or its error. */
    @Serdeable
    public record JournaledStep(int number, String kind, String subject, String reason, String state, String detail,
            Instant updatedAt) {
    }

    /** A source and its poller. */
    @Serdeable
    public record Source(String name, String location, String state, Optional<String> revision,
            Optional<Instant> lastSuccess, Optional<Instant> lastFailure, Optional<String> lastError,
            int consecutiveFailures, Instant nextPoll) {
        static Source of(SourceRunner runner) {
            SourceStatus status = runner.status();
            return new Source(runner.id(), runner.definition().spec().toString(), status.state().name(),
                    status.lastSuccess().map(success -> success.revision().commitId()),
                    status.lastSuccess().map(SourceStatus.Success::at),
                    status.lastFailure().map(SourceStatus.Failure::at),
                    status.lastFailure().map(SourceStatus.Failure::message),
                    status.consecutiveFailures(), status.nextPollDue());
        }
    }
}
