package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BindSource;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.Ipam;
import dev.driftless.manifests.model.Mount;
import dev.driftless.manifests.model.NetworkMode;
import dev.driftless.manifests.model.NetworkSpec;
import dev.driftless.manifests.model.RepoFiles;
import dev.driftless.manifests.model.ServiceNetwork;
import dev.driftless.manifests.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttachmentsReaderTest {

  private static final String FILE = "shop/compose.yaml";
  private static final Map<String, String> REPO = new TreeMap<>(Map.of(
      "shop/nginx.conf", "server {}\n",
      "shop/conf.d/a.conf", "a\n",
      "shop/conf.d/b.conf", "b\n",
      "shared/ca.pem", "-----BEGIN CERTIFICATE-----\n",
      "shop/db_password.txt", "s3cret\n",
      "shop/sealed.age", "age-encryption.org/v1\n-> X25519 abc\n"));

  static DesiredApp read(String yaml) throws ManifestException {
    ProjectFiles files = new ProjectFiles("shop", List.copyOf(REPO.keySet()),
        path -> Optional.ofNullable(REPO.get(path)).map(t -> t.getBytes(StandardCharsets.UTF_8)));
    return new ComposeReader().readWithWarnings("shop", FILE, yaml, Map.of(), files).app();
  }

  static Attachments attachments(String yaml) throws ManifestException {
    return read(yaml).services().get(0).attachments();
  }

  static List<String> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> read(yaml));
    assertThat(e).as("reading should fail").isNotNull();
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
  }

  @Test
  void aServiceAttachingNothingHasComposesDefault() throws ManifestException {
    assertThat(attachments("services:\n  web:\n    image: nginx\n")).isEqualTo(Attachments.NONE);
  }

  @Nested
  class Volumes {

    @Test
    void tellsNamedVolumesFromBindMountsAsComposeDoes() throws ManifestException {
      Attachments read = attachments("""
          services:
            web:
              image: nginx
              volumes:
                - data:/var/lib/data
                - ./nginx.conf:/etc/nginx/nginx.conf:ro
                - ../shared/ca.pem:/etc/ssl/ca.pem:ro,z
                - /srv/logs:/logs:rw,rslave
                - /cache
                - data:/seed:nocopy
          volumes:
            data:
          """);
      assertThat(read.mounts()).extracting(Mount::target).containsExactly(
          "/cache", "/etc/nginx/nginx.conf", "/etc/ssl/ca.pem", "/logs", "/seed", "/var/lib/data");
      Mount.Volume data = (Mount.Volume) read.mounts().get(5);
      assertThat(data.volume().key()).isEqualTo("data");
      assertThat(data.volume().engineName("shop")).isEqualTo("shop_data");
      assertThat(((Mount.Volume) read.mounts().get(0)).anonymous()).isTrue();
      assertThat(((Mount.Volume) read.mounts().get(4)).noCopy()).isTrue();
      Mount.Bind conf = (Mount.Bind) read.mounts().get(1);
      assertThat(conf.readOnly()).isTrue();
      RepoFiles files = ((BindSource.Repo) conf.source()).files();
      assertThat(files.path()).isEqualTo("shop/nginx.conf");
      assertThat(files.files().get(0).content()).asString().isEqualTo("server {}\n");
      Mount.Bind ca = (Mount.Bind) read.mounts().get(2);
      assertThat(((BindSource.Repo) ca.source()).files().path()).isEqualTo("shared/ca.pem");
      assertThat(ca.selinux()).isEqualTo("z");
      Mount.Bind logs = (Mount.Bind) read.mounts().get(3);
      assertThat(logs.source()).isEqualTo(new BindSource.HostPath("/srv/logs"));
      assertThat(logs.propagation()).isEqualTo("rslave");
      assertThat(logs.createHostPath()).isTrue();
      assertThat(read.hostBinds()).containsExactly(logs);
    }

    @Test
    void bindsAWholeFolderOfTheRepo() throws ManifestException {
      Mount.Bind bind = (Mount.Bind) attachments("""
          services:
            web:
              image: nginx
              volumes: ["./conf.d:/etc/nginx/conf.d"]
          """).mounts().get(0);
      RepoFiles files = ((BindSource.Repo) bind.source()).files();
      assertThat(files.directory()).isTrue();
      assertThat(files.files()).extracting(RepoFiles.File::path).containsExactly("a.conf", "b.conf");
    }

    @Test
    void readsTheLongSyntax() throws ManifestException {
      Attachments read = attachments("""
          services:
            web:
              image: nginx
              volumes:
                - type: volume
                  source: data
                  target: /data
                  read_only: true
                  volume: {nocopy: true}
                - type: bind
                  source: /srv/www
                  target: /www
                  bind: {propagation: rshared, create_host_path: true, selinux: Z}
                - type: tmpfs
                  target: /scratch
                  tmpfs: {size: 64m, mode: 01777}
          volumes:
            data: {}
          """);
      assertThat(read.mounts()).containsExactly(
          new Mount.Volume(new VolumeSpec("data", "", false, "", Map.of(), Map.of(), false),
              "/data", true, true),
          new Mount.Tmpfs("/scratch", 64L << 20, 01777),
          new Mount.Bind(new BindSource.HostPath("/srv/www"), "/www", false, "rshared", true,
              "Z"));
    }

    @Test
    void refusesWhatComposeRefusesWithTheExactPlace() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              volumes:
                - dta:/data
                - ./missing:/x
                - ~/x:/y
                - data:relative
                - type: npipe
                  source: x
                  target: /p
                - a:b:c:d
                - ../../../etc:/etc2
          volumes:
            data:
          """)).containsExactly(
              "5:9: services.web.volumes[0]: volume 'dta' is not declared in the top-level "
                  + "'volumes' (did you mean 'data'?) (a bind mount's source starts with '.' or '/')",
              "6:9: services.web.volumes[1]: './missing' is not a file or folder of the repository "
                  + "(resolved from the app's folder to 'shop/missing'). Driftless binds relative "
                  + "paths from the commit it deploys; for data a container writes, use a named "
                  + "volume, or an absolute host path",
              "7:9: services.web.volumes[2]: '~/x' starts with '~': Driftless does not expand it "
                  + "(the daemon's home folder is not yours); write an absolute host path, or a "
                  + "path relative to the app's folder for a file in the repository",
              "8:9: services.web.volumes[3]: the target 'relative' must be an absolute path in "
                  + "the container",
              "9:9: services.web.volumes[4]: npipe mounts exist only on Windows engines",
              "12:9: services.web.volumes[5]: 'a:b:c:d' is not [SOURCE:]TARGET[:MODE]",
              "13:9: services.web.volumes[6]: '../../../etc' points outside the repository");
    }

    @Test
    void refusesTwoMountsAtOneTarget() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              volumes: ["/a:/x", "/b:/x"]
          """)).containsExactly("4:24: services.web.volumes[1]: /x is already mounted (line 4)");
    }
  }

  @Test
  void readsTmpfsAsAStringOrAList() throws ManifestException {
    assertThat(attachments("services:\n  web:\n    image: nginx\n    tmpfs: /run\n").tmpfs())
        .containsExactly(Map.entry("/run", ""));
    assertThat(attachments("""
        services:
          web:
            image: nginx
            tmpfs: ["/run:size=64m,mode=1777", /tmp]
        """).tmpfs()).containsExactly(Map.entry("/run", "size=64m,mode=1777"), Map.entry("/tmp", ""));
  }

  @Nested
  class Networks {

    @Test
    void joinsDeclaredNetworksWithAliasesAddressesAndPriority() throws ManifestException {
      DesiredApp app = read("""
          services:
            web:
              image: nginx
              networks:
                front:
                  aliases: [www, site]
                  ipv4_address: 172.28.0.10
                  priority: 10
                back:
            db:
              image: postgres
              networks: [back]
          networks:
            front:
              driver: bridge
              driver_opts: {com.docker.network.bridge.enable_icc: "true"}
              internal: false
              enable_ipv6: false
              labels: {team: shop}
              ipam:
                driver: default
                config:
                  - subnet: 172.28.0.0/16
                    ip_range: 172.28.5.0/24
                    gateway: 172.28.0.1
                    aux_addresses: {router: 172.28.1.5}
            back:
              internal: true
            outside:
              external: true
              name: proxy_net
          """);
      Attachments web = app.service("web").orElseThrow().attachments();
      assertThat(web.networks()).extracting(joined -> joined.network().key())
          .containsExactly("front", "back");
      ServiceNetwork front = web.networks().get(0);
      assertThat(front.aliases()).containsExactly("site", "www");
      assertThat(front.ipv4Address()).isEqualTo("172.28.0.10");
      assertThat(front.network().ipam()).isEqualTo(new Ipam("default", List.of(new Ipam.Pool(
          "172.28.0.0/16", "172.28.5.0/24", "172.28.0.1", Map.of("router", "172.28.1.5"))),
          Map.of()));
      assertThat(front.network().labels()).containsEntry("team", "shop");
      assertThat(app.networks()).extracting(NetworkSpec::key).containsExactly("back", "front");
      assertThat(app.networks().get(0).internal()).isTrue();
    }

    @Test
    void readsExternalNetworksInBothSpellings() throws ManifestException {
      DesiredApp app = read("""
          services:
            web:
              image: nginx
              networks: [proxy, legacy]
          networks:
            proxy:
              external: true
            legacy:
              external:
                name: old_net
          """);
      assertThat(app.networks()).extracting(spec -> spec.engineName("shop"))
          .containsExactly("old_net", "proxy");
      assertThat(app.networks()).allMatch(NetworkSpec::external);
    }

    @Test
    void readsEveryNetworkMode() throws ManifestException {
      DesiredApp app = read("""
          services:
            a: {image: busybox, network_mode: host}
            b: {image: busybox, network_mode: none}
            c: {image: busybox, network_mode: bridge}
            d: {image: busybox, network_mode: "service:a"}
            e: {image: busybox, network_mode: "container:other"}
          """);
      assertThat(app.services()).extracting(s -> s.attachments().networkMode().toString())
          .containsExactly("host", "none", "bridge", "service:a", "container:other");
      assertThat(app.services()).allMatch(s -> s.attachments().networks().isEmpty());
      assertThat(app.networks()).isEmpty();
    }

    @Test
    void refusesUndefinedNetworksAndBadCombinations() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              networks: [frnt]
            db:
              image: postgres
              network_mode: host
              networks: [front]
            job:
              image: busybox
              network_mode: "service:nope"
          networks:
            front:
            ext:
              external: true
              driver: overlay
          """)).containsExactly(
              "4:16: services.web.networks[0]: network 'frnt' is not declared in the top-level "
                  + "'networks' (did you mean 'front'?)",
              "7:5: services.db: 'network_mode' and 'networks' cannot be combined (a container "
                  + "either joins networks or uses another network mode)",
              "11:19: services.job.network_mode: 'nope' is not a service of this file",
              "14:3: networks.ext is external, so it cannot also set driver (Driftless never "
                  + "creates it)");
    }
  }

  @Nested
  class SecretsAndConfigs {

    @Test
    void mountsFileSecretsAndConfigsReadOnlyWhereCompose129Does() throws ManifestException {
      Attachments read = attachments("""
          services:
            db:
              image: postgres
              secrets:
                - db_password
                - source: db_password
                  target: pw
                  uid: "999"
                  gid: "999"
                  mode: 0400
              configs:
                - nginx
                - source: nginx
                  target: /etc/nginx/nginx.conf
          secrets:
            db_password:
              file: ./db_password.txt
          configs:
            nginx:
              file: ./nginx.conf
          """);
      assertThat(read.mounts()).extracting(Mount::target).containsExactly(
          "/etc/nginx/nginx.conf", "/nginx", "/run/secrets/db_password", "/run/secrets/pw");
      assertThat(read.mounts()).allMatch(mount -> ((Mount.Bind) mount).readOnly());
      RepoFiles pw = ((BindSource.Repo) ((Mount.Bind) read.mounts().get(3)).source()).files();
      assertThat(pw.access()).isEqualTo(new RepoFiles.FileAccess("999", "999", 0400));
      assertThat(pw.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesUndeclaredEncryptedAndNonFileSecrets() {
      assertThat(problems("""
          services:
            db:
              image: postgres
              secrets: [db_pasword]
          secrets:
            db_password:
              file: ./db_password.txt
            sealed:
              file: ./sealed.age
            swarm:
              external: true
          """)).containsExactly(
              "4:15: services.db.secrets[0]: secret 'db_pasword' is not declared in the "
                  + "top-level 'secrets' (did you mean 'db_password'?)",
              "9:11: secrets.sealed.file: 'shop/sealed.age' is encrypted; Driftless never writes "
                  + "a decrypted secret to disk, so it cannot bind-mount it; pass the value "
                  + "through an encrypted env_file instead",
              "11:5: secrets.swarm.external is not supported: Driftless runs on plain Docker "
                  + "engines, where docker compose supports only 'file:' secrets (mounted "
                  + "read-only)");
    }
  }

  @Test
  void readsTopLevelVolumesWithThePruneOptIn() throws ManifestException {
    DesiredApp app = read("""
        services:
          web:
            image: nginx
            volumes: [cache:/cache, data:/data, shared:/shared]
        volumes:
          cache:
            x-driftless-prune: true
            labels: [tier=cache]
          data:
            name: shop-data
            driver: local
            driver_opts: {type: tmpfs, device: tmpfs}
          shared:
            external: true
        """);
    assertThat(app.volumes()).containsExactly(
        new VolumeSpec("cache", "", false, "", Map.of(), Map.of("tier", "cache"), true),
        new VolumeSpec("data", "shop-data", false, "local",
            Map.of("type", "tmpfs", "device", "tmpfs"), Map.of(), false),
        new VolumeSpec("shared", "shared", true, "", Map.of(), Map.of(), false));
    assertThat(app.services().get(0).attachments().networkMode()).isEqualTo(NetworkMode.NETWORKS);
  }

  @Test
  void problemsNameTheFile() {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> read("services:\n  web:\n    image: nginx\n    networks: [x]\n"));
    assertThat(e.problems()).extracting(ManifestProblem::file).containsOnly(FILE);
  }
}
