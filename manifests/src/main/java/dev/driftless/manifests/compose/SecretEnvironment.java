package dev.driftless.manifests.compose;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's environment as Compose builds it — the {@code env_file:} values first, then
 * {@code environment:} replacing them — with the names of the values that are secrets: those
 * taken from an encrypted env file and not replaced, and those {@code environment:} made from a
 * secret variable.
 */
record SecretEnvironment(Map<String, String> environment, Set<String> secretKeys) {

  static SecretEnvironment merge(EnvValues fromFiles, Map<String, String> environment,
      Set<String> secretInEnvironment) {
    Map<String, String> merged = new TreeMap<>(fromFiles.variables());
    Set<String> secrets = new TreeSet<>(fromFiles.secretKeys());
    merged.putAll(environment);
    secrets.removeAll(environment.keySet());
    secrets.addAll(secretInEnvironment);
    return new SecretEnvironment(merged, secrets);
  }

  /** The keyed digest of each secret's value. */
  Map<String, String> digests(EnvFiles envFiles) {
    Map<String, String> digests = new TreeMap<>();
    for (String key : secretKeys) {
      digests.put(key, envFiles.secretDigest(environment.get(key)));
    }
    return digests;
  }

  @Override
  public String toString() {
    return "SecretEnvironment[" + environment.keySet() + ", secretKeys=" + secretKeys + "]";
  }
}
