package dev.driftless.reconciler.docker;

import dev.driftless.manifests.model.Dependency;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.engine.AppliedStep;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one plan's execution has learnt so far, service by service, and what it means for the steps
 * still to run (mutable, owned by one execution): a service whose step failed fails the steps of
 * the services that depend on it; its {@code deploy.update_config.failure_action} says whether the
 * rollout stops ({@code rollback}, the default, and {@code pause}) or goes on ({@code continue});
 * and no removal runs after a failure. Under {@code rollback}, the old containers of a service with
 * several replicas to replace are kept aside until all of them are healthy, so that a replica that
 * fails puts back the old ones of its service, not only its own.
 */
final class ServiceUpdates {

    /** A replacement done, its old container kept aside until the service's update completes. */
    record Held(int index, Action.ReplaceContainer action, String newId, Duration took) {
    }

    private final Plan plan;
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Map<String, Integer> replacementsLeft = new LinkedHashMap<>();
    private final Map<String, Integer> replacements;
    private final Map<String, List<Held>> held = new LinkedHashMap<>();
    private boolean stopped;

    ServiceUpdates(Plan plan) {
        this.plan = plan;
        plan.actions().stream().filter(action -> action instanceof Action.ReplaceContainer)
                .forEach(action -> replacementsLeft.merge(service(action), 1, Integer::sum));
        replacements = Map.copyOf(replacementsLeft);
    }

    /**
     * Why {@code action} must not run, if it must not: the step that says so (failed, naming the
     * dependency that failed, or skipped because the rollout stopped), else empty.
     */
    synchronized Optional<AppliedStep> notToRun(Action action) {
        Optional<String> service = Plan.serviceOf(action);
        if (service.isPresent() && action.phase() == Action.Phase.CONTAINERS) {
            for (Map.Entry<String, Dependency> dependency : plan.dependsOn()
                    .getOrDefault(service.get(), Map.of()).entrySet()) {
                String cause = failed.get(dependency.getKey());
                if (cause != null) {
                    String error = "not started: service '" + service.get() + "' depends on '" + dependency.getKey()
                            + "' (" + dependency.getValue().condition() + "), which failed: " + cause;
                    failed.putIfAbsent(service.get(), cause);
                    return Optional.of(AppliedStep.failed(action, Duration.ZERO, error));
                }
            }
        }
        boolean removal = action.phase() == Action.Phase.REMOVALS || action.phase() == Action.Phase.NETWORKS_DOWN;
        if (stopped || removal && !failed.isEmpty()) {
            return Optional.of(AppliedStep.skipped(action));
        }
        return Optional.empty();
    }

    /** Whether a replacement keeps its old container aside until every replica of its service is healthy. */
    boolean keepsOld(Action.ReplaceContainer replace) {
        return failureAction(replace.service()).equals("rollback")
                && replacements.getOrDefault(replace.service().name(), 0) > 1;
    }

    /** Whether a new container of the action's service must run to completion (see {@link Plan#awaitsCompletion}). */
    boolean untilExit(Action action) {
        return Plan.serviceOf(action).map(plan::awaitsCompletion).orElse(false);
    }

    synchronized void hold(Held replacement) {
        held.computeIfAbsent(replacement.action().service().name(), service -> new ArrayList<>()).add(replacement);
    }

    /**
     * Takes in the steps of a wave just run: records the failures, stops the rollout when a failed
     * service's failure action says so, and returns the held replacements that are now settled, each
     * to be released (its service's update is complete) or rolled back (the service failed, or the
     * rollout stopped before the service was complete).
     */
    synchronized Settled afterWave(List<AppliedStep> steps) {
        return settle(steps, false);
    }

    /** After the last wave: whatever is still held is rolled back, its service's update not being complete. */
    synchronized Settled atEnd() {
        return settle(List.of(), true);
    }

    private Settled settle(List<AppliedStep> steps, boolean end) {
        for (AppliedStep step : steps) {
            Optional<String> service = Plan.serviceOf(step.action());
            if (step.action() instanceof Action.ReplaceContainer) {
                replacementsLeft.merge(service.orElseThrow(), -1, Integer::sum);
            }
            if (step.status() != AppliedStep.Status.FAILED) {
                continue;
            }
            String cause = step.error().orElse("").lines().findFirst().orElse("");
            service.ifPresent(name -> failed.putIfAbsent(name, cause));
            if (!(continues(step.action()))) {
                stopped = true;
            }
        }
        List<Held> release = new ArrayList<>();
        Map<Held, String> rollBack = new LinkedHashMap<>();
        for (var iterator = held.entrySet().iterator(); iterator.hasNext();) {
            Map.Entry<String, List<Held>> entry = iterator.next();
            String service = entry.getKey();
            if (failed.containsKey(service)) {
                entry.getValue().forEach(replacement -> rollBack.put(replacement, "rolled back with the rest of '"
                        + service + "' (failure_action: rollback), because " + failed.get(service)));
            } else if (stopped || end && replacementsLeft.getOrDefault(service, 0) > 0) {
                String cause = firstCause().isEmpty() ? "" : " (" + firstCause() + ")";
                entry.getValue().forEach(replacement -> rollBack.put(replacement, "rolled back: the rollout stopped "
                        + "before every replica of '" + service + "' was replaced" + cause));
            } else if (replacementsLeft.getOrDefault(service, 0) <= 0) {
                release.addAll(entry.getValue());
            } else {
                continue;
            }
            iterator.remove();
        }
        return new Settled(release, rollBack);
    }

    /** Held replacements to release (their service's update is complete) and to roll back, with why. */
    record Settled(List<Held> release, Map<Held, String> rollBack) {
    }

    private boolean continues(Action action) {
        return serviceSpec(action).map(service -> failureAction(service).equals("continue")).orElse(false);
    }

    private static Optional<DesiredService> serviceSpec(Action action) {
        if (action instanceof Action.ReplaceContainer replace) {
            return Optional.of(replace.service());
        } else if (action instanceof Action.CreateContainer create) {
            return Optional.of(create.service());
        }
        return Optional.empty();
    }

    private static String failureAction(DesiredService service) {
        return service.runtime().updateConfig().failureAction();
    }

    private String firstCause() {
        return failed.values().stream().findFirst().orElse("");
    }

    private static String service(Action action) {
        return Plan.serviceOf(action).orElseThrow();
    }
}
