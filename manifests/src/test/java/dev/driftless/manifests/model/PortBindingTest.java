package dev.driftless.manifests.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortBindingTest {

  @Test
  void acceptsAnEphemeralHostPortOnEveryInterface() {
    assertThatCode(() -> new PortBinding("", 0, 80, "tcp")).doesNotThrowAnyException();
    assertThatCode(() -> new PortBinding("::1", 65535, 1, "sctp")).doesNotThrowAnyException();
  }

  @Test
  void refusesPortsOutOfRangeAnUnknownProtocolAndABracketedAddress() {
    assertThatThrownBy(() -> new PortBinding("", 0, 0, "tcp")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortBinding("", 65536, 80, "tcp")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortBinding("", 80, 80, "TCP")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortBinding("[::1]", 80, 80, "tcp")).isInstanceOf(IllegalArgumentException.class);
  }
}
