package dev.driftless.reconciler.daemon;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.driftless.manifests.config.TargetConfig;
import dev.driftless.reconciler.cli.CliRun;
import dev.driftless.reconciler.docker.DockerEngine;
import dev.driftless.reconciler.docker.DockerEngineException;
import dev.driftless.reconciler.history.RolloutRepository;
import dev.driftless.reconciler.history.RolloutRow;
import dev.driftless.reconciler.engine.RolloutJournal.JournalState;
import dev.driftless.reconciler.journal.JdbcRolloutJournal;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.OwnershipLabels;
import dev.driftless.reconciler.testing.SecondEngine;
import dev.driftless.reconciler.testing.TestCompose;
import dev.driftless.reconciler.testing.TestDaemon;
import dev.driftless.reconciler.testing.TestEngine;
import dev.driftless.reconciler.testing.TestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The daemon deploying to two real engines: the machine's own ({@code local}) and a second
 * {@code dockerd} the test starts ({@code second}). Apps placed on one target run there only; an
 * app of a sequential group reaches both; a target that goes down fails only its own apps, loses
 * nothing, and converges when it is back.
 */
class MultiTargetIT {

    private static SecondEngine second;
    private static DockerEngine secondEngine;

    @TempDir
    Path temp;

    private DockerEngine main;
    private TestRepo repo;
    private TestDaemon daemon;
    private String onMain;
    private String onSecond;
    private String onBoth;

    @BeforeAll
    static void startSecondEngine() {
        second = SecondEngine.start();
        secondEngine = second.connect("second");
    }

