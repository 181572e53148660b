package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure heart of Driftless: from what the revision says and what runs, the steps that make
 * them equal, each with its reason. No I/O, no clock, no Docker types, so every promise of
 * DESIGN.md about what gets touched is provable with plain values.
 *
 * <p>Order: images, then networks and volumes, then the containers in waves by {@code depends_on}
 * (see {@link ServiceWaves}): a service's replicas {@code 1..n}, {@code n} from {@code scale} or
 * {@code deploy.replicas}; removals last, so a plan cut short by an error never removed something
 * before its replacement ran, and scaling down removes the highest numbers first, as Compose does.
 */
public final class Planner {

    /** The {@code depends_on} condition under which a dependency must run to its end, exit code 0. */
    public static final String COMPLETED_SUCCESSFULLY = "service_completed_successfully";

    private Planner() {
    }

    /**
     * Plans one app the revision renders.
     *
     * @throws UnplannableException when the target lacks an external network or volume the app needs, or
     *     someone else's network holds a name the app needs
     */
    public static Plan plan(DesiredApp desired, String revision, ObservedApp observed, PlanPolicy policy) {
        if (!desired.name().equals(observed.name())) {
            throw new IllegalArgumentException("desired app " + desired.name() + " planned against observed app "
                    + observed.name());
        }
        String app = desired.name();
        if (desired.services().isEmpty()) {
            List<String> warnings = observed.containers().isEmpty() ? List.of()
                    : List.of("the revision renders no services for app '" + app + "', which has "
                            + observed.containers().size() + " container(s); nothing is removed");
            return new Plan(app, revision, List.of(), warnings);
        }

        List<String> warnings = new ArrayList<>();
        // Images first: a build or pull that fails then leaves everything running as it was.
        ImagePlanner.ImagePlan images = ImagePlanner.plan(app, revision, desired.services(), observed.images());
        List<Action> additions = new ArrayList<>(images.actions());
        warnings.addAll(images.warnings());
        additions.addAll(ResourcePlanner.before(desired, observed, warnings));
        List<Action> removals = new ArrayList<>();
        Map<String, List<Action>> containerSteps = new LinkedHashMap<>();

        for (DesiredService service : desired.services()) {
            String hash = SpecHash.of(service);
            int replicas = service.runtime().replicas();
            List<ObservedContainer> ofService = observed.containers().stream()
                    .filter(container -> container.service().equals(service.name()))
                    .toList();
            List<Action> steps = new ArrayList<>();
            for (int number = 1; number <= replicas; number++) {
                steps.addAll(planReplica(app, service, number, hash, ofService, observed.containers().isEmpty(),
                        images, policy.order().orderOf(service)));
            }
            containerSteps.put(service.name(), steps);
            List<ObservedContainer> aboveCount = new ArrayList<>();
            for (ObservedContainer container : ofService) {
                if (!container.name().equals(ContainerName.of(app, service, container.number()))) {
                    removals.add(new Action.RemoveContainer(container, "left over by an interrupted rollout"));
                } else if (container.number() > replicas) {
                    aboveCount.add(container);
                }
            }
            // Scaling down removes the highest numbers first, as Compose does.
            aboveCount.stream().sorted(Comparator.comparingInt(ObservedContainer::number).reversed())
                    .forEach(container -> removals.add(new Action.RemoveContainer(container, "replica "
                            + container.number() + " is above the desired count of " + replicas)));
        }

        DependentRestarts.add(app, desired.services(), observed.containers(), containerSteps);

        Set<String> desiredServices = desired.services().stream().map(DesiredService::name)
                .collect(Collectors.toSet());
        List<ObservedContainer> ofRemovedServices = observed.containers().stream()
                .filter(container -> !desiredServices.contains(container.service())).toList();
        if (policy.prune()) {
            ofRemovedServices.forEach(container -> removals.add(new Action.RemoveContainer(container,
                    "service '" + container.service() + "' was removed from the repo")));
        } else {
            ofRemovedServices.stream().map(ObservedContainer::service).distinct().sorted()
                    .forEach(service -> warnings.add("service '" + service + "' left the repo, but pruning is off "
                            + "for app '" + app + "': its containers are kept"));
        }

        List<Action> last = new ArrayList<>(removals);
        if (policy.prune()) {
            last.addAll(ResourcePlanner.after(desired, observed));
        }
        List<Wave> waves = new ArrayList<>(Plan.byPhase(additions));
        waves.addAll(ServiceWaves.of(desired.services(), containerSteps));
        waves.addAll(Plan.byPhase(last));
        return Plan.inWaves(app, revision, waves, warnings, ServiceWaves.dependencies(desired.services()))
                .timed(policy.health());
    }

    private static List<Action> planReplica(String app, DesiredService service, int number, String hash,
            List<ObservedContainer> ofService, boolean appIsNew, ImagePlanner.ImagePlan images, UpdateOrder order) {
        String name = ContainerName.of(app, service, number);
        Optional<ObservedContainer> current = ofService.stream()
                .filter(container -> container.name().equals(name))
                .findFirst();
        if (current.isEmpty()) {
            // Containers renamed aside by an interrupted rollout do not count as the service running.
            boolean serviceRuns = ofService.stream().anyMatch(container -> container.name()
                    .equals(ContainerName.of(app, service, container.number())));
            String reason = appIsNew ? "new app"
                    : !serviceRuns ? "service '" + service.name()
                            + "' has no container (added to the repo, or removed by hand)"
                    : "replica " + number + " of " + service.runtime().replicas()
                            + " is missing (scaled up, or removed by hand)";
            return List.of(new Action.CreateContainer(app, service, number, hash, reason));
        }
        ObservedContainer container = current.get();
        if (!container.specHash().equals(hash)) {
            String reason = container.specHash().isEmpty() ? "container carries no spec hash"
                    : "configuration changed in the repo (spec " + abbreviate(container.specHash()) + " -> "
                            + abbreviate(hash) + ")";
            return List.of(new Action.ReplaceContainer(container, service, hash, order,
                    FieldChanges.reason(service, container, images.images(), reason)));
        }
        Optional<String> moved = images.moved(service, container);
        if (moved.isPresent()) {
            return List.of(new Action.ReplaceContainer(container, service, hash, order, moved.get()));
        }
        if (!container.state().isUp()) {
            return List.of(new Action.StartContainer(container,
                    "container is " + container.state().name().toLowerCase(java.util.Locale.ROOT)
                            + " (stopped by hand, or it exited)"));
        }
        return List.of();
    }

    /**
     * Plans the removal of an app that the revision no longer has. Only called when the revision
     * rendered without errors and has at least one app: a failed render or an empty revision never
     * prunes (DESIGN.md, invariant 4).
     */
    public static Plan planRemoval(ObservedApp observed, String revision, PlanPolicy policy) {
        if (!policy.prune()) {
            return new Plan(observed.name(), revision, List.of(),
                    List.of("app '" + observed.name() + "' left the repo, but pruning is off; nothing is removed"));
        }
        List<Action> actions = new ArrayList<>();
        observed.containers().forEach(container -> actions.add(
                new Action.RemoveContainer(container, "app '" + observed.name() + "' was removed from the repo")));
        actions.addAll(ResourcePlanner.removal(observed));
        return new Plan(observed.name(), revision, actions, List.of());
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
