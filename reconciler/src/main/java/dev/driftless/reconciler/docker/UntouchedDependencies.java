package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.Container;
import dev.driftless.manifests.model.Dependency;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.plan.Planner;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.OwnershipLabels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dependency the plan does not touch is not waited for by a wave, but its condition still holds
 * the dependent back: {@code web} with {@code depends_on: {db: {condition: service_healthy}}} is
 * not replaced while {@code db} runs unhealthy, even when only web changed. Before the first step
 * of a dependent, each such dependency ({@code service_healthy} or
 * {@code service_completed_successfully}) is looked at once, one inspect per container, and the
 * answer kept for the rest of the apply (mutable, owned by one execution). A dependency that is
 * on its way to its condition (its health check still {@code starting}, a one-shot still running
 * towards its exit) is waited for, as Compose waits, up to the health gate's deadline; one that
 * does not meet its condition then fails the dependent's steps with a reason naming it and its state.
 */
final class UntouchedDependencies {

    private static final Logger LOG = LoggerFactory.getLogger(UntouchedDependencies.class);

    private static final Set<String> CHECKED = Set.of("service_healthy", Planner.COMPLETED_SUCCESSFULLY);

    private final Plan plan;
    private final Set<String> touched;
    private final Function<String, Map<String, HealthGate.Look>> containersOf;
    private final Duration patience;
    private final Duration pollEvery;
    private final Sleeper sleeper;
    private final Map<String, Optional<String>> verdicts = new ConcurrentHashMap<>();

    /** Waits between two looks at a dependency still settling. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Looks once, and does not wait for a dependency still settling.
     *
     * @param containersOf a service's containers as they are now, by name (the engine's answer)
     */
    UntouchedDependencies(Plan plan, Function<String, Map<String, HealthGate.Look>> containersOf) {
        this(plan, containersOf, Duration.ZERO, Duration.ZERO, duration -> { });
    }

    /**
     * @param containersOf a service's containers as they are now, by name (the engine's answer)
     * @param patience how long a dependency still settling is waited for (the health gate's deadline)
     * @param pollEvery how often it is looked at meanwhile
     */
    UntouchedDependencies(Plan plan, Function<String, Map<String, HealthGate.Look>> containersOf, Duration patience,
            Duration pollEvery, Sleeper sleeper) {
        this.plan = plan;
        this.touched = plan.actions().stream().map(Plan::serviceOf).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        this.containersOf = containersOf;
        this.patience = patience;
        this.pollEvery = pollEvery;
        this.sleeper = sleeper;
    }

