package dev.driftless.reconciler.testing;

import java.util.Map;
import java.util.TreeMap;

/**
 * Compose text for tests: services that run busybox and stop at once when asked (a shell as PID 1
 * ignores SIGTERM unless it traps it), labelled as test-made so leftovers can be found.
 */
public final class TestCompose {

    private TestCompose() {
    }

    /** An app's file of these services. */
    public static String app(String... services) {
        return "services:\n" + String.join("", services);
    }

    /** A service with this environment, labelled {@code test.driftless.kind=<kind>}. */
    public static String service(String name, String kind, Map<String, String> environment) {
        StringBuilder text = new StringBuilder()
                .append("  ").append(name).append(":\n")
                .append("    image: busybox:1.36\n")
                .append("    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n");
        if (!environment.isEmpty()) {
            text.append("    environment:\n");
            new TreeMap<>(environment).forEach((key, value) ->
                    text.append("      ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return text.append("    labels:\n      ").append(TestEngine.TEST_LABEL).append(": ").append(kind).append('\n')
                .toString();
    }
}
