package dev.driftless.reconciler.engine;

import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.reconciler.plan.Plan;

import java.util.List;

/** Carries out a plan on a target and reports every step; the Docker adapter is the real one. */
public interface PlanExecutor {

    /** Runs the plan, telling {@code log} of each step before it runs and after. */
    List<AppliedStep> execute(Plan plan, StepLog log);

    /**
     * Runs a plan whose images are built from {@code tree}, the files of the plan's revision. An
     * executor that builds nothing may ignore the tree.
     */
    default List<AppliedStep> execute(Plan plan, StepLog log, RepoTree tree) {
        return execute(plan, log);
    }
}
