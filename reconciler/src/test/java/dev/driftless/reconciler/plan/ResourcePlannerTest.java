package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.ResourceHash;
import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.VolumeSpec;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedNetwork;
import dev.driftless.reconciler.state.ObservedVolume;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourcePlannerTest {

    private static final String APP = "shop";
    private static final NetworkSpec FRONT = network("front", false);
    private static final VolumeSpec DATA = new VolumeSpec("data", "", false, "", Map.of(), Map.of(), false);

    private static NetworkSpec network(String key, boolean internal) {
        return new NetworkSpec(key, "", false, "", Map.of(), Ipam.NONE, internal, false, false, Map.of());
    }

    private static DesiredService web(NetworkSpec network, VolumeSpec... volumes) {
        List<Mount> mounts = java.util.stream.Stream.of(volumes)
                .map(volume -> (Mount) new Mount.Volume(volume, "/" + volume.key(), false, false)).toList();
        return new DesiredService("web", "busybox", List.of(), Map.of(), List.of(), Map.of(), RuntimeOptions.NONE,
                new Attachments(NetworkMode.NETWORKS, List.of(ServiceNetwork.plain(network)), mounts, Map.of()));
    }

    private static ObservedContainer running(DesiredService service) {
        return new ObservedContainer("id", "shop-web-1", APP, "web", 1, SpecHash.of(service), "r1",
                ContainerState.RUNNING, Map.of());
    }

    private static ObservedApp observed(List<ObservedContainer> containers, List<ObservedNetwork> networks,
            List<ObservedVolume> volumes, Set<String> engineNetworks, Set<String> engineVolumes) {
        return new ObservedApp(APP, containers, networks, volumes, engineNetworks, engineVolumes);
    }

    @Test
    void createsTheNetworksAndVolumesTheServicesUseBeforeTheirContainers() {
        Plan plan = Planner.plan(new DesiredApp(APP, List.of(web(FRONT, DATA))), "r1",
                ObservedApp.empty(APP), PlanPolicy.defaults());

        assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("create-network", "shop_front"),
                org.assertj.core.groups.Tuple.tuple("create-volume", "shop_data"),
                org.assertj.core.groups.Tuple.tuple("create", "shop-web-1"));
        assertThat(plan.waves()).hasSize(2);
    }

    @Test
    void aServiceOnTheHostNetworkNeedsNoNetwork() {
        DesiredService host = new DesiredService("web", "busybox", List.of(), Map.of(), List.of(), Map.of(),
                RuntimeOptions.NONE, new Attachments(new NetworkMode(NetworkMode.Kind.HOST, ""), List.of(), List.of(),
                        Map.of()));

        Plan plan = Planner.plan(new DesiredApp(APP, List.of(host)), "r1", ObservedApp.empty(APP),
                PlanPolicy.defaults());

        assertThat(plan.actions()).extracting(Action::verb).containsExactly("create");
    }

    @Test
    void recreatesANetworkWhoseConfigurationChangedAndReplacesTheContainersOnIt() {
        DesiredService before = web(FRONT);
        NetworkSpec internal = network("front", true);
        DesiredService after = web(internal);
        ObservedApp observed = observed(List.of(running(before)),
                List.of(new ObservedNetwork("shop_front", "front", ResourceHash.of(FRONT))), List.of(),
                Set.of("shop_front"), Set.of());

        Plan plan = Planner.plan(new DesiredApp(APP, List.of(after)), "r2", observed, PlanPolicy.defaults());

        assertThat(plan.actions()).extracting(Action::verb).containsExactly("recreate-network", "replace");
        assertThat(plan.actions().get(0).reason()).contains("configuration changed");
    }

    @Test
    void leavesTheDefaultNetworkOfAnEarlierDriftlessAlone() {
        DesiredService plain = web(NetworkSpec.DEFAULT);
        ObservedApp observed = observed(List.of(running(plain)),
                List.of(new ObservedNetwork("shop_default", "default", "")), List.of(), Set.of("shop_default"), Set.of());

        assertThat(Planner.plan(new DesiredApp(APP, List.of(plain)), "r1", observed, PlanPolicy.defaults()).isEmpty())
                .isTrue();
    }

    @Test
    void aMissingExternalNetworkOrVolumeIsAPlanErrorNamingIt() {
        NetworkSpec proxy = new NetworkSpec("proxy", "edge", true, "", Map.of(), Ipam.NONE, false, false, false,
                Map.of());
        VolumeSpec shared = new VolumeSpec("shared", "shared", true, "", Map.of(), Map.of(), false);

        assertThatThrownBy(() -> Planner.plan(new DesiredApp(APP, List.of(web(proxy))), "r1", ObservedApp.empty(APP),
                PlanPolicy.defaults()))
                .isInstanceOf(UnplannableException.class)
                .hasMessageContaining("network 'proxy' is external, but no network named 'edge' exists");
        assertThatThrownBy(() -> Planner.plan(new DesiredApp(APP, List.of(web(FRONT, shared))), "r1",
                observed(List.of(), List.of(), List.of(), Set.of(), Set.of()), PlanPolicy.defaults()))
                .hasMessageContaining("volume 'shared' is external");
        Plan present = Planner.plan(new DesiredApp(APP, List.of(web(proxy, shared))), "r1",
                observed(List.of(), List.of(), List.of(), Set.of("edge"), Set.of("shared")), PlanPolicy.defaults());
        assertThat(present.actions()).extracting(Action::verb).containsExactly("create");
    }

    @Test
    void neverCreatesOverSomeoneElsesNetwork() {
        assertThatThrownBy(() -> Planner.plan(new DesiredApp(APP, List.of(web(FRONT))), "r1",
                observed(List.of(), List.of(), List.of(), Set.of("shop_front"), Set.of()), PlanPolicy.defaults()))
                .hasMessageContaining("exists and is not app 'shop''s");
    }

    @Test
    void usesAVolumeOfThatNameMadeByDockerComposeWithoutCreatingIt() {
        Plan plan = Planner.plan(new DesiredApp(APP, List.of(web(FRONT, DATA))), "r1",
                observed(List.of(), List.of(), List.of(), Set.of(), Set.of("shop_data")), PlanPolicy.defaults());

        assertThat(plan.actions()).extracting(Action::verb).containsExactly("create-network", "create");
    }

    @Test
    void removesUnusedNetworksLastAndVolumesOnlyWhenTheRepoOptedIn() {
        DesiredService now = web(FRONT);
        ObservedApp observed = observed(List.of(running(now)),
                List.of(new ObservedNetwork("shop_front", "front", ResourceHash.of(FRONT)),
                        new ObservedNetwork("shop_back", "back", "x")),
                List.of(new ObservedVolume("shop_data", "x", false), new ObservedVolume("shop_cache", "y", true)),
                Set.of("shop_front", "shop_back"), Set.of("shop_data", "shop_cache"));

        Plan plan = Planner.plan(new DesiredApp(APP, List.of(now)), "r2", observed, PlanPolicy.defaults());
        Plan noPrune = Planner.plan(new DesiredApp(APP, List.of(now)), "r2", observed, new PlanPolicy(false));

        assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple("remove-network", "shop_back"),
                org.assertj.core.groups.Tuple.tuple("remove-volume", "shop_cache"));
        assertThat(noPrune.isEmpty()).isTrue();
    }

    @Test
    void anAppThatLeftTheRepoKeepsItsVolumesUnlessTheyOptedIn() {
        ObservedApp observed = observed(List.of(), List.of(),
                List.of(new ObservedVolume("shop_data", "x", false), new ObservedVolume("shop_cache", "y", true)),
                Set.of(), Set.of("shop_data", "shop_cache"));

        assertThat(Planner.planRemoval(observed, "r3", PlanPolicy.defaults()).actions())
                .extracting(Action::subject).containsExactly("shop_cache");
    }

    @Test
    void saysSoWhenAVolumesSettingsChangedButNeverRecreatesIt() {
        VolumeSpec changed = new VolumeSpec("data", "", false, "local", Map.of("o", "x"), Map.of(), false);
        DesiredService now = web(FRONT, changed);
        ObservedApp observed = observed(List.of(running(now)),
                List.of(new ObservedNetwork("shop_front", "front", ResourceHash.of(FRONT))),
                List.of(new ObservedVolume("shop_data", ResourceHash.of(DATA), false)),
                Set.of("shop_front"), Set.of("shop_data"));

        Plan plan = Planner.plan(new DesiredApp(APP, List.of(now)), "r2", observed, PlanPolicy.defaults());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.warnings()).singleElement().asString().contains("never recreates a volume");
    }
}
