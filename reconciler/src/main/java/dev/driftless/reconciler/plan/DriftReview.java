package dev.driftless.reconciler.plan;

import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells drift from change: run over a plan of a revision the app already reached, every step
 * that plan wants comes from something done by hand (DESIGN.md, "drift"), and is named so, in
 * words: stopped, removed, renamed or reconfigured by hand. Pure, like {@link Planner}; the
 * reconciler decides whether the drift is healed (the app's {@code selfHeal}) or only reported.
 *
 * <p>Whatever the revision, a one-shot service that ran to completion (exit code 0, no restart
 * policy) is left alone rather than started again, and opted-out containers are left alone too
 * ({@link OptOut}).
 */
public final class DriftReview {

    private DriftReview() {
    }

    /**
     * The plan and the drift it heals.
     *
     * @param drift empty unless the plan's revision was already deployed
     */
    public record Reviewed(Plan plan, List<Drift> drift) {

        public Reviewed {
            Objects.requireNonNull(plan, "plan");
            drift = List.copyOf(drift);
        }

        /** The plan without the steps that heal drift: what runs when the app's {@code selfHeal} is off. */
        public Plan withoutHealing() {
            List<Action> healing = drift.stream().flatMap(found -> found.heals().stream()).toList();
            return plan.mapSteps(action -> healing.contains(action) ? Optional.empty() : Optional.of(action),
                    plan.warnings());
        }
    }

    /**
     * Reviews {@code plan}, made from {@code desired}.
     *
     * @param deployed whether the app already reached the plan's revision: only then is a
     *     difference drift rather than the revision's own change
     */
    public static Reviewed review(Plan plan, DesiredApp desired, boolean deployed) {
        Plan honoured = OptOut.honour(plan);
        Map<Action, Optional<Action>> rewrites = new java.util.HashMap<>();
        List<Action> actions = new ArrayList<>();
        for (Action action : honoured.actions()) {
            if (action instanceof Action.StartContainer start && completedOneShot(start.container(), desired)) {
                rewrites.put(action, Optional.empty());
            } else {
                actions.add(action);
            }
        }
        List<Drift> drift = new ArrayList<>();
        if (deployed) {
            for (Action action : List.copyOf(actions)) {
                if (!actions.contains(action)) {
                    continue;
                }
                classify(action, actions).ifPresent(found -> {
                    drift.add(found.drift());
                    // The steps that heal it say why in its words, in the same places of the plan.
                    found.rewrites().forEach((original, rewritten) -> {
                        rewrites.put(original, rewritten);
                        int at = actions.indexOf(original);
                        rewritten.ifPresentOrElse(step -> actions.set(at, step), () -> actions.remove(at));
                    });
                });
            }
        }
        return new Reviewed(honoured.mapSteps(action -> rewrites.getOrDefault(action, Optional.of(action)),
                honoured.warnings()), drift);
    }

    /** Drift found, and how it rewrites the plan: each original step replaced by its healing one, or dropped. */
    private record Found(Drift drift, Map<Action, Optional<Action>> rewrites) {

        static Found replacing(Action original, Drift.Kind kind, Action healing) {
            return new Found(new Drift(kind, original.subject(), healing.reason(), List.of(healing)),
                    Map.of(original, Optional.of(healing)));
        }
    }

    private static Optional<Found> classify(Action action, List<Action> actions) {
        if (action instanceof Action.StartContainer start) {
            String reason = "container was stopped by hand" + start.container().exitCode().stream()
                    .mapToObj(code -> " (exit code " + code + ")").findFirst().orElse("");
            return Optional.of(Found.replacing(action, Drift.Kind.STOPPED,
                    new Action.StartContainer(start.container(), reason)));
        }
        if (action instanceof Action.ReplaceContainer replace
                && !replace.current().specHash().equals(replace.specHash())) {
            String reason = replace.current().specHash().isEmpty()
                    ? "container was reconfigured by hand: it no longer carries its spec hash label"
                    : "container was reconfigured by hand: its spec hash " + abbreviate(replace.current().specHash())
                            + " no longer matches the revision's " + abbreviate(replace.specHash());
            return Optional.of(Found.replacing(action, Drift.Kind.RECONFIGURED, new Action.ReplaceContainer(
                    replace.current(), replace.service(), replace.specHash(), replace.order(), reason)));
        }
        if (action instanceof Action.CreateContainer create) {
            Optional<Action.RemoveContainer> renamed = actions.stream()
                    .filter(Action.RemoveContainer.class::isInstance).map(Action.RemoveContainer.class::cast)
                    .filter(remove -> renamedFrom(remove.container(), create))
                    .findFirst();
            if (renamed.isEmpty()) {
                return Optional.of(Found.replacing(action, Drift.Kind.REMOVED, new Action.CreateContainer(
                        create.app(), create.service(), create.number(), create.specHash(),
                        "container was removed by hand")));
            }
            return Optional.of(renamed(renamed.get(), create));
        }
        return Optional.empty();
    }

    /**
     * A container renamed by hand runs again under its name, as it is, when its spec is still the
     * revision's; otherwise a new one is made under its name and the renamed one removed.
     */
    private static Found renamed(Action.RemoveContainer remove, Action.CreateContainer create) {
        ObservedContainer container = remove.container();
        String reason = "container was renamed by hand to " + container.name();
        Map<Action, Optional<Action>> rewrites = new LinkedHashMap<>();
        if (container.specHash().equals(create.specHash())) {
            Action restore = new Action.RestoreContainer(container, Optional.empty(), reason + "; its name is put back");
            rewrites.put(create, Optional.of(restore));
            rewrites.put(remove, Optional.empty());
            return new Found(new Drift(Drift.Kind.RENAMED, create.subject(), reason, List.of(restore)), rewrites);
        }
        Action recreate = new Action.CreateContainer(create.app(), create.service(), create.number(),
                create.specHash(), reason);
        Action removal = new Action.RemoveContainer(container, reason + ", and its spec no longer matches the revision");
        rewrites.put(create, Optional.of(recreate));
        rewrites.put(remove, Optional.of(removal));
        return new Found(new Drift(Drift.Kind.RENAMED, create.subject(), reason, List.of(recreate, removal)),
                rewrites);
    }

    /** A container of the same replica as {@code create} under a name neither Compose's nor a rollout's. */
    private static boolean renamedFrom(ObservedContainer container, Action.CreateContainer create) {
        String canonical = ContainerName.of(container.app(), container.service(), container.number());
        return container.service().equals(create.service().name()) && container.number() == create.number()
                && !container.name().equals(canonical) && !container.name().equals(canonical + ContainerName.ASIDE_SUFFIX)
                && !container.name().equals(canonical + ContainerName.NEXT_SUFFIX);
    }

    /**
     * A container that exited 0 of a service the engine would not restart for that (restart
     * {@code no}, none, or {@code on-failure}): a one-shot job (a migration, a seed) that ran to
     * completion, as {@code service_completed_successfully} means it. Not drift, and not started
     * again. A long-running service that exits 0 when stopped gracefully says it must keep running
     * with a restart policy ({@code unless-stopped}, {@code always}).
     */
    static boolean completedOneShot(ObservedContainer container, DesiredApp desired) {
        if (container.state() != ContainerState.EXITED || container.exitCode().orElse(-1) != 0) {
            return false;
        }
        return desired.services().stream().filter(service -> service.name().equals(container.service()))
                .map(DesiredService::runtime)
                .map(runtime -> runtime.restart().name())
                .anyMatch(restart -> restart.isEmpty() || restart.equals("no") || restart.equals("on-failure"));
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
