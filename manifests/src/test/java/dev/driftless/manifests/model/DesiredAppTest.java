package dev.driftless.manifests.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredAppTest {

  private static DesiredService service(String name) {
    return new DesiredService(name, "busybox", List.of(), Map.of(), List.of(), Map.of());
  }

  @Test
  void sortsItsServicesByNameAndFindsThemByName() {
    DesiredApp app = new DesiredApp("shop", List.of(service("web"), service("db")));

    assertThat(app.services()).extracting(DesiredService::name).containsExactly("db", "web");
    assertThat(app.service("web")).contains(service("web"));
    assertThat(app.service("cache")).isEmpty();
  }

  @Test
  void refusesTwoServicesWithTheSameName() {
    assertThatThrownBy(() -> new DesiredApp("shop", List.of(service("web"), service("web"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'web'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Shop", "-shop", "_shop", "my.shop", "my shop"})
  void refusesANameThatIsNotAComposeProjectName(String name) {
    assertThatThrownBy(() -> new DesiredApp(name, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mayHaveNoServices() {
    assertThat(new DesiredApp("empty", List.of()).services()).isEmpty();
  }
}
