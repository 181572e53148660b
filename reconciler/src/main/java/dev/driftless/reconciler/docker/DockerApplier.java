package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.engine.StepLog;
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
import java.util.IdentityHashMap;
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
 * says what it did step by step, to the journal before and after each step. New containers are
 * health-gated (see {@link ContainerRollout}). A failing step stops the plan after its wave: later waves are
 * reported as skipped, and since removals come in the last waves, a failure never leaves an app
 * with fewer containers than it had.
 *
 * <p>Before touching an existing container it checks that the container's app label is the plan's
 * app (invariant 1): a plan can never reach a container that is not that app's.
 */
public final class DockerApplier implements PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DockerApplier.class);

    /** Steps of one wave in flight at once; measured here, the engine gains little past 4 to 8. */
    public static final int DEFAULT_PARALLELISM = 6;

    private final DockerEngine engine;
    private final Clock clock;
    private final int parallelism;
    private final HealthGate gate;

    public DockerApplier(DockerEngine engine, Clock clock) {
        this(engine, clock, DEFAULT_PARALLELISM, HealthGate.DEFAULT);
    }

    public DockerApplier(DockerEngine engine, Clock clock, HealthGate gate) {
        this(engine, clock, DEFAULT_PARALLELISM, gate);
    }

    public DockerApplier(DockerEngine engine, Clock clock, int parallelism, HealthGate gate) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.engine = engine;
        this.clock = clock;
        this.parallelism = parallelism;
        this.gate = gate;
    }

    @Override
    public List<AppliedStep> execute(Plan plan, StepLog log) {
        Map<Action, Integer> indexes = new IdentityHashMap<>();
        for (int index = 0; index < plan.actions().size(); index++) {
            indexes.put(plan.actions().get(index), index);
        }
        List<AppliedStep> steps = new ArrayList<>();
        boolean failed = false;
        for (List<Action> wave : plan.waves()) {
            if (failed) {
                wave.forEach(action -> {
                    AppliedStep skipped = AppliedStep.skipped(action);
                    log.finished(indexes.get(action), skipped);
                    steps.add(skipped);
                });
                continue;
            }
            List<AppliedStep> done = runWave(plan, wave, log, indexes);
            steps.addAll(done);
            failed = done.stream().anyMatch(step -> step.status() == AppliedStep.Status.FAILED);
        }
        return steps;
    }

    /** Runs the independent steps of one wave side by side, at most {@code parallelism} at once. */
    private List<AppliedStep> runWave(Plan plan, List<Action> wave, StepLog log, Map<Action, Integer> indexes) {
        if (wave.size() == 1 || parallelism == 1) {
            return wave.stream().map(action -> step(plan, action, log, indexes.get(action))).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, wave.size()), runnable -> {
            Thread thread = new Thread(runnable, "driftless-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<AppliedStep>> futures = wave.stream()
                    .map(action -> pool.submit(() -> step(plan, action, log, indexes.get(action))))
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

    /** One step: journaled as running before it touches the engine, and as done or failed after. */
    private AppliedStep step(Plan plan, Action action, StepLog log, int index) {
        Instant started = clock.instant();
        AppliedStep result;
        try {
            if (!action.app().equals(plan.app())) {
                throw new IllegalStateException("step for app '" + action.app() + "' in the plan of app '"
                        + plan.app() + "'");
            }
            log.running(index);
            perform(action, plan.revision(), new ContainerRollout(new ContainerOps(engine, plan.app()), gate, clock,
                    log, index));
            LOG.info("{} {} {} ({})", action.change().sign(), action.verb(), action.subject(), action.reason());
            result = AppliedStep.done(action, Duration.between(started, clock.instant()));
        } catch (RuntimeException e) {
            String message = action.verb() + " " + action.subject() + " failed: " + DockerEngine.rootMessage(e);
            LOG.warn("{}", message);
            result = AppliedStep.failed(action, Duration.between(started, clock.instant()), message);
        }
        log.finished(index, result);
        return result;
    }

    // Java 17 has no pattern matching for switch; the final else keeps the sealed set honest.
    private void perform(Action action, String revision, ContainerRollout rollout) {
        ContainerOps ops = new ContainerOps(engine, action.app());
        if (action instanceof Action.CreateNetwork create) {
            createNetwork(create);
        } else if (action instanceof Action.CreateContainer create) {
            ensureImage(create.service().image());
            rollout.create(create.subject(), create.specHash(), (name, hash) -> createContainer(create.app(),
                    create.service(), create.number(), revision, hash, name));
        } else if (action instanceof Action.ReplaceContainer replace) {
            requireOwned(replace.current(), replace.app());
            ensureImage(replace.service().image());
            rollout.replace(replace, (name, hash) -> createContainer(replace.app(), replace.service(),
                    replace.current().number(), revision, hash, name));
        } else if (action instanceof Action.StartContainer start) {
            requireOwned(start.container(), start.app());
            rollout.start(start.container().id(), start.subject());
        } else if (action instanceof Action.RestoreContainer restore) {
            requireOwned(restore.aside(), restore.app());
            rollout.restore(restore);
        } else if (action instanceof Action.RemoveContainer remove) {
            requireOwned(remove.container(), remove.app());
            ops.stopIfRunning(remove.container().id());
            ops.removeIfPresent(remove.container().id());
        } else if (action instanceof Action.RemoveNetwork remove) {
            removeNetworkIfPresent(remove.name());
        } else {
            throw new IllegalStateException("no executor for " + action.getClass().getSimpleName());
        }
    }

    private void removeNetworkIfPresent(String name) {
        try {
            engine.calls().call(() -> client().removeNetworkCmd(name).exec());
        } catch (NotFoundException gone) {
            // removed already
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
        return engine.calls().once(() -> create.exec().getId());
    }

    /** Create-if-absent: a network of that name that is the app's is taken as it is. */
    private void createNetwork(Action.CreateNetwork create) {
        try {
            var existing = engine.calls().call(() -> client().inspectNetworkCmd().withNetworkId(create.name()).exec());
            if (existing.getLabels() != null && create.app().equals(existing.getLabels().get(OwnershipLabels.APP))) {
                return;
            }
            throw new IllegalStateException("a network named " + create.name() + " exists and is not app '"
                    + create.app() + "''s; remove or rename it");
        } catch (NotFoundException absent) {
            // the usual case
        }
        engine.calls().once(() -> client().createNetworkCmd()
                .withName(create.name())
                .withDriver("bridge")
                .withLabels(OwnershipLabels.forDefaultNetwork(create.app()))
                .withCheckDuplicate(true)
                .exec());
    }

    /** Compose's default pull policy, {@code missing}: use the local image when present. */
    private void ensureImage(String image) {
        try {
            engine.calls().call(() -> client().inspectImageCmd(image).exec());
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
