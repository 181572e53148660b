package dev.driftless.reconciler.docker;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.VolumeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the old container's volumes a replacement takes over, as Compose decides it on a recreate. */
class InheritedVolumesTest {

    private static final String ANONYMOUS = "8f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";
    private static final VolumeSpec DATA = new VolumeSpec("data", "", false, "", Map.of(), Map.of(), false);

    @Test
    void takesOverTheAnonymousVolumeTheServiceStillDeclaresAtTheSameMountPoint() {
        Map<String, String> inherited = InheritedVolumes.of(Map.of("/data", ANONYMOUS),
                attachments(List.of(anonymous("/data")), Map.of()), Set::of);

        assertThat(inherited).containsExactly(Map.entry("/data", ANONYMOUS));
    }

    @Test
    void takesOverAVolumeOfTheImageThatTheServiceDoesNotMention() {
        Map<String, String> inherited = InheritedVolumes.of(Map.of("/var/lib/postgresql/data", ANONYMOUS),
                Attachments.NONE, () -> Set.of("/var/lib/postgresql/data/"));

        assertThat(inherited).containsExactly(Map.entry("/var/lib/postgresql/data", ANONYMOUS));
    }

    @Test
    void leavesWhatTheNewRevisionMountsOtherwiseOrNoLongerDeclares() {
        Map<String, String> previous = Map.of("/named", ANONYMOUS, "/scratch", ANONYMOUS + "2", "/gone", ANONYMOUS + "3");
        Attachments next = attachments(List.of(new Mount.Volume(DATA, "/named", false, false)), Map.of("/scratch", ""));

        assertThat(InheritedVolumes.of(previous, next, () -> Set.of("/elsewhere"))).isEmpty();
    }

    @Test
    void looksAtTheImageOnlyWhenAVolumeCouldBeOneOfItsOwn() {
        AtomicInteger looks = new AtomicInteger();
        Supplier<Set<String>> image = () -> {
            looks.incrementAndGet();
            return Set.of();
        };

        InheritedVolumes.of(Map.of(), Attachments.NONE, image);
        InheritedVolumes.of(Map.of("/data", ANONYMOUS), attachments(List.of(anonymous("/data")), Map.of()), image);
        assertThat(looks).as("nothing to take over, or all stated by the service").hasValue(0);

        InheritedVolumes.of(Map.of("/a", ANONYMOUS, "/b", ANONYMOUS + "2"), Attachments.NONE, image);
        assertThat(looks).as("once for the whole container").hasValue(1);
    }

    private static Mount anonymous(String target) {
        return new Mount.Volume(null, target, false, false);
    }

    private static Attachments attachments(List<Mount> mounts, Map<String, String> tmpfs) {
        return new Attachments(NetworkMode.NETWORKS, List.of(ServiceNetwork.plain(NetworkSpec.DEFAULT)), mounts, tmpfs);
    }
}
