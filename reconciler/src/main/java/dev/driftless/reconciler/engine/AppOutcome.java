package dev.driftless.reconciler.engine;

import dev.driftless.reconciler.plan.Plan;

import java.util.List;
import java.util.Objects;

/** How one app came out of a reconcile. A closed set: in sync, changed (fully or not), or failed before acting. */
public sealed interface AppOutcome {

    String app();

    /** The label value used in metrics and history: synced, applied or failed. */
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

    /** A plan was carried out; {@code succeeded()} says whether every step was done. */
    record Applied(String app, Plan plan, List<AppliedStep> steps) implements AppOutcome {
        public Applied {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(plan, "plan");
            steps = List.copyOf(steps);
        }

        public boolean succeeded() {
            return steps.stream().allMatch(step -> step.status() == AppliedStep.Status.DONE);
        }

        public String error() {
            return steps.stream().flatMap(step -> step.error().stream()).findFirst().orElse("");
        }

        @Override
        public String result() {
            return succeeded() ? "applied" : "failed";
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
