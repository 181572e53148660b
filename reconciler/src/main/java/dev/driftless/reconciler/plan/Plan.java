package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.Dependency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ordered steps that turn what runs into what the revision says, for one app. An empty plan
 * means the app is in sync; {@code warnings} say what the planner deliberately did not do.
 *
 * @param waves the steps grouped into waves, in order: {@code actions} is their concatenation
 * @param dependsOn each service's {@code depends_on} (services of the app only), so the applier can
 *     fail the steps of a service whose dependency failed, and make a dependency others wait on to
 *     complete run to its end
 * @param health how long the app's new containers have to prove healthy, where the app's
 *     {@code driftless.yaml} says
 */
public record Plan(String app, String revision, List<Action> actions, List<String> warnings, String source,
        List<Wave> waves, Map<String, Map<String, Dependency>> dependsOn, HealthTiming health) {

    public Plan {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
        waves = List.copyOf(waves);
        Map<String, Map<String, Dependency>> copy = new TreeMap<>();
        dependsOn.forEach((service, dependencies) -> copy.put(service, Map.copyOf(dependencies)));
        dependsOn = java.util.Collections.unmodifiableMap(copy);
        if (!waves.stream().flatMap(wave -> wave.actions().stream()).toList().equals(actions)) {
            throw new IllegalArgumentException("the waves of a plan must hold its steps, in order");
        }
    }

    /** A plan whose source is not known, its steps in waves by phase: what it creates can be pruned by any source. */
    public Plan(String app, String revision, List<Action> actions, List<String> warnings) {
        this(app, revision, actions, warnings, "", byPhase(actions), Map.of(), HealthTiming.DAEMON);
    }

    /** A plan of these waves, in this order, for services that depend on each other as {@code dependsOn} says. */
    public static Plan inWaves(String app, String revision, List<Wave> waves, List<String> warnings,
            Map<String, Map<String, Dependency>> dependsOn) {
        return new Plan(app, revision, waves.stream().flatMap(wave -> wave.actions().stream()).toList(), warnings, "",
                waves, dependsOn, HealthTiming.DAEMON);
    }

    /** This plan, its new containers given {@code timing} to prove healthy. */
    public Plan timed(HealthTiming timing) {
        return new Plan(app, revision, actions, warnings, source, waves, dependsOn, timing);
    }

    /** This plan, its containers labelled as deployed from repository {@code repo}. */
    public Plan from(String repo) {
        return new Plan(app, revision, actions, warnings, repo, waves, dependsOn, health);
    }

    /**
     * This plan with each step replaced in its wave by what {@code step} makes of it, or dropped
     * when it makes nothing (a wave left empty goes too): the order of the plan stays as planned. A
     * restart owed to replacements that were all dropped (opted out, drift left unhealed) goes too.
     */
    public Plan mapSteps(java.util.function.Function<Action, Optional<Action>> step, List<String> warnings) {
        List<List<Action>> stepped = waves.stream()
                .map(wave -> wave.actions().stream().map(step).flatMap(Optional::stream).toList()).toList();
        java.util.Set<String> replaced = stepped.stream().flatMap(List::stream)
                .filter(action -> action instanceof Action.ReplaceContainer)
                .map(action -> serviceOf(action).orElseThrow())
                .collect(java.util.stream.Collectors.toSet());
        List<Wave> mapped = new ArrayList<>();
        for (int at = 0; at < waves.size(); at++) {
            List<Action> kept = stepped.get(at).stream().filter(action -> stillOwed(action, replaced)).toList();
            if (!kept.isEmpty()) {
                Wave wave = waves.get(at);
                mapped.add(new Wave(wave.label(), kept, wave.delay()));
            }
        }
        return new Plan(app, revision, mapped.stream().flatMap(wave -> wave.actions().stream()).toList(), warnings,
                source, mapped, dependsOn, health);
    }

    /** False only for a restart none of whose dependencies the plan still replaces. */
    private static boolean stillOwed(Action action, java.util.Set<String> replaced) {
        if (action instanceof Action.RestartContainer restart && !restart.after().isEmpty()) {
            return restart.after().stream().anyMatch(replaced::contains);
        }
        return true;
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /**
     * The service a container step is about; empty for images, networks and volumes.
     */
    public static Optional<String> serviceOf(Action action) {
        if (action instanceof Action.CreateContainer create) {
            return Optional.of(create.service().name());
        } else if (action instanceof Action.ReplaceContainer replace) {
            return Optional.of(replace.service().name());
        } else if (action instanceof Action.StartContainer start) {
            return Optional.of(start.container().service());
        } else if (action instanceof Action.RestoreContainer restore) {
            return Optional.of(restore.aside().service());
        } else if (action instanceof Action.RestartContainer restart) {
            return Optional.of(restart.container().service());
        } else if (action instanceof Action.RemoveContainer remove) {
            return Optional.of(remove.container().service());
        }
        return Optional.empty();
    }

    /** Whether some service waits for {@code service} to run to completion ({@code service_completed_successfully}). */
    public boolean awaitsCompletion(String service) {
        return dependsOn.values().stream().map(dependencies -> dependencies.get(service))
                .anyMatch(dependency -> dependency != null
                        && dependency.condition().equals(Planner.COMPLETED_SUCCESSFULLY));
    }

    public long count(Action.Change change) {
        return actions.stream().filter(action -> action.change() == change).count();
    }

    /** "2 to add, 1 to change, 0 to remove", as terraform summarises. */
    public String summary() {
        return count(Action.Change.ADD) + " to add, " + count(Action.Change.CHANGE) + " to change, "
                + count(Action.Change.REMOVE) + " to remove";
    }

    /** Consecutive steps of one phase, one wave each: a plan without services that depend on each other. */
    static List<Wave> byPhase(List<Action> actions) {
        List<Wave> waves = new ArrayList<>();
        List<Action> current = new ArrayList<>();
        for (Action action : actions) {
            if (!current.isEmpty() && current.get(0).phase() != action.phase()) {
                waves.add(new Wave(label(current.get(0).phase()), current));
                current = new ArrayList<>();
            }
            current.add(action);
        }
        if (!current.isEmpty()) {
            waves.add(new Wave(label(current.get(0).phase()), current));
        }
        return waves;
    }

    static String label(Action.Phase phase) {
        return switch (phase) {
            case IMAGES -> "images";
            case NETWORKS_UP -> "networks and volumes";
            case CONTAINERS -> "containers";
            case REMOVALS -> "removals";
            case NETWORKS_DOWN -> "networks and volumes no longer used";
        };
    }
}
