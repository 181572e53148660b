package dev.driftless.manifests.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecHashTest {

  private static final DesiredService BASE = new DesiredService(
      "web",
      "nginx:1.27",
      List.of("nginx", "-g", "daemon off;"),
      Map.of("MODE", "production", "WORKERS", "4"),
      List.of(new PortBinding("", 8080, 80, "tcp")),
      Map.of("team", "shop"));

  private static DesiredService with(
      String image, List<String> command, Map<String, String> environment, List<PortBinding> ports,
      Map<String, String> labels) {
    return new DesiredService("web", image, command, environment, ports, labels);
  }

  @Test
  void isSixtyFourLowerCaseHexCharacters() {
    assertThat(SpecHash.of(BASE)).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void isStableForAGivenServiceAcrossCallsAndReleases() {
    assertThat(SpecHash.of(BASE)).isEqualTo(SpecHash.of(BASE));
    // Pinned: if this changes, every managed container would be recreated. See SpecHash's Javadoc.
    assertThat(SpecHash.of(with("busybox", List.of(), Map.of(), List.of(), Map.of())))
        .isEqualTo(SpecHash.of(with("busybox", List.of(), Map.of(), List.of(), Map.of())))
        .isEqualTo(PINNED_BUSYBOX);
    assertThat(SpecHash.of(BASE)).isEqualTo(PINNED_BASE);
  }

  /**
   * Computed outside Java from the documented v1 form: SHA-256 over each string as
   * {@code <utf-8 length>:<bytes>}, for "driftless-spec-hash", "v1", "image", "busybox", "command",
   * "#0", "environment", "#0", "ports", "#0", "labels", "#0".
   */
  private static final String PINNED_BUSYBOX =
      "5c42bb23f2c5ce20276bfe28994e8efc985be80205af5c4e89c5ed824ed50b4c";

  /**
   * The same for {@link #BASE}: ..., "command", "#3", "nginx", "-g", "daemon off;", "environment",
   * "#2", "MODE", "production", "WORKERS", "4", "ports", "#1", "", "8080", "80", "tcp", "labels",
   * "#1", "team", "shop".
   */
  private static final String PINNED_BASE =
      "7d1939f3cf0a69d1c7f4c0c42e5a2cb3f25b4d48426800c050527119120384bc";

  @Test
  void doesNotDependOnTheOrderMapsWereWrittenIn() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("A", "1");
    forward.put("B", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("B", "2");
    backward.put("A", "1");

    assertThat(SpecHash.of(with("nginx", List.of(), forward, List.of(), backward)))
        .isEqualTo(SpecHash.of(with("nginx", List.of(), backward, List.of(), forward)));
  }

  @Test
  void ignoresTheServiceNameWhichIdentifiesRatherThanConfigures() {
    DesiredService renamed = new DesiredService("api", BASE.image(), BASE.command(),
        BASE.environment(), BASE.ports(), BASE.labels());

    assertThat(SpecHash.of(renamed)).isEqualTo(SpecHash.of(BASE));
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        arguments("image", with("nginx:1.28", BASE.command(), BASE.environment(), BASE.ports(), BASE.labels())),
        arguments("command", with(BASE.image(), List.of("nginx"), BASE.environment(), BASE.ports(), BASE.labels())),
        arguments("an environment value", with(BASE.image(), BASE.command(),
            Map.of("MODE", "staging", "WORKERS", "4"), BASE.ports(), BASE.labels())),
        arguments("an environment name", with(BASE.image(), BASE.command(),
            Map.of("MODE", "production", "WORKER", "4"), BASE.ports(), BASE.labels())),
        arguments("the host port", with(BASE.image(), BASE.command(), BASE.environment(),
            List.of(new PortBinding("", 8081, 80, "tcp")), BASE.labels())),
        arguments("the host IP", with(BASE.image(), BASE.command(), BASE.environment(),
            List.of(new PortBinding("127.0.0.1", 8080, 80, "tcp")), BASE.labels())),
        arguments("the protocol", with(BASE.image(), BASE.command(), BASE.environment(),
            List.of(new PortBinding("", 8080, 80, "udp")), BASE.labels())),
        arguments("the container port", with(BASE.image(), BASE.command(), BASE.environment(),
            List.of(new PortBinding("", 8080, 81, "tcp")), BASE.labels())),
        arguments("an added port", with(BASE.image(), BASE.command(), BASE.environment(),
            List.of(new PortBinding("", 8080, 80, "tcp"), new PortBinding("", 9090, 90, "tcp")),
            BASE.labels())),
        arguments("a label", with(BASE.image(), BASE.command(), BASE.environment(), BASE.ports(),
            Map.of("team", "ops"))));
  }

  @ParameterizedTest(name = "changing {0} changes the hash")
  @MethodSource("changes")
  void changesWhenAnyFieldChanges(String what, DesiredService changed) {
    assertThat(SpecHash.of(changed)).isNotEqualTo(SpecHash.of(BASE));
  }

  @Test
  void doesNotDependOnTheOrderPortsAreDeclaredInWhichDockerDoesNotKeep() {
    PortBinding a = new PortBinding("", 8080, 80, "tcp");
    PortBinding b = new PortBinding("", 9090, 90, "tcp");
    PortBinding c = new PortBinding("", 9091, 90, "udp");

    assertThat(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(a, b, c), Map.of())))
        .isEqualTo(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(c, b, a), Map.of())));
  }

  @Test
  void dependsOnTheOrderOfTheCommand() {
    assertThat(SpecHash.of(with("nginx", List.of("a", "b"), Map.of(), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of("b", "a"), Map.of(), List.of(), Map.of())));
  }

  @Test
  void isUnambiguousWhereFieldBoundariesMove() {
    assertThat(SpecHash.of(with("nginx", List.of("a", "bc"), Map.of(), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of("ab", "c"), Map.of(), List.of(), Map.of())));
    assertThat(SpecHash.of(with("nginx", List.of("a b"), Map.of(), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of("a", "b"), Map.of(), List.of(), Map.of())));
    assertThat(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(), Map.of("a", "b=c"))))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(), Map.of("a=b", "c"))));
    assertThat(SpecHash.of(with("nginx", List.of(), Map.of("AB", "C"), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of(), Map.of("A", "BC"), List.of(), Map.of())));
    // The same pair moved from the environment to the labels.
    assertThat(SpecHash.of(with("nginx", List.of(), Map.of("K", "V"), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(), Map.of("K", "V"))));
    // An empty argument is still an argument.
    assertThat(SpecHash.of(with("nginx", List.of(""), Map.of(), List.of(), Map.of())))
        .isNotEqualTo(SpecHash.of(with("nginx", List.of(), Map.of(), List.of(), Map.of())));
  }
}
