package dev.driftless.providers.webhook;

import static dev.driftless.providers.webhook.SignedDeliveries.FLEET_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bounded fuzz of each provider's parser: thousands of validly signed bodies derived from the
 * documented fixtures by byte and structure mutations, under real, odd and missing event headers.
 * Every one must get one of the answers, never an exception. Seeds are fixed, so a
 * failure reproduces; the failing body's seed and index are in the message.
 */
class WebhookFuzzTest {

    private static final int BODIES_PER_PROVIDER = 2_000;
    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 401, 413);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final List<WebhookSecret> CANDIDATES = List.of(
            new WebhookSecret("fleet", FLEET_SECRET), new WebhookSecret("other", SignedDeliveries.OTHER_SECRET));
    private static final Map<WebhookProvider, List<String>> EVENT_HEADERS = new EnumMap<>(Map.of(
            WebhookProvider.GITHUB, List.of("X-GitHub-Event"),
            WebhookProvider.GITLAB, List.of("X-Gitlab-Event"),
            WebhookProvider.GITEA, List.of("X-Gitea-Event"),
            WebhookProvider.FORGEJO, List.of("X-Forgejo-Event", "X-Gitea-Event"),
            WebhookProvider.GOGS, List.of("X-Gogs-Event"),
            WebhookProvider.BITBUCKET, List.of("X-Event-Key"),
            WebhookProvider.GENERIC, List.of()));
    private static final List<String> EVENTS = List.of("push", "ping", "issues", "delete", "Push Hook",
            "Tag Push Hook", "System Hook", "Issue Hook", "repo:push", "diagnostics:ping", "repo:updated", "",
            "PUSH", "push\u0000", "x".repeat(300));

    @ParameterizedTest
    @EnumSource(WebhookProvider.class)
    void everyMutatedSignedBodyGetsOneOfTheDocumentedAnswers(WebhookProvider provider) {
        long seed = 0x5EED_0000L + provider.ordinal();
        List<byte[]> seeds = List.of(
                SignedDeliveries.push(provider).body(), SignedDeliveries.tagPush(provider).body(),
                SignedDeliveries.ping(provider).body(), SignedDeliveries.notAPush(provider).body());
        WebhookHandler handler = new WebhookHandler(WebhookLimits.defaults(), new InMemoryDeliveryLog(), CLOCK);
        Random random = new Random(seed);
        int[] byStatus = new int[600];

        assertTimeout(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < BODIES_PER_PROVIDER; i++) {
                byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
                WebhookRequest request = request(provider, body, random);
                WebhookOutcome outcome;
                try {
                    outcome = handler.handle(request, CANDIDATES);
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", body " + i + " threw: "
                            + new String(body, StandardCharsets.UTF_8), e);
                }
                assertThat(outcome).as("seed %d, body %d", seed, i).isNotNull();
                assertThat(ANSWERS).as("seed %d, body %d: %s", seed, i, outcome).contains(outcome.status());
                assertThat(outcome.reason()).as("seed %d, body %d", seed, i).isNotNull().doesNotContain("\n");
                byStatus[outcome.status()]++;
            }
        });

        // The fuzz is only worth something if it reaches past the JSON parser into the provider's rules.
        assertThat(byStatus[202]).as("accepted or ignored").isPositive();
        assertThat(byStatus[400]).as("malformed").isPositive();
    }

    private static WebhookRequest request(WebhookProvider provider, byte[] body, Random random) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (String header : EVENT_HEADERS.get(provider)) {
            headers.put(header, random.nextInt(4) == 0 ? EVENTS.get(random.nextInt(EVENTS.size()))
                    : SignedDeliveries.push(provider).eventHeaders().getOrDefault(header, "push"));
        }
        if (random.nextInt(8) == 0) {
            headers.remove(EVENT_HEADERS.get(provider).isEmpty() ? "" : EVENT_HEADERS.get(provider).get(0));
        }
        if (random.nextInt(3) == 0) {
            headers.put(SignedDeliveries.deliveryHeader(provider), "d-" + random.nextInt(50));
        }
        if (random.nextInt(20) == 0) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        }
        byte[] secret = random.nextInt(10) == 0 ? SignedDeliveries.OTHER_SECRET : FLEET_SECRET;
        headers.putAll(SignedDeliveries.signature(provider, body, secret));
        if (random.nextInt(25) == 0) {
            headers.replaceAll((name, value) -> name.toLowerCase().contains("signature")
                    ? value.substring(0, value.length() / 2) + HexFormat.of().toHexDigits((byte) random.nextInt())
                    : value);
        }
        return WebhookRequest.of(provider.id(), headers, body);
    }

    private static byte[] mutate(byte[] original, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> flipBytes(original, random);
            case 1 -> java.util.Arrays.copyOf(original, random.nextInt(original.length + 1));
            case 2 -> randomBytes(random);
            default -> mutateStructure(original, random);
        };
    }

    private static byte[] flipBytes(byte[] original, Random random) {
        byte[] copy = original.clone();
        int flips = 1 + random.nextInt(5);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        String alphabet = "{}[]\":,0123456789abcdef-.eE truefalsnul\\/refs";
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? (byte) alphabet.charAt(random.nextInt(alphabet.length())) : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Replaces, removes or adds a value somewhere in the JSON tree, keeping the rest valid. */
    private static byte[] mutateStructure(byte[] original, Random random) {
        JsonNode root;
        try {
            root = JSON.readTree(original);
        } catch (IOException e) {
            return flipBytes(original, random);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                int op = random.nextInt(3);
                if (op == 0 && !names.isEmpty()) {
                    object.remove(names.get(random.nextInt(names.size())));
                } else if (op == 1 && !names.isEmpty()) {
                    object.set(names.get(random.nextInt(names.size())), randomValue(random, 0));
                } else {
                    object.set(FIELDS.get(random.nextInt(FIELDS.size())), randomValue(random, 0));
                }
            } else if (target instanceof ArrayNode array) {
                if (!array.isEmpty() && random.nextBoolean()) {
                    array.set(random.nextInt(array.size()), randomValue(random, 0));
                } else {
                    array.add(randomValue(random, 0));
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> FIELDS = List.of("ref", "before", "after", "commits", "added", "modified",
            "removed", "repository", "clone_url", "ssh_url", "html_url", "push", "changes", "new", "old", "target",
            "hash", "name", "type", "deleted", "created", "forced", "total_commits", "total_commits_count",
            "object_kind", "event_name", "event", "paths", "links", "full_name", "project", "git_http_url");

    private static final List<String> STRINGS = List.of("", "refs/heads/main", "refs/tags/v1.2.0", "refs/", "main",
            "0000000000000000000000000000000000000000", "4d2ab4e76d0d405d17d1a0f2b8a6071394e3ab40",
            "4D2AB4E76D0D405D17D1A0F2B8A6071394E3AB40", "a".repeat(64), "https://github.com/org/repo.git",
            "git@github.com:org/repo.git", "ssh://git@host:99999/x", "http://", "file:///srv/git/x", "branch", "tag",
            "named_branch", "push", "tag_push", "ping", "team/repo", "\u0000\u2028", "../../etc/passwd");

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 4, 5 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.set(FIELDS.get(random.nextInt(FIELDS.size())), randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                collect(children.next(), containers);
            }
        }
    }
}
