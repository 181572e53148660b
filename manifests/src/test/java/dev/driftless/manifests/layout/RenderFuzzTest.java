package dev.driftless.manifests.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.compose.ComposeReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the whole render: random mutations of valid repositories (Compose files,
 * {@code .env} files, {@code driftless.yaml}) must end in a rendering, whose failures are
 * problems, or in a {@link ManifestException}; never another exception and never a hang.
 *
 * <p>The mutations are seeded, so a failure names the seed and the mutation that reproduce it.
 */
class RenderFuzzTest {

  private static final long SEED = 0xD21F7L;
  private static final Duration BUDGET = Duration.ofSeconds(8);

  /** Fragments that YAML, Compose and interpolation give meaning to: mutations splice them in. */
  private static final List<String> TOKENS = List.of(
      "&a ", "*a", "<<: *a\n", "<<: [*a, *a]\n", "{", "}", "[", "]", ": ", "- ", "\n", "\n  ",
      "\t", "'", "\"", "#", "!!str ", "!!binary ", "!foo ", "?", "|", ">", "---\n", "...\n",
      "${", "$", "$$", "${A:-${B}}", "${X:?gone}", "}", "=", "\\", "\u0000", "\uFFFD",
      "\uD800", "\u00e9", "9999999999999999999", "-1", "0x1F", "~", "null", "yes", "1e400",
      "services:", "ports:", "image:", "environment:", "x-", "apps:", "environments:",
      "targets:", "groups:", "policies:", "compose:", "envFiles:", "path:");

  private static final Map<String, String> REPO = Map.of(
      "driftless.yaml", """
          environments:
            production: {envFiles: [env/base.env, env/prod.env], hostVariables: [HOST]}
            staging: {envFiles: [env/base.env]}
          targets:
            edge: {host: "tcp://edge:2376", tls: {ca: /c, cert: /e, key: /k}}
          groups:
            fleet: {targets: [edge], environment: production, order: parallel}
          apps:
            shop:
              compose: [compose.yaml, compose.prod.yaml]
              environments: [staging]
              targets: [local]
              groups: [fleet]
              rollout: {order: start-first, healthDeadline: 1m30s, minUptime: 5s}
            blog: {prune: false, selfHeal: true}
            root: {path: ., targets: [local]}
          policies: {allowedBindMounts: [/srv], allowPrivileged: false}
          """,
      "env/base.env", "NGINX_TAG=1.25\nMODE=slow\n",
      "env/prod.env", "MODE=fast-${NGINX_TAG}\n",
      "shop/compose.prod.yaml", """
          services:
            web:
              environment: [TZ=Europe/Paris, EXTRA=1]
              ports: ["8080:80", "9443:443"]
              labels: [tier=front]
            worker:
              command: [sh, -c, "sleep 60"]
          """,
      "shop/compose.yaml", """
          x-common: &common
            labels:
              team: shop
            environment:
              TZ: UTC
          services:
            web:
              <<: *common
              image: nginx:${NGINX_TAG:-1.25}
              command: ["nginx", "-g", "daemon off;"]
              ports:
                - "8080:80"
                - target: 443
                  published: 8443
                  protocol: tcp
            worker:
              image: busybox
              command: sh -c 'sleep 3600'
              environment:
                - MODE=${MODE:?set MODE}
          """,
      "shop/.env", "NGINX_TAG=1.27\nMODE=\"fast $NGINX_TAG\"\nexport EXTRA='x'\n",
      "compose.yaml", """
          name: root
          services:
            db:
              image: postgres:16
              environment: {POSTGRES_PASSWORD: "$${literal}"}
              labels: [a=b, c]
          """,
      "blog/docker-compose.yml", """
          version: "3.9"
          services:
            blog:
              image: ghost
              ports: ["127.0.0.1:2368:2368/tcp", "9000-9001:9000-9001"]
          """);

  @Test
  void mutatedRepositoriesRenderOrFailWithProblemsAndNeverHang() {
    RenderedRepo clean = DesiredStateRenderer.render(InMemoryRepoTree.of(REPO), "fleet");
    assertThat(clean.failures()).as("the unmutated corpus renders").isEmpty();
    assertThat(clean.apps()).hasSize(4);
    Random random = new Random(SEED);
    List<String> paths = List.copyOf(new TreeMap<>(REPO).keySet());
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(BUDGET.multipliedBy(3), () -> {
      long deadline = System.nanoTime() + BUDGET.toNanos();
      for (int i = 0; System.nanoTime() < deadline; i++) {
        Map<String, String> files = new TreeMap<>(REPO);
        String path = paths.get(random.nextInt(paths.size()));
        files.put(path, mutate(files.get(path), random));
        try {
          RenderedRepo rendered = DesiredStateRenderer.render(InMemoryRepoTree.of(files), "fleet");
          outcomes[rendered.failures().isEmpty() ? 0 : 1]++;
          new ComposeReader().read("fuzz", path, files.get(path));
        } catch (ManifestException expected) {
          assertThat(expected.problems()).isNotEmpty();
        } catch (Exception | Error e) {
          fail("mutation " + i + " of " + path + " (seed " + SEED + ") threw " + e
              + "\n--- input ---\n" + files.get(path), e);
        }
      }
    });
    assertThat(outcomes[0] + outcomes[1]).as("mutations tried").isGreaterThan(50);
    assertThat(outcomes[1]).as("mutations refused").isPositive();
  }

  /** One to four edits: splice a token, delete, duplicate or swap a span, flip a character. */
  static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = out.length() == 0 ? 0 : random.nextInt(out.length());
      int span = Math.min(out.length() - at, 1 + random.nextInt(12));
      switch (random.nextInt(5)) {
        case 0 -> out.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 1 -> out.delete(at, at + span);
        case 2 -> out.insert(at, out.substring(at, at + span));
        case 3 -> {
          int other = random.nextInt(out.length() + 1 - span);
          String moved = out.substring(at, at + span);
          out.delete(at, at + span);
          out.insert(Math.min(other, out.length()), moved);
        }
        default -> {
          if (out.length() > 0) {
            out.setCharAt(at, (char) random.nextInt(0x80));
          }
        }
      }
    }
    return out.toString();
  }
}
