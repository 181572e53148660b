package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.MutationGuard;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a plan on one engine wave by wave, the independent steps of a wave side by side, and
 * says what it did step by step. A failing step stops the plan after its wave: later waves are
 * reported as skipped, and since removals come in the last waves, a failure never leaves an app
 * with fewer containers than it had.
 *
 * <p>Before touching an existing container it checks that the container's app label is the plan's
 * app (invariant 1): a plan can never reach a container that is not that app's.
 */
public final class DockerApplier implements PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DockerApplier.class);
    private static final int STOP_TIMEOUT_SECONDS = 10;

    /** Steps of one wave in flight at once; measured here, the engine gains little past 4 to 8. */
    public static final int DEFAULT_PARALLELISM = 6;

    private final DockerEngine engine;
    private final Clock clock;
    private final int parallelism;
    private final MutationGuard guard;

    public DockerApplier(DockerEngine engine, Clock clock) {
        this(engine, clock, DEFAULT_PARALLELISM);
    }

    public DockerApplier(DockerEngine engine, Clock clock, int parallelism) {
        this(engine, clock, parallelism, MutationGuard.NONE);
    }

    private DockerApplier(DockerEngine engine, Clock clock, int parallelism, MutationGuard guard) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.engine = engine;
        this.clock = clock;
        this.parallelism = parallelism;
        this.guard = java.util.Objects.requireNonNull(guard, "guard");
    }

    /** A copy that asks {@code mutationGuard} (the daemon's lease) before each step; a refused step fails unmade. */
    public DockerApplier guardedBy(MutationGuard mutationGuard) {
        return new DockerApplier(engine, clock, parallelism, mutationGuard);
    }

    @Override
    public List<AppliedStep> execute(Plan plan) {
        List<AppliedStep> steps = new ArrayList<>();
        boolean failed = false;
        for (List<Action> wave : plan.waves()) {
            if (failed) {
                wave.forEach(action -> steps.add(AppliedStep.skipped(action)));
                continue;
            }
            List<AppliedStep> done = runWave(plan, wave);
            steps.addAll(done);
            failed = done.stream().anyMatch(step -> step.status() == AppliedStep.Status.FAILED);
        }
        return steps;
    }

    /** Runs the independent steps of one wave side by side, at most {@code parallelism} at once. */
    private List<AppliedStep> runWave(Plan plan, List<Action> wave) {
        if (wave.size() == 1 || parallelism == 1) {
            return wave.stream().map(action -> step(plan, action)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, wave.size()), runnable -> {
            Thread thread = new Thread(runnable, "driftless-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<AppliedStep>> futures = wave.stream()
                    .map(action -> pool.submit(() -> step(plan, action)))
                    .toList();
            List<AppliedStep> steps = new ArrayList<>();
            for (Future<AppliedStep> future : futures) {
                steps.add(future.get());
            }
            return steps;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("interrupted while applying the plan of " + plan.app(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step escaped its own error handling", e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private AppliedStep step(Plan plan, Action action) {
        Instant started = clock.instant();
        try {
            if (!action.app().equals(plan.app())) {
                throw new IllegalStateException("step for app '" + action.app() + "' in the plan of app '"
                        + plan.app() + "'");
            }
            guard.beforeMutation(plan.app(), action.verb() + " " + action.subject());
            perform(action, plan.revision());
            LOG.info("{} {} {} ({})", action.change().sign(), action.verb(), action.subject(), action.reason());
            return AppliedStep.done(action, Duration.between(started, clock.instant()));
        } catch (RuntimeException e) {
            String message = action.verb() + " " + action.subject() + " failed: " + DockerEngine.rootMessage(e);
            LOG.warn("{}", message);
            return AppliedStep.failed(action, Duration.between(started, clock.instant()), message);
        }
    }

    // Java 17 has no pattern matching for switch; the final else keeps the sealed set honest.
    private void perform(Action action, String revision) {
        if (action instanceof Action.CreateNetwork create) {
            createNetwork(create);
        } else if (action instanceof Action.CreateContainer create) {
            ensureImage(create.service().image());
            String id = createContainer(create.app(), create.service(), create.number(), revision, create.specHash(),
                    ContainerName.of(create.app(), create.service().name(), create.number()));
            client().startContainerCmd(id).exec();
        } else if (action instanceof Action.ReplaceContainer replace) {
            replace(replace, revision);
        } else if (action instanceof Action.StartContainer start) {
            requireOwned(start.container(), start.app());
            client().startContainerCmd(start.container().id()).exec();
        } else if (action instanceof Action.RemoveContainer remove) {
            requireOwned(remove.container(), remove.app());
            stopQuietly(remove.container().id());
            client().removeContainerCmd(remove.container().id()).withRemoveVolumes(false).exec();
        } else if (action instanceof Action.RemoveNetwork remove) {
            client().removeNetworkCmd(remove.name()).exec();
        } else {
            throw new IllegalStateException("no executor for " + action.getClass().getSimpleName());
        }
    }

    /**
     * Create the new container under a temporary name first, so that a create that fails (image
     * missing, bad config) leaves the old one running; then stop the old, start the new, and put
     * the old one back if the new one does not start.
     */
    private void replace(Action.ReplaceContainer replace, String revision) {
        ObservedContainer old = replace.current();
        requireOwned(old, replace.app());
        ensureImage(replace.service().image());
        String nextName = ContainerName.next(replace.app(), replace.service().name(), old.number());
        removeStaleNext(nextName, replace.app());
        String next = createContainer(replace.app(), replace.service(), old.number(), revision, replace.specHash(),
                nextName);
        stopQuietly(old.id());
        try {
            client().startContainerCmd(next).exec();
        } catch (RuntimeException e) {
            client().removeContainerCmd(next).withForce(true).exec();
            if (old.state().isUp()) {
                client().startContainerCmd(old.id()).exec();
            }
            throw e;
        }
        client().removeContainerCmd(old.id()).withRemoveVolumes(false).exec();
        client().renameContainerCmd(next).withName(ContainerName.of(replace.app(), replace.service().name(),
                old.number())).exec();
    }

    private void removeStaleNext(String nextName, String app) {
        try {
            var stale = client().inspectContainerCmd(nextName).exec();
            Map<String, String> labels = stale.getConfig().getLabels();
            if (labels == null || !app.equals(labels.get(OwnershipLabels.APP))) {
                throw new IllegalStateException("a container named " + nextName + " exists and is not app '" + app
                        + "''s; remove or rename it");
            }
            client().removeContainerCmd(stale.getId()).withForce(true).exec();
        } catch (NotFoundException absent) {
            // the usual case: no leftover from an interrupted replacement
        }
    }

    private String createContainer(String app, DesiredService service, int number, String revision, String specHash,
            String name) {
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortBinding port : service.ports()) {
            ExposedPort containerPort = new ExposedPort(port.containerPort(),
                    InternetProtocol.parse(port.protocol().toLowerCase(Locale.ROOT)));
            exposed.add(containerPort);
            bindings.bind(containerPort, new Ports.Binding(port.hostIp().isEmpty() ? null : port.hostIp(),
                    port.hostPort() == 0 ? null : Integer.toString(port.hostPort())));
        }
        String network = ContainerName.defaultNetwork(app);
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings).withNetworkMode(network);
        CreateContainerCmd create = client().createContainerCmd(service.image())
                .withName(name)
                .withLabels(OwnershipLabels.forContainer(app, service, number, revision, specHash))
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .withAliases(service.name(), ContainerName.of(app, service.name(), number));
        if (!service.command().isEmpty()) {
            create.withCmd(service.command());
        }
        RuntimeOptionsMapping.apply(service.runtime(), create, host);
        AttachmentsMapping.apply(app, service.attachments(), create, host);
        return create.exec().getId();
    }

    private void createNetwork(Action.CreateNetwork create) {
        client().createNetworkCmd()
                .withName(create.name())
                .withDriver("bridge")
                .withLabels(OwnershipLabels.forDefaultNetwork(create.app()))
                .withCheckDuplicate(true)
                .exec();
    }

    /** Compose's default pull policy, {@code missing}: use the local image when present. */
    private void ensureImage(String image) {
        try {
            client().inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException absent) {
            LOG.info("pulling {}", image);
        }
        try {
            client().pullImageCmd(image).exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
            client().inspectImageCmd(image).exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("interrupted while pulling " + image, e);
        } catch (DockerException | IllegalStateException e) {
            throw new DockerEngineException("image " + image + " is not on the engine and could not be pulled: "
                    + DockerEngine.rootMessage(e), e);
        }
    }

    private void stopQuietly(String id) {
        try {
            client().stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
        } catch (NotModifiedException alreadyStopped) {
            // stopping a stopped container is what we wanted
        }
    }

    private static void requireOwned(ObservedContainer container, String app) {
        if (!app.equals(container.labels().get(OwnershipLabels.APP))) {
            throw new IllegalStateException("container " + container.name() + " does not carry "
                    + OwnershipLabels.APP + "=" + app + "; Driftless does not touch it");
        }
    }

    private DockerClient client() {
        return engine.client();
    }
}
