package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.driftless.manifests.model.PortBinding;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PortSyntaxTest {

  private static PortBinding tcp(String ip, int host, int container) {
    return new PortBinding(ip, host, container, "tcp");
  }

  static Stream<Arguments> shortForms() {
    return Stream.of(
        arguments("80", List.of(tcp("", 0, 80))),
        arguments("8080:80", List.of(tcp("", 8080, 80))),
        arguments("127.0.0.1:8080:80", List.of(tcp("127.0.0.1", 8080, 80))),
        arguments("127.0.0.1::80", List.of(tcp("127.0.0.1", 0, 80))),
        arguments("8080:80/udp", List.of(new PortBinding("", 8080, 80, "udp"))),
        arguments("8080:80/sctp", List.of(new PortBinding("", 8080, 80, "sctp"))),
        arguments("[::1]:8080:80", List.of(tcp("::1", 8080, 80))),
        arguments("::1:8080:80", List.of(tcp("::1", 8080, 80))),
        arguments("[2001:db8::8a2e:370:7334]:443:443", List.of(tcp("2001:db8::8a2e:370:7334", 443, 443))),
        arguments("[::ffff:192.0.2.1]:80:80", List.of(tcp("::ffff:192.0.2.1", 80, 80))),
        arguments("8000-8001:80-81", List.of(tcp("", 8000, 80), tcp("", 8001, 81))),
        arguments("3000-3002", List.of(tcp("", 0, 3000), tcp("", 0, 3001), tcp("", 0, 3002))),
        arguments("0.0.0.0:9000-9001:9000-9001/udp",
            List.of(new PortBinding("0.0.0.0", 9000, 9000, "udp"), new PortBinding("0.0.0.0", 9001, 9001, "udp"))),
        arguments("65535:1", List.of(tcp("", 65535, 1))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("shortForms")
  void expandsEveryShortFormToOneBindingPerPort(String spec, List<PortBinding> bindings) {
    assertThat(PortSyntax.shortSyntax(spec)).isEqualTo(bindings);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "''                    | '' has no container port",
      "8080:                 | '8080:' has no container port",
      "0                     | container port 0 is out of range (1-65535)",
      "70000:80              | host port 70000 is out of range (1-65535)",
      "8080:80/http          | protocol 'http' is not tcp, udp or sctp",
      "8080:80/              | protocol '' is not tcp, udp or sctp",
      "8080:80/TCP           | protocol 'TCP' is not tcp, udp or sctp",
      "localhost:8080:80     | host address 'localhost' is not an IPv4 or IPv6 address",
      "256.0.0.1:8080:80     | host address '256.0.0.1' is not an IPv4 or IPv6 address",
      "[127.0.0.1]:8080:80   | host address '[127.0.0.1]' is not an IPv4 or IPv6 address",
      "1:2:3:4:5:6:7:8:9:80:80 | host address '1:2:3:4:5:6:7:8:9' is not an IPv4 or IPv6 address",
      "8000-8002:80-81       | host ports 8000-8002 and container ports 80-81 are ranges of different lengths",
      "8000-8001:80          | host port range 8000-8001 for the single container port 80 is not supported",
      "8000:80-81            | host ports 8000 and container ports 80-81 are ranges of different lengths",
      "81-80                 | container port range 81-80 ends before it starts",
      "eighty                | container port 'eighty' is not a port number or a range",
      "' 80'                 | container port ' 80' is not a port number or a range"})
  void refusesAnInvalidShortForm(String spec, String message) {
    assertThatThrownBy(() -> PortSyntax.shortSyntax(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
