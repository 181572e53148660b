package dev.driftless.manifests.config;

import dev.driftless.manifests.model.DesiredApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rendering of an app: the app for one environment (or none), and the targets it runs on.
 * An app becomes one {@link DesiredApp} per deployment.
 *
 * <p>Naming: an app with a single deployment keeps its own name as its Compose project name; an
 * app rendered for several environments becomes one project per environment, named
 * {@code <app>-<environment>} (an app {@code shop} for {@code staging} and {@code production}
 * gives {@code shop-staging} and {@code shop-production}), so that both can run on one engine
 * and {@code docker compose ls} tells them apart.
 *
 * @param name the rendered app's name, its Compose project name
 * @param app the declared app's name
 * @param environment the environment it is rendered for, if any
 * @param targets the targets it runs on, in rollout order; never empty
 */
public record Deployment(
    String name, String app, Optional<String> environment, List<String> targets) {

  public Deployment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(environment, "environment");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("deployment '" + name + "' needs a target");
    }
  }

  /**
   * The deployments of {@code app}: each of its environments on its own targets (the local engine
   * when it names neither targets nor groups), and each group's targets in the group's
   * environment; deployments for the same environment are one, with the targets of both. An
   * environment with no target is left out (the reader reports it).
   */
  public static List<Deployment> of(RepoConfig config, AppConfig app) {
    Map<Optional<String>, List<String>> byEnvironment = new LinkedHashMap<>();
    List<String> direct = app.targets().isEmpty() && app.groups().isEmpty()
        ? List.of(TargetConfig.LOCAL)
        : app.targets();
    if (!direct.isEmpty()) {
      if (app.environments().isEmpty()) {
        byEnvironment.put(Optional.empty(), new ArrayList<>(direct));
      }
      for (String environment : app.environments()) {
        byEnvironment.put(Optional.of(environment), new ArrayList<>(direct));
      }
    }
    for (String groupName : app.groups()) {
      GroupConfig group = config.groups().get(groupName);
      if (group == null) {
        continue;
      }
      List<String> targets =
          byEnvironment.computeIfAbsent(group.environment(), key -> new ArrayList<>());
      group.targets().stream().filter(target -> !targets.contains(target)).forEach(targets::add);
    }
    boolean several = byEnvironment.size() > 1;
    List<Deployment> deployments = new ArrayList<>();
    byEnvironment.forEach((environment, targets) -> deployments.add(new Deployment(
        several && environment.isPresent() ? app.name() + "-" + environment.get() : app.name(),
        app.name(), environment, targets)));
    return deployments;
  }

  /**
   * How a revision moves through this deployment's targets: {@link GroupConfig.Order#PARALLEL}
   * only when every group of {@code app} that feeds this deployment says so and the app names no
   * target of its own for it; else one target after the other, stopping at the first failure (the
   * cautious choice, so a list of targets without a group is rolled out in the listed order).
   */
  public GroupConfig.Order rolloutOrder(RepoConfig config, AppConfig app) {
    boolean direct = !app.targets().isEmpty()
        && (app.environments().isEmpty() ? environment.isEmpty()
            : environment.map(app.environments()::contains).orElse(false));
    List<GroupConfig> groups = app.groups().stream().map(config.groups()::get)
        .filter(group -> group != null && group.environment().equals(environment)).toList();
    boolean parallel = !direct && !groups.isEmpty()
        && groups.stream().allMatch(group -> group.order() == GroupConfig.Order.PARALLEL);
    return parallel ? GroupConfig.Order.PARALLEL : GroupConfig.Order.SEQUENTIAL;
  }
}
