package dev.driftless.reconciler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code driftless run}: the daemon. Every setting may come from {@code --config FILE}, from
 * {@code DRIFTLESS_…} environment variables, or from these flags, which win.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: follow a git source and keep the Docker engine in sync with it.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see docs/configuration.md).")
    Path config;

    @Option(names = "--source", paramLabel = "URL", description = "Git repository to follow: a path or file:// URL. Env: DRIFTLESS_SOURCE_URL.")
    String source;

    @Option(names = "--branch", paramLabel = "NAME", description = "Branch to follow (default: main). Env: DRIFTLESS_SOURCE_BRANCH.")
    String branch;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder for the store and the git cache (default: ./data). Env: DRIFTLESS_DATA_DIR.")
    Path data;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port for /health and /metrics (default: 8484). Env: DRIFTLESS_PORT.")
    Integer port;

    @Option(names = "--listen", paramLabel = "ADDRESS", description = "Address the HTTP server listens on (default: 127.0.0.1); any other needs an API token. Env: DRIFTLESS_LISTEN_ADDRESS.")
    String listen;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "How often to fetch and re-check for drift, e.g. 30s, 5m (default: 60s). Env: DRIFTLESS_POLL_INTERVAL.")
    String pollInterval;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker engine (default: unix:///var/run/docker.sock). Env: DRIFTLESS_DOCKER_HOST.")
    String dockerHost;

    @Option(names = "--webhook-secret-file", paramLabel = "PROVIDER=FILE",
            description = "Secret for webhooks from PROVIDER (github, gitlab, gitea, forgejo, gogs, bitbucket, generic), read from FILE. Repeatable. Env: DRIFTLESS_WEBHOOK_<PROVIDER>_SECRET_FILE.")
    Map<String, Path> webhookSecretFiles = new HashMap<>();

    @Override
    public Integer call() {
        if (config != null && !Files.isReadable(config)) {
            System.err.println("error: cannot read the configuration file " + config);
            return ExitCodes.USAGE;
        }
        Map<String, Object> properties = new HashMap<>();
        if (config != null) {
            properties.put("micronaut.config.files", List.of(config.toAbsolutePath().toString()));
            System.setProperty("micronaut.config.files", config.toAbsolutePath().toString());
        }
        put(properties, "driftless.source.url", source);
        put(properties, "driftless.source.branch", branch);
        put(properties, "driftless.data-dir", data == null ? null : data.toAbsolutePath().normalize().toString());
        put(properties, "driftless.port", port);
        put(properties, "driftless.listen-address", listen);
        put(properties, "driftless.poll-interval", pollInterval);
        put(properties, "driftless.docker-host", dockerHost);
        for (Map.Entry<String, Path> secret : webhookSecretFiles.entrySet()) {
            String provider = secret.getKey().toLowerCase(java.util.Locale.ROOT);
            if (dev.driftless.providers.webhook.WebhookProvider.find(provider).isEmpty()) {
                System.err.println("error: --webhook-secret-file: unknown provider '" + secret.getKey() + "'");
                return ExitCodes.USAGE;
            }
            if (!Files.isReadable(secret.getValue())) {
                System.err.println("error: --webhook-secret-file: cannot read " + secret.getValue());
                return ExitCodes.USAGE;
            }
            properties.put("driftless.webhook." + provider + ".secret-file",
                    secret.getValue().toAbsolutePath().toString());
        }
        boolean hasSource = source != null || config != null
                || System.getenv().keySet().stream().anyMatch(name -> name.equals("DRIFTLESS_SOURCE_URL")
                        || name.startsWith("DRIFTLESS_SOURCES_"));
        if (!hasSource) {
            System.err.println("error: no source to follow: give --source URL, DRIFTLESS_SOURCE_URL, DRIFTLESS_SOURCES_<NAME>_URL,"
                    + " or --config FILE");
            return ExitCodes.USAGE;
        }
        try {
            DaemonLauncher.start(properties);
        } catch (DaemonLauncher.DaemonStartException e) {
            System.err.println("error: the daemon did not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        return DaemonLauncher.KEEP_RUNNING;
    }

    private static void put(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
