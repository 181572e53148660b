package dev.driftless.manifests.compose;

import dev.driftless.manifests.ManifestProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables of one env file, as {@code env_file:} and the app's {@code .env} provide them,
 * with the names of those that came out of an encrypted file: those are secrets, which the model
 * marks so that no output ever shows their values.
 *
 * <p>{@link #toString()} shows names only.
 *
 * @param variables the variables, in file order
 * @param secretKeys the names whose values were decrypted; a subset of {@code variables}' keys
 * @param warnings what is worth telling about the file though it read
 */
public record EnvValues(
    Map<String, String> variables, Set<String> secretKeys, List<ManifestProblem> warnings) {

  /** No variable at all. */
  public static final EnvValues EMPTY = new EnvValues(Map.of(), Set.of(), List.of());

  public EnvValues {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    secretKeys = Collections.unmodifiableSet(new TreeSet<>(secretKeys));
    if (!variables.keySet().containsAll(secretKeys)) {
      throw new IllegalArgumentException("every secret key must be a variable");
    }
    warnings = List.copyOf(warnings);
  }

  /** Plain variables, none of them secret. */
  public static EnvValues of(Map<String, String> variables) {
    return new EnvValues(variables, Set.of(), List.of());
  }

  @Override
  public String toString() {
    return "EnvValues[variables=" + variables.keySet() + " (values hidden), secretKeys="
        + secretKeys + "]";
  }
}
