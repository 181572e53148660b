package dev.driftless.manifests.layout;

import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.compose.HostAccess;
import dev.driftless.manifests.config.Policies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Holds what an app's services ask of the host against the repository's {@link Policies}: each
 * access the policies do not allow is a problem at the key that asks for it, saying what to add
 * to {@code driftless.yaml} to allow it. A violation fails the app's render, so that its rollout
 * never starts and its running containers stay as they are.
 *
 * <p>Only absolute host paths are checked as bind mounts. A relative source ({@code ./nginx.conf})
 * is a file of the repository: Driftless copies the committed content under its own data folder
 * and binds the copy, so it grants nothing the repository does not already hold (a relative path
 * that climbs out of the repository is refused while reading).
 */
final class PolicyCheck {

  private static final String ADD = "; to allow it, add to driftless.yaml: ";

  private PolicyCheck() {}

  /** The violations among {@code accesses}, sorted by position; empty when all are allowed. */
  static List<ManifestProblem> violations(List<HostAccess> accesses, Policies policies) {
    List<ManifestProblem> problems = new ArrayList<>();
    for (HostAccess access : accesses) {
      if (!allowed(access, policies)) {
        problems.add(access.at().problem(access.field() + ": " + message(access)));
      }
    }
    problems.sort(Comparator.comparing(ManifestProblem::file)
        .thenComparingInt(ManifestProblem::line).thenComparingInt(ManifestProblem::column));
    return problems;
  }

  private static boolean allowed(HostAccess access, Policies policies) {
    return switch (access.kind()) {
      case PRIVILEGED -> policies.allowPrivileged();
      case HOST_NETWORK -> policies.allowHostNetwork();
      case HOST_PID -> policies.allowHostPid();
      case HOST_IPC -> policies.allowHostIpc();
      case BIND_MOUNT -> policies.allowsBindMount(access.hostPath());
    };
  }

  private static String message(HostAccess access) {
    String denied = "denied by the repository's policies";
    return switch (access.kind()) {
      case PRIVILEGED -> "a privileged container (full access to the host's devices and kernel) is "
          + denied + ADD + "'policies: {allowPrivileged: true}'";
      case HOST_NETWORK -> "network_mode: host (the host's network stack) is " + denied + ADD
          + "'policies: {allowHostNetwork: true}'";
      case HOST_PID -> "pid: host (the host's processes) is " + denied + ADD
          + "'policies: {allowHostPid: true}'";
      case HOST_IPC -> "ipc: host (the host's shared memory) is " + denied + ADD
          + "'policies: {allowHostIpc: true}'";
      case BIND_MOUNT -> "binding host path '" + access.hostPath() + "' is " + denied + ADD
          + "'policies: {allowedBindMounts: [" + access.hostPath() + "]}' (or a folder above it)";
    };
  }
}
