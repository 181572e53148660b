package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.engine.MutationGuard;
import dev.driftless.reconciler.engine.PlanExecutor;
import dev.driftless.reconciler.engine.StepLog;
import dev.driftless.reconciler.files.HostFiles;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.Wave;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.OwnershipLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan on one engine wave by wave, the independent steps of a wave side by side, and
 * says what it did step by step, to the journal before and after each step. New containers are
 * health-gated (see {@link ContainerRollout}). A failing step stops the plan after its wave (unless its
 * service's {@code update_config.failure_action} is {@code continue}): later waves are reported as
 * skipped, the steps of services that depend on a failed one as failed, and since removals come in
 * the last waves and never run after a failure, a failure never leaves an app with fewer containers
 * than it had. See {@link ServiceUpdates} for how a service with several replicas is rolled back, and
 * {@link UntouchedDependencies} for a dependency the plan does not change but whose condition
 * ({@code service_healthy}, {@code service_completed_successfully}) must hold before a dependent's step.
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
    private final ImageSteps images;
    private final HostFiles files;
    private final MutationGuard guard;

    /** An applier that cannot bind repo files (there is no folder to copy them to). */
    public DockerApplier(DockerEngine engine, Clock clock) {
        this(engine, clock, DEFAULT_PARALLELISM, HealthGate.DEFAULT);
    }

    public DockerApplier(DockerEngine engine, Clock clock, HealthGate gate) {
        this(engine, clock, DEFAULT_PARALLELISM, gate);
    }

    public DockerApplier(DockerEngine engine, Clock clock, int parallelism, HealthGate gate) {
        this(engine, clock, parallelism, gate, BuildLogs.NONE, HostFiles.none());
    }

    /** An applier that binds repo files from {@code files} and keeps no build log. */
    public DockerApplier(DockerEngine engine, Clock clock, int parallelism, HostFiles files) {
        this(engine, clock, parallelism, HealthGate.DEFAULT, BuildLogs.NONE, files);
    }

    /**
     * @param gate how a new container proves healthy
     * @param buildLogs where the log of each image build is kept
     * @param files where repo files bound into containers are copied on the engine's host
     */
    public DockerApplier(DockerEngine engine, Clock clock, int parallelism, HealthGate gate, BuildLogs buildLogs,
            HostFiles files) {
        this(engine, clock, parallelism, gate, new ImageSteps(engine.client(), buildLogs), files, MutationGuard.NONE);
    }

    private DockerApplier(DockerEngine engine, Clock clock, int parallelism, HealthGate gate, ImageSteps images,
            HostFiles files, MutationGuard guard) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.engine = engine;
        this.clock = clock;
        this.parallelism = parallelism;
        this.gate = gate;
        this.images = images;
        this.files = files;
        this.guard = java.util.Objects.requireNonNull(guard, "guard");
    }

    /** A copy that asks {@code mutationGuard} (the daemon's lease) before each step; a refused step fails unmade. */
    public DockerApplier guardedBy(MutationGuard mutationGuard) {
        return new DockerApplier(engine, clock, parallelism, gate, images, files, mutationGuard);
    }

    /**
     * An executor that connects each plan to the engine {@code engine} gives at that moment (the
     * daemon reconnects after the engine restarts), building images from the plan's revision.
     */
    public static PlanExecutor connecting(Supplier<DockerEngine> engine, Clock clock, HealthGate gate,
            BuildLogs buildLogs, HostFiles files) {
        return connecting(engine, clock, gate, buildLogs, files, MutationGuard.NONE);
    }

    /** Like the above, asking {@code guard} (the daemon's lease) before each step. */
    public static PlanExecutor connecting(Supplier<DockerEngine> engine, Clock clock, HealthGate gate,
            BuildLogs buildLogs, HostFiles files, MutationGuard guard) {
        return new PlanExecutor() {
            @Override
            public List<AppliedStep> execute(Plan plan, StepLog log) {
                return applier().execute(plan, log);
            }

            @Override
            public List<AppliedStep> execute(Plan plan, StepLog log, RepoTree tree) {
                return applier().execute(plan, log, tree);
            }

            private DockerApplier applier() {
                return new DockerApplier(engine.get(), clock, DEFAULT_PARALLELISM, gate, buildLogs, files)
                        .guardedBy(guard);
            }
        };
    }

    /** Carries out a plan that builds no image; a build step fails for want of the revision's files. */
    @Override
    public List<AppliedStep> execute(Plan plan, StepLog log) {
        return execute(plan, log, Optional.empty());
    }

    /** Carries out a plan, building its images from {@code tree}, the files of the plan's revision. */
    @Override
    public List<AppliedStep> execute(Plan plan, StepLog log, RepoTree tree) {
        return execute(plan, log, Optional.of(tree));
    }

    private List<AppliedStep> execute(Plan plan, StepLog log, Optional<RepoTree> tree) {
        if (plan.isEmpty()) {
            return List.of();
        }
        engine.changing();
        try {
            return executeWaves(plan, log, tree);
        } finally {
            engine.changing();
        }
    }

    private List<AppliedStep> executeWaves(Plan plan, StepLog log, Optional<RepoTree> tree) {
        Map<Action, Integer> indexes = new IdentityHashMap<>();
        for (int index = 0; index < plan.actions().size(); index++) {
            indexes.put(plan.actions().get(index), index);
        }
        Map<Integer, AppliedStep> steps = new TreeMap<>();
        ServiceUpdates updates = new ServiceUpdates(plan);
        // The app's own timing from its driftless.yaml over the daemon's, for every step of the plan.
        HealthGate appGate = gate.forApp(plan.health());
        UntouchedDependencies untouched = UntouchedDependencies.onEngine(plan, engine,
                new ContainerOps(engine, plan.app()), appGate);
        boolean ranBefore = false;
        for (Wave wave : plan.waves()) {
            List<Action> runnable = new ArrayList<>();
            // Refused for a dependency not met now: failures of this wave, as if the steps had run.
            List<AppliedStep> refused = new ArrayList<>();
            for (Action action : wave.actions()) {
                Optional<AppliedStep> notRun = updates.notToRun(action);
                if (notRun.isEmpty()) {
                    notRun = untouched.refuse(action);
                    notRun.ifPresent(step -> {
                        LOG.warn("{}", step.error().orElseThrow());
                        refused.add(step);
                    });
                }
                notRun.ifPresentOrElse(step -> {
                    log.finished(indexes.get(action), step);
                    steps.put(indexes.get(action), step);
                }, () -> runnable.add(action));
            }
            List<AppliedStep> done = new ArrayList<>(refused);
            if (!runnable.isEmpty()) {
                if (ranBefore && !wave.delay().isZero()) {
                    pauseBefore(plan, wave);
                }
                ranBefore = true;
                List<AppliedStep> ran = runWave(plan, appGate, runnable, log, indexes, tree, updates);
                ran.forEach(step -> steps.put(indexes.get(step.action()), step));
                done.addAll(ran);
            }
            if (!done.isEmpty()) {
                settle(plan, appGate, updates.afterWave(done), log, steps);
            }
        }
        settle(plan, appGate, updates.atEnd(), log, steps);
        return List.copyOf(steps.values());
    }

    /** {@code deploy.update_config.delay}: the wait between two batches of a service's replacements. */
    private void pauseBefore(Plan plan, Wave wave) {
        LOG.info("waiting {} ms before {}", wave.delay().toMillis(), wave.label());
        try {
            Thread.sleep(wave.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("interrupted while applying the plan of " + plan.app(), e);
        }
    }

    /**
     * Ends the replacements that kept their old container aside: removes the old ones of a service
     * whose every replica is healthy, and puts them back for a service that failed, journaling each.
     */
    private void settle(Plan plan, HealthGate appGate, ServiceUpdates.Settled settled, StepLog log,
            Map<Integer, AppliedStep> steps) {
        ContainerOps ops = new ContainerOps(engine, plan.app());
        for (ServiceUpdates.Held held : settled.release()) {
            AppliedStep result;
            try {
                new ContainerRollout(ops, appGate, clock, log, held.index()).release(held.action());
                result = AppliedStep.done(held.action(), held.took());
            } catch (RuntimeException e) {
                result = AppliedStep.failed(held.action(), held.took(), "removing the old container of "
                        + held.action().subject() + " failed: " + DockerEngine.rootMessage(e));
            }
            log.finished(held.index(), result);
            steps.put(held.index(), result);
        }
        settled.rollBack().forEach((held, why) -> {
            String error = held.action().subject() + " " + why;
            try {
                new ContainerRollout(ops, appGate, clock, log, held.index()).rollBack(held.action(), held.newId());
            } catch (RuntimeException e) {
                error += "; putting the old container back failed: " + DockerEngine.rootMessage(e);
            }
            LOG.warn("{}", error);
            AppliedStep result = AppliedStep.failed(held.action(), held.took(), error);
            log.finished(held.index(), result);
            steps.put(held.index(), result);
        });
    }

    /** Runs the independent steps of one wave side by side, at most {@code parallelism} at once. */
    private List<AppliedStep> runWave(Plan plan, HealthGate appGate, List<Action> wave, StepLog log,
            Map<Action, Integer> indexes, Optional<RepoTree> tree, ServiceUpdates updates) {
        if (wave.size() == 1 || parallelism == 1) {
            return wave.stream().map(action -> step(plan, appGate, action, log, indexes.get(action), tree, updates))
                    .toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, wave.size()), runnable -> {
            Thread thread = new Thread(runnable, "driftless-apply");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<AppliedStep>> futures = wave.stream()
                    .map(action -> pool.submit(() -> step(plan, appGate, action, log, indexes.get(action), tree,
                            updates)))
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

    /**
     * One step: journaled as running before it touches the engine, and as done or failed after; a
     * replacement that keeps its old container aside is journaled as done only once it is settled.
     */
    private AppliedStep step(Plan plan, HealthGate appGate, Action action, StepLog log, int index,
            Optional<RepoTree> tree, ServiceUpdates updates) {
        Instant started = clock.instant();
        AppliedStep result;
        try {
            if (!action.app().equals(plan.app())) {
                throw new IllegalStateException("step for app '" + action.app() + "' in the plan of app '"
                        + plan.app() + "'");
            }
            guard.beforeMutation(plan.app(), action.verb() + " " + action.subject());
            log.running(index);
            ContainerOps ops = new ContainerOps(engine, plan.app());
            boolean keepOld = action instanceof Action.ReplaceContainer replace && updates.keepsOld(replace);
            Optional<String> kept = perform(action, plan, tree, ops,
                    new ContainerRollout(ops, gateFor(appGate, action), clock, log, index, updates.untilExit(action)),
                    keepOld);
            LOG.info("{} {} {} ({})", action.change().sign(), action.verb(), action.subject(), action.reason());
            result = AppliedStep.done(action, Duration.between(started, clock.instant()));
            if (kept.isPresent()) {
                updates.hold(new ServiceUpdates.Held(index, (Action.ReplaceContainer) action, kept.get(),
                        result.took()));
                return result;
            }
        } catch (RuntimeException e) {
            String message = action.verb() + " " + action.subject() + " failed: " + DockerEngine.rootMessage(e);
            LOG.warn("{}", message);
            result = AppliedStep.failed(action, Duration.between(started, clock.instant()), message);
        }
        log.finished(index, result);
        return result;
    }

    /** The health gate of a step's new container: the app's, then the service's {@code update_config.monitor}. */
    private static HealthGate gateFor(HealthGate appGate, Action action) {
        if (action instanceof Action.CreateContainer create) {
            return appGate.forService(create.service());
        }
        if (action instanceof Action.ReplaceContainer replace) {
            return appGate.forService(replace.service());
        }
        return appGate;
    }

    /**
     * Does one step. Java 17 has no pattern matching for switch; the final else keeps the sealed set
     * honest.
     *
     * @return the new container of a replacement that kept its old one aside ({@code keepOld})
     */
    private Optional<String> perform(Action action, Plan plan, Optional<RepoTree> tree, ContainerOps ops,
            ContainerRollout rollout, boolean keepOld) {
        String revision = plan.revision();
        if (action instanceof Action.BuildImage build) {
            images.build(build, revision, tree.orElseThrow(() -> new IllegalStateException(
                    "the files of revision " + revision + " were not given, so " + build.image() + " cannot be built")));
        } else if (action instanceof Action.PullImage pull) {
            images.pull(pull.image());
        } else if (action instanceof Action.CreateNetwork create) {
            createNetwork(create, plan.source());
        } else if (action instanceof Action.RecreateNetwork recreate) {
            Action.CreateNetwork create = recreate.network();
            NetworkResources.removeOwned(client(), create.app(), create.name());
            createNetwork(create, plan.source());
        } else if (action instanceof Action.CreateVolume create) {
            NetworkResources.createVolume(engine, create, plan.source());
        } else if (action instanceof Action.RemoveVolume remove) {
            NetworkResources.removeVolume(client(), remove.app(), remove.name());
        } else if (action instanceof Action.CreateContainer create) {
            rollout.create(create.subject(), create.specHash(), (name, hash) -> withImage(create.service(),
                    () -> createContainer(plan.source(), create.app(), create.service(), create.number(), revision,
                            hash, name, Map.of())));
        } else if (action instanceof Action.ReplaceContainer replace) {
            requireOwned(replace.current(), replace.app());
            // An image gone since the plan is found when the new container is created: pulled then, or,
            // when it may not be, the replacement fails and the old container is put back.
            String id = rollout.replace(replace, (name, hash) -> withImage(replace.service(),
                    () -> createContainer(plan.source(), replace.app(), replace.service(), replace.current().number(),
                            revision, hash, name, InheritedVolumes.of(replace.current().volumeMounts(),
                                    replace.service().attachments(), () -> imageVolumes(replace.service().image())))),
                    keepOld);
            return keepOld ? Optional.of(id) : Optional.empty();
        } else if (action instanceof Action.StartContainer start) {
            requireOwned(start.container(), start.app());
            rollout.start(start.container().id(), start.subject());
        } else if (action instanceof Action.RestartContainer restart) {
            requireOwned(restart.container(), restart.app());
            rollout.restart(restart.container().id(), restart.subject());
        } else if (action instanceof Action.RestoreContainer restore) {
            requireOwned(restore.aside(), restore.app());
            rollout.restore(restore);
        } else if (action instanceof Action.RemoveContainer remove) {
            requireOwned(remove.container(), remove.app());
            ops.stopIfRunning(remove.container().id());
            ops.removeIfPresent(remove.container().id());
        } else if (action instanceof Action.RemoveNetwork remove) {
            NetworkResources.removeOwned(client(), remove.app(), remove.name());
        } else {
            throw new IllegalStateException("no executor for " + action.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /**
     * Creates a container whose image the plan saw on the engine or pulled in an earlier wave, so
     * the image is looked for only when the engine says it is missing (it was removed since, or a
     * {@code pull_policy} lets it be pulled now): one request less for each new container.
     */
    private String withImage(DesiredService service, Supplier<String> create) {
        try {
            return create.get();
        } catch (NotFoundException missing) {
            if (!images.ensure(service)) {
                throw missing;
            }
            return create.get();
        }
    }

    /**
     * The mount points {@code image} declares with {@code VOLUME}. A missing image throws the
     * engine's {@link NotFoundException}, so that {@link #withImage} pulls it and asks again.
     */
    private Set<String> imageVolumes(String image) {
        var config = engine.calls().call(() -> client().inspectImageCmd(image).exec()).getConfig();
        return config == null || config.getVolumes() == null ? Set.of() : config.getVolumes().keySet();
    }

    private String createContainer(String source, String app, DesiredService service, int number, String revision,
            String specHash, String name, Map<String, String> inheritedVolumes) {
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortBinding port : service.ports()) {
            ExposedPort containerPort = new ExposedPort(port.containerPort(),
                    InternetProtocol.parse(port.protocol().toLowerCase(Locale.ROOT)));
            exposed.add(containerPort);
            bindings.bind(containerPort, new Ports.Binding(port.hostIp().isEmpty() ? null : port.hostIp(),
                    port.hostPort() == 0 ? null : Integer.toString(port.hostPort())));
        }
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings);
        CreateContainerCmd create = client().createContainerCmd(service.image())
                .withName(name)
                .withLabels(engine.labelled(OwnershipLabels.withSource(OwnershipLabels.forContainer(app, service, number,
                        revision, specHash), source)))
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!service.command().isEmpty()) {
            create.withCmd(service.command());
        }
        List<String> aliases = List.of(service.name(), ContainerName.of(app, service, number));
        RuntimeOptionsMapping.apply(app, service.runtime(), create, host);
        AttachmentsMapping.apply(app, service.attachments(), create, host, files, aliases, inheritedVolumes);
        String id = engine.calls().once(() -> create.exec().getId());
        try {
            AttachmentsMapping.connectOthers(client(), app, service.attachments(), id, aliases);
        } catch (RuntimeException e) {
            client().removeContainerCmd(id).withForce(true).exec();
            throw e;
        }
        return id;
    }

    /** Create-if-absent: a network of that name that is the app's is taken as it is. */
    private void createNetwork(Action.CreateNetwork create, String source) {
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
        engine.calls().once(() -> {
            NetworkResources.create(engine, create.app(), create.network(), create.name(), create.specHash(), source);
            return null;
        });
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
