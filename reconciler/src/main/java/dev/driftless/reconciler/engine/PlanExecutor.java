package dev.driftless.reconciler.engine;

import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.reconciler.plan.Plan;

import java.util.List;

/** Carries out a plan on a target and reports every step; the Docker adapter is the real one. */
public interface PlanExecutor {

    List<AppliedStep> execute(Plan plan);

    /**
     * Carries out a plan whose images are built from {@code tree}, the files of the plan's
     * revision. An executor that builds nothing may ignore the tree.
     */
    default List<AppliedStep> execute(Plan plan, RepoTree tree) {
        return execute(plan);
    }
}
