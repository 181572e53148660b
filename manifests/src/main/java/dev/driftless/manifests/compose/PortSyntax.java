package dev.driftless.manifests.compose;

import dev.driftless.manifests.model.PortBinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's port notations turned into {@link PortBinding}s, one per port.
 *
 * <p>The short syntax is {@code [[host_ip:]host_port:]container_port[/protocol]}, where either
 * port may be a range ({@code 8000-8001:80-81}) and an IPv6 host address may be bracketed
 * ({@code [::1]:8080:80}); it is split the way Docker's {@code nat.ParsePortSpec} splits it, so
 * that a file means here what it means to {@code docker compose}. A host range must be as long as
 * the container range; a range of host ports for one container port (Docker picks a free one) is
 * not supported, because Driftless publishes fixed, comparable bindings.
 */
final class PortSyntax {

  private static final Pattern RANGE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");
  private static final String OCTET = "(0|[1-9][0-9]{0,2})";
  private static final Pattern IPV4 =
      Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
  private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  private PortSyntax() {}

  /**
   * The bindings of one short-syntax entry.
   *
   * @throws IllegalArgumentException with a message for the user when the entry is invalid
   */
  static List<PortBinding> shortSyntax(String spec) {
    String protocol = "tcp";
    String rest = spec;
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      protocol = protocol(spec.substring(slash + 1));
      rest = spec.substring(0, slash);
    }
    String[] parts = rest.split(":", -1);
    int count = parts.length;
    String container = parts[count - 1];
    String host = count >= 2 ? parts[count - 2] : "";
    String ip = count >= 3 ? String.join(":", Arrays.copyOf(parts, count - 2)) : "";
    if (container.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "' has no container port");
    }
    return bindings(hostIp(ip), host, container, protocol);
  }

  /**
   * The bindings of a long-syntax entry, from its fields already checked one by one.
   *
   * @param published the host port or range as written, or {@code ""} for an ephemeral port
   */
  static List<PortBinding> longSyntax(
      String hostIp, String published, int target, String protocol) {
    return bindings(hostIp, published, Integer.toString(target), protocol);
  }

  /** A single port number, 1-65535, checked. */
  static int singlePort(String text, String what) {
    int[] range = range(text, what);
    if (range[0] != range[1]) {
      throw new IllegalArgumentException(what + " must be a single port, found '" + text + "'");
    }
    return range[0];
  }

  /** A port or a range of ports, checked. */
  static String portOrRange(String text, String what) {
    range(text, what);
    return text;
  }

  /** A protocol name, checked. */
  static String protocol(String protocol) {
    if (!PortBinding.PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException("protocol '" + protocol + "' is not tcp, udp or sctp");
    }
    return protocol;
  }

  /** A host address without its brackets, checked; {@code ""} stays {@code ""} (all interfaces). */
  static String hostIp(String ip) {
    String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    boolean bracketed = bare.length() != ip.length();
    if (ip.isEmpty() || (!bracketed && isIpv4(bare)) || isIpv6(bare)) {
      return bare;
    }
    throw new IllegalArgumentException("host address '" + ip
        + "' is not an IPv4 or IPv6 address (host names are not allowed here)");
  }

  private static List<PortBinding> bindings(
      String ip, String host, String container, String protocol) {
    int[] containerPorts = range(container, "container port");
    if (host.isEmpty()) {
      List<PortBinding> ephemeral = new ArrayList<>();
      for (int port = containerPorts[0]; port <= containerPorts[1]; port++) {
        ephemeral.add(new PortBinding(ip, 0, port, protocol));
      }
      return ephemeral;
    }
    int[] hostPorts = range(host, "host port");
    int containerCount = containerPorts[1] - containerPorts[0] + 1;
    int hostCount = hostPorts[1] - hostPorts[0] + 1;
    if (hostCount != containerCount) {
      if (containerCount == 1) {
        throw new IllegalArgumentException("host port range " + host + " for the single "
            + "container port " + container + " is not supported: Driftless publishes one fixed "
            + "host port per container port");
      }
      throw new IllegalArgumentException("host ports " + host + " and container ports " + container
          + " are ranges of different lengths");
    }
    List<PortBinding> bindings = new ArrayList<>();
    for (int i = 0; i < containerCount; i++) {
      bindings.add(new PortBinding(ip, hostPorts[0] + i, containerPorts[0] + i, protocol));
    }
    return bindings;
  }

  /** {@code [first, last]} of a port or a range of ports. */
  private static int[] range(String text, String what) {
    Matcher matcher = RANGE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a port number or a range");
    }
    int first = port(matcher.group(1), what);
    int last = matcher.group(2) == null ? first : port(matcher.group(2), what);
    if (last < first) {
      throw new IllegalArgumentException(what + " range " + text + " ends before it starts");
    }
    return new int[] {first, last};
  }

  private static int port(String digits, String what) {
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " " + port + " is out of range (1-65535)");
    }
    return port;
  }

  private static boolean isIpv4(String text) {
    Matcher matcher = IPV4.matcher(text);
    if (!matcher.matches()) {
      return false;
    }
    for (int group = 1; group <= 4; group++) {
      if (Integer.parseInt(matcher.group(group)) > 255) {
        return false;
      }
    }
    return true;
  }

  /** RFC 4291 text form: eight groups, or fewer around one {@code ::}; may end in IPv4. */
  private static boolean isIpv6(String text) {
    int gap = text.indexOf("::");
    if (text.indexOf(':') < 0 || (gap >= 0 && text.indexOf("::", gap + 1) >= 0)) {
      return false;
    }
    if (gap < 0) {
      return groups(text, true) == 8;
    }
    String head = text.substring(0, gap);
    String tail = text.substring(gap + 2);
    int headGroups = head.isEmpty() ? 0 : groups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /** How many 16-bit groups {@code text} holds, or -1 when it is malformed. */
  private static int groups(String text, boolean mayEndInIpv4) {
    String[] parts = text.split(":", -1);
    int groups = 0;
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      if (last && mayEndInIpv4 && isIpv4(parts[i])) {
        groups += 2;
      } else if (IPV6_GROUP.matcher(parts[i]).matches()) {
        groups++;
      } else {
        return -1;
      }
    }
    return groups;
  }
}