    @AfterAll
    static void stopSecondEngine() {
        if (secondEngine != null) {
            secondEngine.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @BeforeEach
    void start() {
        main = TestEngine.connect();
        onMain = TestEngine.uniqueApp("main");
        onSecond = TestEngine.uniqueApp("second");
        onBoth = TestEngine.uniqueApp("both");
        // A name no other test's source has: the local target prunes only what this repository made.
        repo = TestRepo.init(temp.resolve("targets-" + UUID.randomUUID().toString().substring(0, 8)));
        repo.write("driftless.yaml", """
                        targets:
                          second: {host: "%s"}
                        groups:
                          both: {targets: [local, second], order: sequential}
                        apps:
                          %s: {targets: [local]}
                          %s: {targets: [second]}
                          %s: {groups: [both]}
                        """.formatted(second.host(), onMain, onSecond, onBoth))
                .write(onMain + "/compose.yaml", compose("first"))
                .write(onSecond + "/compose.yaml", compose("first"))
                .write(onBoth + "/compose.yaml", compose("first"))
                .commit("Three apps on two targets");
        second.restart();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        repo.close();
        second.restart();
        TestEngine.removeTestObjects(main.client());
        TestEngine.removeTestObjects(secondClient());
        main.close();
    }

    @Test
    void eachAppRunsOnItsTargetsAndASequentialGroupTakesTheNewRevisionOnBoth() {
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1s"));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(greeting(main.client(), onMain)).isEqualTo("GREETING=first");
            assertThat(greeting(secondClient(), onSecond)).isEqualTo("GREETING=first");
            assertThat(greeting(main.client(), onBoth)).isEqualTo("GREETING=first");
            assertThat(greeting(secondClient(), onBoth)).isEqualTo("GREETING=first");
        });
        assertThat(exists(secondClient(), onMain)).as("an app of the local target only").isFalse();
        assertThat(exists(main.client(), onSecond)).as("an app of the second target only").isFalse();
        assertThat(targetLabel(main.client(), onBoth)).isEqualTo("local");
        assertThat(targetLabel(secondClient(), onBoth)).isEqualTo("second");
        assertThat(secondClient().listNetworksCmd().withNameFilter(onSecond + "_default").exec())
                .singleElement().satisfies(network -> assertThat(network.getLabels())
                        .containsEntry(OwnershipLabels.TARGET, "second"));

        String revision = repo.write(onBoth + "/compose.yaml", compose("second")).commit("New greeting");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(greeting(main.client(), onBoth)).isEqualTo("GREETING=second");
            assertThat(greeting(secondClient(), onBoth)).isEqualTo("GREETING=second");
        });
        RolloutRepository rollouts = daemon.context().getBean(RolloutRepository.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rollouts.findTop50ByAppOrderByIdDesc(onBoth))
                .filteredOn(row -> row.revision().equals(revision) && row.result().equals("applied"))
                .extracting(RolloutRow::target).containsExactlyInAnyOrder("local", "second"));
        // The newest entry per target is the rollout, or the in-sync check that followed it (a drift
        // check set off by the engine's events of the rollout's own renames).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(daemon.get("/api/apps/" + onBoth).body())
                .containsPattern("\\{\"target\":\"local\",\"revision\":\"" + revision + "\",\"result\":\"(applied|synced)\"")
                .containsPattern("\\{\"target\":\"second\",\"revision\":\"" + revision + "\",\"result\":\"(applied|synced)\""));
        assertThat(daemon.get("/health/readiness").body()).contains("\"second\":\"observed\"")
                .contains("\"local\":\"observed\"");
        assertThat(daemon.get("/metrics").body())
                .contains("driftless_target_up{target=\"second\"} 1.0")
                .contains("driftless_target_up{target=\"local\"} 1.0")
                .contains("driftless_managed_containers{app=\"" + onSecond + "\",state=\"running\",target=\"second\"} 1.0")
                .contains("driftless_managed_containers{app=\"" + onBoth + "\",state=\"running\",target=\"local\"} 1.0")
                .doesNotContain("driftless_target_reachable");
    }

    @Test
    void aTargetThatGoesDownFailsOnlyItsAppsLosesNothingAndConvergesWhenItIsBack() {
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1s"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(greeting(main.client(), onMain)).isEqualTo("GREETING=first");
            assertThat(greeting(secondClient(), onSecond)).isEqualTo("GREETING=first");
            assertThat(greeting(secondClient(), onBoth)).isEqualTo("GREETING=first");
        });
        String secondsContainer = secondClient().inspectContainerCmd(onSecond + "-web-1").exec().getId();

        second.stop();
        repo.write(onMain + "/compose.yaml", compose("second"))
                .write(onSecond + "/compose.yaml", compose("second"))
                .commit("Both greet anew while the second engine is down");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(greeting(main.client(), onMain)).isEqualTo("GREETING=second"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(daemon.get("/metrics").body())
                .contains("driftless_target_up{target=\"second\"} 0.0")
                .contains("driftless_target_up{target=\"local\"} 1.0"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(daemon.get("/api/apps").body()).contains("cannot observe the target 'second'"));

        second.restart();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(greeting(secondClient(), onSecond)).isEqualTo("GREETING=second");
            assertThat(secondClient().inspectContainerCmd(onSecond + "-web-1").exec().getState().getRunning())
                    .isTrue();
            assertThat(secondClient().inspectContainerCmd(onBoth + "-web-1").exec().getState().getRunning())
                    .as("stopped with its engine, started again, not removed").isTrue();
        });
        assertThat(secondClient().inspectContainerCmd(onBoth + "-web-1").exec().getConfig().getEnv())
                .contains("GREETING=first");
        assertThat(secondsContainer).as("the container replaced by the new revision, not pruned while down")
                .isNotEqualTo(secondClient().inspectContainerCmd(onSecond + "-web-1").exec().getId());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(daemon.get("/metrics").body())
                .contains("driftless_target_up{target=\"second\"} 1.0"));
    }

    @Test
    void aTcpTargetIsReachedOverTlsWithTheThreeFilesItNames() {
        TargetConfig.TlsFiles tls = second.clientTls();
        assertThatThrownBy(() -> DockerEngine.connect("secure", second.tlsHost(),
                Optional.of(new TargetConfig.TlsFiles(second.foreignCa(), tls.cert(), tls.key()))))
                .as("an engine whose certificate the CA did not sign").isInstanceOf(DockerEngineException.class)
                .hasMessageContaining("certification path");
        String secure = TestEngine.uniqueApp("secure");
        repo.write("driftless.yaml", """
                        targets:
                          secure:
                            host: "%s"
                            tls: {ca: "%s", cert: "%s", key: "%s"}
                        apps:
                          %s: {targets: [secure]}
                        """.formatted(second.tlsHost(), tls.ca(), tls.cert(), tls.key(), secure))
                .write(secure + "/compose.yaml", compose("over-tls"))
                .commit("An app on a TLS target");

        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1s"));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(greeting(secondClient(), secure)).isEqualTo("GREETING=over-tls"));
        assertThat(targetLabel(secondClient(), secure)).isEqualTo("secure");
        assertThat(exists(main.client(), secure)).isFalse();
    }

    @Test
    void aRolloutLeftUnfinishedOnTheSecondTargetIsRecoveredThereAtStart() {
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1h"));
        await().atMost(Duration.ofSeconds(90)).until(() -> greeting(secondClient(), onSecond).equals("GREETING=first"));
        JdbcRolloutJournal journal = daemon.context().getBean(JdbcRolloutJournal.class);
        String revision = journal.recent(onSecond, 1).get(0).revision();
        // A replacement on the second engine cut short by a crash: journaled as running by a process
        // now gone, the container it replaces still renamed aside, nothing under its name.
        long cut = journal.begin(onSecond, revision, "poll", List.of(), "second");
        daemon.close();
        daemon = null;
        String web = onSecond + "-web-1";
        String original = secondClient().inspectContainerCmd(web).exec().getId();
        secondClient().renameContainerCmd(original).withName(web + ContainerName.ASIDE_SUFFIX).exec();

        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1h"));

        JdbcRolloutJournal next = daemon.context().getBean(JdbcRolloutJournal.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(next.recent(onSecond, 5))
                .filteredOn(entry -> entry.id() == cut).singleElement().satisfies(entry -> {
                    assertThat(entry.state()).isEqualTo(JournalState.INTERRUPTED);
                    assertThat(entry.target()).isEqualTo("second");
                }));
        assertThat(next.recent(onSecond, 5)).filteredOn(entry -> entry.trigger().equals("recovery"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.target()).isEqualTo("second");
                    assertThat(entry.state()).isEqualTo(JournalState.DONE);
                });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(secondClient().inspectContainerCmd(web).exec().getId())
                    .as("the container put back under its name, not a new one").isEqualTo(original);
            assertThat(containerExists(secondClient(), web + ContainerName.ASIDE_SUFFIX)).isFalse();
        });
        assertThat(exists(main.client(), onSecond)).isFalse();
    }

    @Test
    void aContainerStoppedByHandOnTheSecondEngineIsHealedOnItsEventNotAtTheNextPoll() {
        daemon = TestDaemon.start(repo.directory(), temp.resolve("data"), Map.of("driftless.poll-interval", "1h"));
        String web = onSecond + "-web-1";
        await().atMost(Duration.ofSeconds(90)).until(() -> running(secondClient(), web));
        RolloutRepository rollouts = daemon.context().getBean(RolloutRepository.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !rollouts.findTop50ByAppOrderByIdDesc(onSecond).isEmpty());
        // The second target's stream opens on the leader's next tick after the first reconcile reached it.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        secondClient().stopContainerCmd(web).withTimeout(2).exec();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rollouts.findTop50ByAppOrderByIdDesc(onSecond)
                .get(0)).satisfies(row -> {
                    assertThat(row.trigger()).isEqualTo("drift");
                    assertThat(row.target()).isEqualTo("second");
                    assertThat(row.summary()).contains("stopped by hand");
                }));
        await().atMost(Duration.ofSeconds(30)).until(() -> running(secondClient(), web));
    }

    @Test
    void planAndApplyDriveEachAppOnItsTargetsAndTargetNarrowsThemToOne() {
        String folder = repo.directory().toString();

        CliRun.Result onlySecond = CliRun.run("apply", folder, "--target", "second");

        assertThat(onlySecond.exit()).as(onlySecond.out() + onlySecond.err()).isZero();
        assertThat(onlySecond.out()).contains(onSecond + "@second: + " + onSecond + "-web-1 done")
                .contains(onBoth + "@second: + " + onBoth + "-web-1 done").doesNotContain("@local");
        assertThat(greeting(secondClient(), onSecond)).isEqualTo("GREETING=first");
        assertThat(exists(main.client(), onMain)).as("the local target was left alone").isFalse();
        assertThat(exists(main.client(), onBoth)).isFalse();

        CliRun.Result pending = CliRun.run("plan", folder);

        assertThat(pending.exit()).as(pending.out() + pending.err()).isEqualTo(1);
        assertThat(pending.out()).contains("  " + onMain + "@local:\n", "  " + onBoth + "@local:\n",
                "  " + onSecond + "@second: in sync\n", "  " + onBoth + "@second: in sync\n");
        assertThat(CliRun.run("plan", folder, "--output", "json").out())
                .containsPattern("\"app\" : \"" + onSecond + "\",\\s*\"target\" : \"second\"");

        CliRun.Result all = CliRun.run("apply", folder);

        // The local engine is shared with other tests: an app of theirs left half-removed there may
        // fail (and set the exit code); this repository's apps must not.
        assertThat(all.out()).contains(onMain + "@local: + " + onMain + "-web-1 done",
                onBoth + "@local: + " + onBoth + "-web-1 done", onSecond + "@second: in sync");
        assertThat(all.out() + all.err()).doesNotContainPattern("(" + onMain + "|" + onSecond + "|" + onBoth
                + ")@\\w+: .*failed");
        assertThat(greeting(main.client(), onMain)).isEqualTo("GREETING=first");
        assertThat(greeting(main.client(), onBoth)).isEqualTo("GREETING=first");
        assertThat(exists(secondClient(), onMain)).isFalse();
        assertThat(CliRun.run("plan", folder).out()).contains("  " + onMain + "@local: in sync\n",
                "  " + onBoth + "@local: in sync\n", "  " + onSecond + "@second: in sync\n",
                "  " + onBoth + "@second: in sync\n");
        assertThat(CliRun.run("plan", folder, "--target", "second").exit()).as("the second target alone is ours")
                .isZero();
    }

    /** The second engine, through a fresh connection: it may have been restarted since the last one. */
    private static DockerClient secondClient() {
        if (secondEngine != null) {
            secondEngine.close();
        }
        secondEngine = second.connect("second");
        return secondEngine.client();
    }

    private static String greeting(DockerClient docker, String app) {
        return TestDaemon.environmentOf(docker, app + "-web-1", "GREETING");
    }

    private static boolean exists(DockerClient docker, String app) {
        return containerExists(docker, app + "-web-1");
    }

    private static boolean containerExists(DockerClient docker, String container) {
        try {
            docker.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static boolean running(DockerClient docker, String container) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(container).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String targetLabel(DockerClient docker, String app) {
        return docker.inspectContainerCmd(app + "-web-1").exec().getConfig().getLabels().get(OwnershipLabels.TARGET);
    }

    /**
     * The app's web service exits with 3 when its engine stops it: a container that stopped with 0
     * and no restart policy would count as a one-shot that completed, and rightly not be started again.
     */
    private static String compose(String greeting) {
        return TestCompose.app(TestCompose.service("web", "targets-it", Map.of("GREETING", greeting))
                .replace("trap 'exit 0' TERM", "trap 'exit 3' TERM"));
    }
}
