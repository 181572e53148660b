package dev.driftless.manifests.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.RepoFiles;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttachmentsHashingTest {

  private static final NetworkSpec FRONT = new NetworkSpec("front", "", false, "", Map.of(),
      Ipam.NONE, false, false, false, Map.of());
  private static final VolumeSpec DATA =
      new VolumeSpec("data", "", false, "", Map.of(), Map.of(), false);
  private static final Attachments BASE = new Attachments(NetworkMode.NETWORKS,
      List.of(new ServiceNetwork(FRONT, List.of("www"), "", "", 0)),
      List.of(new Mount.Volume(DATA, "/data", false, false),
          new Mount.Bind(repo("shop/nginx.conf", "a"), "/etc/nginx.conf", true, "", true, "")),
      Map.of("/run", ""));

  private static DesiredService service(Attachments attachments) {
    return new DesiredService("web", "busybox", List.of(), Map.of(), List.of(), Map.of(),
        RuntimeOptions.NONE, attachments);
  }

  private static BindSource repo(String path, String content) {
    return new BindSource.Repo(new RepoFiles(path, false,
        List.of(new RepoFiles.File("", content.getBytes(StandardCharsets.UTF_8))),
        RepoFiles.FileAccess.DEFAULT));
  }

  private static Attachments withNetwork(NetworkSpec spec) {
    return new Attachments(NetworkMode.NETWORKS,
        List.of(new ServiceNetwork(spec, List.of("www"), "", "", 0)), BASE.mounts(), BASE.tmpfs());
  }

  private static Attachments withMount(Mount changed) {
    return new Attachments(NetworkMode.NETWORKS, BASE.networks(),
        List.of(BASE.mounts().get(0), changed), BASE.tmpfs());
  }

  @Test
  void aServiceAttachingNothingKeepsTheHashItHadBeforeAttachmentsExisted() {
    // The pinned v1 hash of a bare busybox service, from SpecHashTest.
    assertThat(SpecHash.of(service(Attachments.NONE)))
        .isEqualTo("5c42bb23f2c5ce20276bfe28994e8efc985be80205af5c4e89c5ed824ed50b4c")
        .isEqualTo(SpecHash.of(new DesiredService("web", "busybox", List.of(), Map.of(),
            List.of(), Map.of())));
  }

  @Test
  void isTheSameForTheSameAttachmentsWhateverTheOrderWritten() {
    Attachments reordered = new Attachments(NetworkMode.NETWORKS, BASE.networks(),
        List.of(BASE.mounts().get(1), BASE.mounts().get(0)), BASE.tmpfs());
    assertThat(SpecHash.of(service(reordered))).isEqualTo(SpecHash.of(service(BASE)));
  }

  static Stream<Arguments> everyChange() {
    return Stream.of(
        Arguments.of("network mode", new Attachments(new NetworkMode(NetworkMode.Kind.HOST, ""),
            List.of(), BASE.mounts(), BASE.tmpfs())),
        Arguments.of("network joined", new Attachments(NetworkMode.NETWORKS,
            List.of(ServiceNetwork.plain(NetworkSpec.DEFAULT)), BASE.mounts(), BASE.tmpfs())),
        Arguments.of("alias", new Attachments(NetworkMode.NETWORKS,
            List.of(new ServiceNetwork(FRONT, List.of("web2"), "", "", 0)), BASE.mounts(),
            BASE.tmpfs())),
        Arguments.of("ipv4", new Attachments(NetworkMode.NETWORKS,
            List.of(new ServiceNetwork(FRONT, List.of("www"), "10.0.0.2", "", 0)),
            BASE.mounts(), BASE.tmpfs())),
        Arguments.of("ipv6", new Attachments(NetworkMode.NETWORKS,
            List.of(new ServiceNetwork(FRONT, List.of("www"), "", "fd00::2", 0)),
            BASE.mounts(), BASE.tmpfs())),
        Arguments.of("priority", new Attachments(NetworkMode.NETWORKS,
            List.of(new ServiceNetwork(FRONT, List.of("www"), "", "", 5)), BASE.mounts(),
            BASE.tmpfs())),
        Arguments.of("network driver", withNetwork(new NetworkSpec("front", "", false, "macvlan",
            Map.of(), Ipam.NONE, false, false, false, Map.of()))),
        Arguments.of("network driver_opts", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of("mtu", "1400"), Ipam.NONE, false, false, false, Map.of()))),
        Arguments.of("network name", withNetwork(new NetworkSpec("front", "edge", false, "",
            Map.of(), Ipam.NONE, false, false, false, Map.of()))),
        Arguments.of("network internal", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of(), Ipam.NONE, true, false, false, Map.of()))),
        Arguments.of("network attachable", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of(), Ipam.NONE, false, true, false, Map.of()))),
        Arguments.of("network ipv6", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of(), Ipam.NONE, false, false, true, Map.of()))),
        Arguments.of("network labels", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of(), Ipam.NONE, false, false, false, Map.of("a", "b")))),
        Arguments.of("network ipam", withNetwork(new NetworkSpec("front", "", false, "",
            Map.of(), new Ipam("", List.of(new Ipam.Pool("10.9.0.0/16", "", "", Map.of())),
            Map.of()), false, false, false, Map.of()))),
        Arguments.of("external network", withNetwork(new NetworkSpec("front", "front", true, "",
            Map.of(), Ipam.NONE, false, false, false, Map.of()))),
        Arguments.of("repo file content",
            withMount(new Mount.Bind(repo("shop/nginx.conf", "b"), "/etc/nginx.conf", true, "",
                true, ""))),
        Arguments.of("repo file path",
            withMount(new Mount.Bind(repo("shop/other.conf", "a"), "/etc/nginx.conf", true, "",
                true, ""))),
        Arguments.of("host path", withMount(new Mount.Bind(new BindSource.HostPath(
            "/srv/nginx.conf"), "/etc/nginx.conf", true, "", true, ""))),
        Arguments.of("bind read_only", withMount(new Mount.Bind(repo("shop/nginx.conf", "a"),
            "/etc/nginx.conf", false, "", true, ""))),
        Arguments.of("bind propagation", withMount(new Mount.Bind(repo("shop/nginx.conf", "a"),
            "/etc/nginx.conf", true, "rslave", true, ""))),
        Arguments.of("bind create_host_path", withMount(new Mount.Bind(
            repo("shop/nginx.conf", "a"), "/etc/nginx.conf", true, "", false, ""))),
        Arguments.of("bind selinux", withMount(new Mount.Bind(repo("shop/nginx.conf", "a"),
            "/etc/nginx.conf", true, "", true, "z"))),
        Arguments.of("target", withMount(new Mount.Bind(repo("shop/nginx.conf", "a"),
            "/etc/nginx2.conf", true, "", true, ""))),
        Arguments.of("secret access", withMount(new Mount.Bind(new BindSource.Repo(
            new RepoFiles("shop/nginx.conf", false, List.of(new RepoFiles.File("",
                "a".getBytes(StandardCharsets.UTF_8))), new RepoFiles.FileAccess("1", "", -1))),
            "/etc/nginx.conf", true, "", true, ""))),
        Arguments.of("volume to anonymous", withMount(new Mount.Volume(null, "/etc/nginx.conf",
            true, false))),
        Arguments.of("volume nocopy", new Attachments(NetworkMode.NETWORKS, BASE.networks(),
            List.of(new Mount.Volume(DATA, "/data", false, true), BASE.mounts().get(1)),
            BASE.tmpfs())),
        Arguments.of("volume read_only", new Attachments(NetworkMode.NETWORKS, BASE.networks(),
            List.of(new Mount.Volume(DATA, "/data", true, false), BASE.mounts().get(1)),
            BASE.tmpfs())),
        Arguments.of("volume name", new Attachments(NetworkMode.NETWORKS, BASE.networks(),
            List.of(new Mount.Volume(new VolumeSpec("data", "x", false, "", Map.of(), Map.of(),
                false), "/data", false, false), BASE.mounts().get(1)), BASE.tmpfs())),
        Arguments.of("tmpfs mount", withMount(new Mount.Tmpfs("/etc/nginx.conf", 0, -1))),
        Arguments.of("tmpfs size", new Attachments(NetworkMode.NETWORKS, BASE.networks(),
            List.of(BASE.mounts().get(0), new Mount.Tmpfs("/t", 1024, -1)), BASE.tmpfs())),
        Arguments.of("tmpfs key", new Attachments(NetworkMode.NETWORKS, BASE.networks(),
            BASE.mounts(), Map.of("/run", "size=1m"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyChange")
  void changesWhenAnyFieldChanges(String field, Attachments changed) {
    assertThat(SpecHash.of(service(changed))).isNotEqualTo(SpecHash.of(service(BASE)));
  }

  @Test
  void aPlainDefaultNetworkAndTheUnsetDefaultHashAlike() {
    Attachments explicit = new Attachments(NetworkMode.NETWORKS,
        List.of(ServiceNetwork.plain(NetworkSpec.DEFAULT)), List.of(), Map.of());
    assertThat(SpecHash.of(service(explicit))).isEqualTo(SpecHash.of(service(Attachments.NONE)));
  }
}
