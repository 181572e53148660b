package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.plan.Drift;
import dev.driftless.reconciler.plan.Plan;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.List;
import java.util.Objects;

/** How one app came out of a reconcile. A closed set: in sync, changed (fully or not), drifted and left so, or failed before acting. */
public sealed interface AppOutcome {

    String app();

    /** The label value used in metrics and history: synced, applied, drifted or failed. */
    String result();

    /** Nothing to do: what runs is what the revision says. */
    record InSync(String app, Plan plan) implements AppOutcome {
        public InSync {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public String result() {
            return "synced";
        }
    }

    /**
     * A plan was carried out; {@code succeeded()} says whether every step was done.
     *
     * @param stuckReason why the rollout was stopped as stuck (no progress within its deadline); "" when it was not
     */
    record Applied(String app, Plan plan, List<AppliedStep> steps, String stuckReason) implements AppOutcome {
        public Applied {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(plan, "plan");
            steps = List.copyOf(steps);
            Objects.requireNonNull(stuckReason, "stuckReason");
        }

        public Applied(String app, Plan plan, List<AppliedStep> steps) {
            this(app, plan, steps, "");
        }

        /** This outcome, stopped as stuck for {@code reason}. */
        public Applied stuck(String reason) {
            return new Applied(app, plan, steps, reason);
        }

        public boolean wasStuck() {
            return !stuckReason.isEmpty();
        }

        public boolean succeeded() {
            return !wasStuck() && steps.stream().allMatch(step -> step.status() == AppliedStep.Status.DONE);
        }

        /**
         * Whether the app's containers, counted by state, are as they were observed before this plan:
         * every step was done, and each either replaced or restarted a running container (the new one
         * proved healthy, so it runs) or touched no container (an image pulled or built). The usual
         * deploy of a changed service is such a plan; its reconcile then counts from the observation
         * it planned from instead of listing the engine's containers again. A replacement the plan
         * waits on to complete (it exits) changes the count, and so does every create, start or remove.
         */
        public boolean keptContainerTally() {
            return succeeded() && plan.actions().stream().allMatch(this::keepsTally);
        }

        private boolean keepsTally(Action action) {
            if (action instanceof Action.PullImage || action instanceof Action.BuildImage) {
                return true;
            }
            if (action instanceof Action.ReplaceContainer replace) {
                return runningAndNotAwaited(replace.current());
            }
            if (action instanceof Action.RestartContainer restart) {
                return runningAndNotAwaited(restart.container());
            }
            return false;
        }

        private boolean runningAndNotAwaited(ObservedContainer container) {
            return container.state() == ContainerState.RUNNING
                    && !plan.awaitsCompletion(container.service());
        }

        /** The stuck reason, if any, then the first step's error. */
        public String error() {
            String step = steps.stream().flatMap(applied -> applied.error().stream()).findFirst().orElse("");
            return wasStuck() ? stuckReason + (step.isEmpty() ? "" : ": " + step) : step;
        }

        @Override
        public String result() {
            return succeeded() ? "applied" : "failed";
        }
    }

    /**
     * Something was changed by hand at a revision already deployed, and the app's {@code selfHeal}
     * is off: the drift is reported, nothing is changed until a new commit or an explicit sync.
     */
    record Drifted(Plan plan, List<Drift> drift) implements AppOutcome {
        public Drifted {
            Objects.requireNonNull(plan, "plan");
            drift = List.copyOf(drift);
        }

        @Override
        public String app() {
            return plan.app();
        }

        /** "drift not healed (selfHeal is off): shop-web-1: container was stopped by hand". */
        public String describe() {
            return "drift not healed (selfHeal is off): "
                    + drift.stream().map(Drift::describe).collect(java.util.stream.Collectors.joining("; "));
        }

        @Override
        public String result() {
            return "drifted";
        }
    }

    /** Nothing was done: the app could not be rendered or its target not observed. Running containers stay. */
    record Failed(String app, String error) implements AppOutcome {
        public Failed {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String result() {
            return "failed";
        }
    }
}