    /** Reads the containers of a service of {@code ops}'s app from the engine: one list, one inspect each. */
    static UntouchedDependencies onEngine(Plan plan, DockerEngine engine, ContainerOps ops, HealthGate gate) {
        return new UntouchedDependencies(plan, service -> {
            List<Container> listed = engine.calls().call(() -> engine.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(OwnershipLabels.APP, plan.app(), OwnershipLabels.SERVICE, service))
                    .exec());
            Map<String, HealthGate.Look> looks = new LinkedHashMap<>();
            for (Container container : listed) {
                String name = DockerObserver.toObserved(container).name();
                // Leftovers of an interrupted replacement are not the service.
                if (!name.endsWith(ContainerName.NEXT_SUFFIX) && !name.endsWith(ContainerName.ASIDE_SUFFIX)) {
                    looks.put(name, HealthGate.Look.of(ops.inspect(container.getId())));
                }
            }
            return looks;
        }, gate.deadline(), gate.pollEvery(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** The failed step for {@code action}, when a dependency of its service the plan does not touch is not met now. */
    Optional<AppliedStep> refuse(Action action) {
        if (action.phase() != Action.Phase.CONTAINERS) {
            return Optional.empty();
        }
        Optional<String> service = Plan.serviceOf(action);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, Dependency> entry : plan.dependsOn().getOrDefault(service.get(), Map.of()).entrySet()) {
            String dependency = entry.getKey();
            String condition = entry.getValue().condition();
            if (touched.contains(dependency) || !CHECKED.contains(condition)) {
                continue;
            }
            Optional<String> unmet = verdict(dependency, condition);
            if (unmet.isPresent()) {
                return Optional.of(AppliedStep.failed(action, Duration.ZERO, "not started: service '" + service.get()
                        + "' depends on '" + dependency + "' (" + condition + "), which this rollout does not change "
                        + "and which " + unmet.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The verdict on one dependency, looked at (and waited for while it settles) by the first
     * dependent step that asks; concurrent first asks may both look, and the first answer is kept.
     */
    private Optional<String> verdict(String dependency, String condition) {
        String key = dependency + " " + condition;
        Optional<String> known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        long giveUpAt = System.nanoTime() + patience.toNanos();
        Map<String, HealthGate.Look> containers;
        try {
            containers = containersOf.apply(dependency);
            if (settling(condition, containers) && !patience.isZero()) {
                LOG.info("{}: waiting up to {} s for '{}' ({}): {}", plan.app(), patience.toSeconds(), dependency,
                        condition, unmet(condition, containers).orElse(""));
            }
            while (settling(condition, containers) && System.nanoTime() - giveUpAt < 0) {
                try {
                    sleeper.sleep(pollEvery);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                containers = containersOf.apply(dependency);
            }
        } catch (RuntimeException e) {
            // The engine failed while looking (it stopped, it timed out): the dependent's steps fail
            // with that reason, journaled like any failed step, instead of the error escaping the rollout.
            verdicts.putIfAbsent(key, Optional.of("could not be looked at: " + DockerEngine.rootMessage(e)));
            return verdicts.get(key);
        }
        verdicts.putIfAbsent(key, unmet(condition, containers));
        return verdicts.get(key);
    }

    /**
     * Whether containers that do not meet {@code condition} yet are on their way to it: each one
     * that falls short is running, not restarting, and either its health check still says
     * {@code starting} or (for {@code service_completed_successfully}) it has not exited yet.
     */
    static boolean settling(String condition, Map<String, HealthGate.Look> containers) {
        if (containers.isEmpty() || unmet(condition, containers).isEmpty()) {
            return false;
        }
        boolean completion = condition.equals(Planner.COMPLETED_SUCCESSFULLY);
        return containers.values().stream().filter(look -> state(look, completion).isPresent())
                .allMatch(look -> look.running() && !look.restarting()
                        && (completion || look.health().filter("starting"::equals).isPresent()));
    }

    /**
     * Whether containers as they are now meet {@code condition}; empty when they do, else what is
     * wrong, in words ("is not healthy: shop-db-1 is exited (exit code 137)").
     */
    static Optional<String> unmet(String condition, Map<String, HealthGate.Look> containers) {
        if (containers.isEmpty()) {
            return Optional.of("has no container");
        }
        boolean completion = condition.equals(Planner.COMPLETED_SUCCESSFULLY);
        List<String> wrong = new ArrayList<>();
        containers.forEach((name, look) -> state(look, completion).ifPresent(state -> wrong.add(name + " " + state)));
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((completion ? "has not completed successfully: " : "is not healthy: ")
                + String.join("; ", wrong));
    }

    /** What is wrong with one container for the condition, or empty. */
    private static Optional<String> state(HealthGate.Look look, boolean completion) {
        if (look.completed()) {
            return completion ? Optional.empty() : Optional.of("exited with code 0");
        }
        if (!look.running() || look.restarting()) {
            return Optional.of("is " + look.status() + (look.exitCode() == null ? "" : " (exit code "
                    + look.exitCode() + ")"));
        }
        if (completion) {
            return Optional.of("is still running");
        }
        return look.health().filter(health -> !health.equals("healthy"))
                .map(health -> "is running, its health check reports " + health
                        + (look.lastProbe().isEmpty() ? "" : " (last probe: " + look.lastProbe() + ")"));
    }
}
