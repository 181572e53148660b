package dev.driftless.manifests.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredServiceTest {

  private static DesiredService service(Map<String, String> environment, Map<String, String> labels) {
    return new DesiredService("web", "nginx:1.27", List.of(), environment, List.of(), labels);
  }

  @Test
  void keepsEnvironmentAndLabelsSortedByKey() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("ZED", "1");
    environment.put("ALPHA", "2");

    DesiredService service = service(environment, Map.of("b", "1", "a", "2"));

    assertThat(service.environment()).isInstanceOf(SortedMap.class);
    assertThat(service.environment().keySet()).containsExactly("ALPHA", "ZED");
    assertThat(service.labels().keySet()).containsExactly("a", "b");
  }

  @Test
  void copiesItsCollectionsSoLaterChangesDoNotLeakIn() {
    List<String> command = new ArrayList<>(List.of("sleep", "1"));
    Map<String, String> environment = new HashMap<>(Map.of("A", "1"));
    DesiredService service =
        new DesiredService("web", "busybox", command, environment, List.of(), Map.of());

    command.add("more");
    environment.put("B", "2");

    assertThat(service.command()).containsExactly("sleep", "1");
    assertThat(service.environment()).containsOnlyKeys("A");
    assertThatThrownBy(() -> service.environment().put("C", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> service.command().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalsAServiceWithTheSameEntriesInAnotherOrder() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("A", "1");
    one.put("B", "2");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("B", "2");
    other.put("A", "1");

    assertThat(service(one, Map.of())).isEqualTo(service(other, Map.of()));
  }

  @Test
  void neverPrintsEnvironmentValuesWhichMayBeSecrets() {
    DesiredService service = service(Map.of("DB_PASSWORD", "hunter2"), Map.of());

    assertThat(service.toString()).contains("DB_PASSWORD").doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "we b", "web/1", "wéb"})
  void refusesAnInvalidServiceName(String name) {
    assertThatThrownBy(() -> new DesiredService(name, "nginx", List.of(), Map.of(), List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnEmptyImageAndEnvironmentNamesWithEquals() {
    assertThatThrownBy(() -> new DesiredService("web", "", List.of(), Map.of(), List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> service(Map.of("A=B", "1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> service(Map.of("", "1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
