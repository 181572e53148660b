package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PortBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComposeReaderTest {

  private static final ComposeReader READER = new ComposeReader();
  private static final String FILE = "shop/compose.yaml";

  static DesiredApp read(String yaml) throws ManifestException {
    return READER.read("shop", FILE, yaml);
  }

  static DesiredService onlyService(String yaml) throws ManifestException {
    DesiredApp app = read(yaml);
    assertThat(app.services()).hasSize(1);
    return app.services().get(0);
  }

  /** The problems as {@code line:column: message}, the file being checked once here. */
  static List<String> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> read(yaml));
    assertThat(e).as("reading should fail").isNotNull();
    assertThat(e.problems()).extracting(ManifestProblem::file).containsOnly(FILE);
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
  }

  @Nested
  class AWellFormedFile {

    @Test
    void becomesAnAppWithEveryFieldRead() throws ManifestException {
      DesiredApp app = read("""
          services:
            web:
              image: nginx:1.27
              command: ["nginx", "-g", "daemon off;"]
              environment:
                MODE: production
                WORKERS: 4
              ports:
                - "8080:80"
              labels:
                team: shop
            db:
              image: postgres:16
          """);

      assertThat(app.name()).isEqualTo("shop");
      assertThat(app.services()).extracting(DesiredService::name).containsExactly("db", "web");
      DesiredService web = app.service("web").orElseThrow();
      assertThat(web.image()).isEqualTo("nginx:1.27");
      assertThat(web.command()).containsExactly("nginx", "-g", "daemon off;");
      assertThat(web.environment()).containsExactly(Map.entry("MODE", "production"), Map.entry("WORKERS", "4"));
      assertThat(web.ports()).containsExactly(new PortBinding("", 8080, 80, "tcp"));
      assertThat(web.labels()).containsExactly(Map.entry("team", "shop"));
      DesiredService db = app.service("db").orElseThrow();
      assertThat(db.command()).isEmpty();
      assertThat(db.environment()).isEmpty();
      assertThat(db.ports()).isEmpty();
      assertThat(db.labels()).isEmpty();
    }

    @Test
    void acceptsVersionNameAndExtensionsAtTheTopLevelAndIgnoresThem() throws ManifestException {
      DesiredApp app = read("""
          version: "3.9"
          name: something-else
          x-notes: {anything: [goes, here, $VAR]}
          services:
            web:
              image: nginx
              x-owner: ${TEAM}
          """);

      assertThat(app.name()).isEqualTo("shop");
      assertThat(app.services()).extracting(DesiredService::name).containsExactly("web");
    }

    @Test
    void mayDeclareNoServiceAtAll() throws ManifestException {
      assertThat(read("services: {}\n").services()).isEmpty();
    }

    @Test
    void treatsNullCollectionsAsAbsent() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: nginx
              command:
              environment:
              ports:
              labels:
          """);

      assertThat(web.command()).isEmpty();
      assertThat(web.environment()).isEmpty();
      assertThat(web.ports()).isEmpty();
      assertThat(web.labels()).isEmpty();
    }

    @Test
    void keepsScalarsExactlyAsWrittenRatherThanAsYaml11Reads() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              command: [echo, yes, 1.0, 0755, ~x, 0x1F, 1_000]
              environment:
                DEBUG: yes
                RATIO: 1.0
                MODE: 0755
                OFF: off
                BIG: 1e3
                WHEN: 2001-12-14
          """);

      assertThat(web.command()).containsExactly("echo", "yes", "1.0", "0755", "~x", "0x1F", "1_000");
      assertThat(web.environment()).containsExactly(
          Map.entry("BIG", "1e3"), Map.entry("DEBUG", "yes"), Map.entry("MODE", "0755"),
          Map.entry("OFF", "off"), Map.entry("RATIO", "1.0"), Map.entry("WHEN", "2001-12-14"));
    }

    @Test
    void skipsAByteOrderMark() throws ManifestException {
      assertThat(read("\uFEFFservices:\n  web:\n    image: nginx\n").services()).hasSize(1);
    }
  }

  @Nested
  class TheTopLevel {

    @Test
    void refusesAComposeKeyDriftlessDoesNotSupportYetAtItsPosition() {
      assertThat(problems("""
          services:
            web:
              image: nginx
          include:
            - other.yaml
          """)).containsExactly(
              "4:1: unsupported top-level key 'include' (Driftless does not support it yet)");
    }

    @Test
    void refusesAKeyThatIsNotComposeAtAll() {
      assertThat(problems("""
          servics:
            web:
              image: nginx
          """)).containsExactly(
              "1:1: unknown top-level key 'servics' (did you mean 'services'?)",
              "1:1: the file has no 'services' mapping: a Compose file must declare its services");
    }

    @Test
    void needsAServicesMapping() {
      assertThat(problems("services:\n")).containsExactly("1:10: services must be a mapping, found null");
      assertThat(problems("services: [web]\n"))
          .containsExactly("1:11: services must be a mapping, found a list");
      assertThat(problems("version: '3'\n"))
          .containsExactly("1:1: the file has no 'services' mapping: a Compose file must declare its services");
    }

    @Test
    void reportsAnEmptyFileAtItsStart() {
      assertThat(problems("")).containsExactly(
          "1:1: the file is empty: a Compose file needs a 'services' mapping");
      assertThat(problems("# nothing yet\n")).hasSize(1);
    }

    @Test
    void needsTheFileToBeAMapping() {
      assertThat(problems("- web\n")).containsExactly(
          "1:1: a Compose file must be a mapping with a 'services' key, found a list");
    }
  }

  @Nested
  class AService {

    @Test
    void refusesAComposeKeyDriftlessDoesNotSupportYet() {
      assertThat(problems("""
          services:
            db:
              image: postgres
              volumes_from:
                - other
          """)).containsExactly(
              "4:5: unsupported key 'volumes_from' in service 'db' (Driftless does not support it "
                  + "yet)");
    }

    @Test
    void refusesAKeyThatIsNotComposeAtAll() {
      assertThat(problems("""
          services:
            db:
              image: postgres
              imagee: postgres
          """)).containsExactly("4:5: unknown key 'imagee' in service 'db' (did you mean 'image'?)");
    }

    @Test
    void needsAnImage() {
      assertThat(problems("""
          services:
            web:
              command: sleep 1
            worker:
          """)).containsExactly(
              "2:3: service 'web' has no image",
              "4:3: service 'worker' has no image");
    }

    @Test
    void needsTheImageToBeAStringReference() {
      assertThat(problems("""
          services:
            a:
              image: 5
            b:
              image: [nginx]
            c:
              image: Nginx
            d:
              image: ""
            e:
              image:
          """)).containsExactly(
              "3:12: services.a.image must be a string, found '5' (quote it if it is meant as text)",
              "5:12: services.b.image must be a string, found a list",
              "7:12: services.c.image 'Nginx' is not a valid image reference (repository names are lower case)",
              "9:12: services.d.image must not be empty",
              "11:11: service 'e' has no image");
    }

    @Test
    void acceptsEveryFormOfImageReference() throws ManifestException {
      DesiredApp app = read("""
          services:
            a: {image: nginx}
            b: {image: "library/nginx:1.27-alpine"}
            c: {image: "registry.example.com:5000/team/app:v1.2.3"}
            d: {image: "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
            e: {image: "localhost/my_app__x"}
          """);

      assertThat(app.services()).hasSize(5);
    }

    @Test
    void refusesAnInvalidServiceName() {
      assertThat(problems("""
          services:
            "my web":
              image: nginx
          """)).containsExactly(
              "2:3: service name 'my web' is not valid: use letters, digits, '.', '_' and '-'");
    }

    @Test
    void mustBeAMapping() {
      assertThat(problems("""
          services:
            web: nginx
          """)).containsExactly("2:8: services.web must be a mapping, found 'nginx'");
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnceInFileOrder() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              stdin_open: true
              ports: ["99999:80"]
            db:
              build: .
          include: []
          """)).containsExactly(
              "4:5: unsupported key 'stdin_open' in service 'web' (Driftless does not support it "
                  + "yet)",
              "5:13: services.web.ports[0]: host port 99999 is out of range (1-65535)",
              "7:12: services.db.build: build context 'shop' of service 'db' is not a folder with"
                  + " files in the repository at this revision",
              "8:1: unsupported top-level key 'include' (Driftless does not support it yet)");
    }
  }

  @Nested
  class Command {

    @Test
    void splitsAStringLikeAShell() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              command: sh -c 'echo "hello world"' --flag=a\\ b
          """);

      assertThat(web.command()).containsExactly("sh", "-c", "echo \"hello world\"", "--flag=a b");
    }

    @Test
    void takesAListAsItIs() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              command:
                - sh
                - -c
                - echo 'a  b'
                - 10
          """);

      assertThat(web.command()).containsExactly("sh", "-c", "echo 'a  b'", "10");
    }

    @Test
    void reportsAnUnclosedQuote() {
      assertThat(problems("""
          services:
            web:
              image: busybox
              command: echo "oops
          """)).containsExactly(
              "4:14: services.web.command: the quote (\") opened at character 6 is never closed");
    }

    @Test
    void refusesAMappingAndNullItems() {
      assertThat(problems("""
          services:
            web:
              image: busybox
              command: {run: x}
            worker:
              image: busybox
              command: [echo, ~]
          """)).containsExactly(
              "4:14: services.web.command must be a string or a list of strings, found a mapping",
              "7:21: services.worker.command[1] must be a string, found null");
    }
  }

  @Nested
  class Environment {

    @Test
    void acceptsAMappingOrAListOfKeyValuePairs() throws ManifestException {
      DesiredApp app = read("""
          services:
            a:
              image: busybox
              environment:
                B: "two words"
                A: ""
            b:
              image: busybox
              environment:
                - B=two words
                - A=
                - URL=http://x/?a=b
          """);

      assertThat(app.service("a").orElseThrow().environment())
          .containsExactly(Map.entry("A", ""), Map.entry("B", "two words"));
      assertThat(app.service("b").orElseThrow().environment()).containsExactly(
          Map.entry("A", ""), Map.entry("B", "two words"), Map.entry("URL", "http://x/?a=b"));
    }

    @Test
    void refusesAVariableWithoutAValueBecauseItWouldComeFromTheShell() {
      List<String> problems = problems("""
          services:
            web:
              image: busybox
              environment:
                TOKEN:
            worker:
              image: busybox
              environment:
                - TOKEN
          """);

      assertThat(problems).hasSize(2);
      assertThat(problems.get(0)).startsWith(
          "5:7: environment variable 'TOKEN' of service 'web' has no value: docker compose would "
              + "copy it from the shell");
      assertThat(problems.get(0)).contains("write the value in the file (TOKEN=value)");
      assertThat(problems.get(1)).startsWith("9:9: environment variable 'TOKEN' of service 'worker'");
    }

    @Test
    void refusesBadNamesNestedValuesAndRepeatedListEntries() {
      assertThat(problems("""
          services:
            web:
              image: busybox
              environment:
                A=B: x
                NESTED: {a: b}
            worker:
              image: busybox
              environment:
                - =x
                - A=1
                - A=2
            batch:
              image: busybox
              environment: A=1
          """)).containsExactly(
              "5:7: services.web.environment.A=B: environment variable name 'A=B' must not contain '='",
              "6:15: services.web.environment.NESTED must be a string, a number or a boolean, found a mapping",
              "10:9: services.worker.environment[0] has an empty environment variable name",
              "12:9: services.worker.environment[2] sets environment variable 'A' again (first set at line 11)",
              "15:18: services.batch.environment must be a mapping or a list of KEY=VALUE strings, found 'A=1'");
    }
  }

  @Nested
  class Labels {

    @Test
    void acceptsAMappingOrAListWhereAMissingValueIsEmpty() throws ManifestException {
      DesiredApp app = read("""
          services:
            a:
              image: busybox
              labels:
                com.example.team: shop
                com.example.flag:
            b:
              image: busybox
              labels:
                - com.example.team=shop
                - com.example.flag
          """);

      Map<String, String> expected = Map.of("com.example.team", "shop", "com.example.flag", "");
      assertThat(app.service("a").orElseThrow().labels()).isEqualTo(expected);
      assertThat(app.service("b").orElseThrow().labels()).isEqualTo(expected);
    }

    @Test
    void acceptsTheOptOutLabelTheOnlyOneOfOursAFileMaySet() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              labels:
                dev.driftless.ignore: "true"
          """);

      assertThat(web.labels()).containsEntry("dev.driftless.ignore", "true");
    }

    @Test
    void refusesForgedOwnershipLabels() {
      assertThat(problems("""
          services:
            web:
              image: busybox
              labels:
                dev.driftless.app: other
                com.docker.compose.project: other
          """)).containsExactly(
              "5:7: services.web.labels.dev.driftless.app: label 'dev.driftless.app' is reserved: "
                  + "Driftless sets the dev.driftless.* labels itself to know which containers it owns",
              "6:7: services.web.labels.com.docker.compose.project: label 'com.docker.compose.project' "
                  + "is reserved: Driftless sets the com.docker.compose.* labels itself to know which "
                  + "containers it owns");
    }
  }

  @Nested
  class Ports {

    @Test
    void acceptsEveryShortForm() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: nginx
              ports:
                - 80
                - "8080:80"
                - 8081:81
                - "127.0.0.1:8443:443"
                - "53:53/udp"
                - "[::1]:9000:9000"
                - "8000-8001:7000-7001"
          """);

      assertThat(web.ports()).containsExactly(
          new PortBinding("", 0, 80, "tcp"),
          new PortBinding("", 8080, 80, "tcp"),
          new PortBinding("", 8081, 81, "tcp"),
          new PortBinding("127.0.0.1", 8443, 443, "tcp"),
          new PortBinding("", 53, 53, "udp"),
          new PortBinding("::1", 9000, 9000, "tcp"),
          new PortBinding("", 8000, 7000, "tcp"),
          new PortBinding("", 8001, 7001, "tcp"));
    }

    @Test
    void acceptsTheLongSyntax() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: nginx
              ports:
                - target: 80
                  published: 8080
                  host_ip: 127.0.0.1
                  protocol: tcp
                  mode: host
                  name: http
                  app_protocol: http
                - target: 53
                  published: "5353"
                  protocol: udp
                - target: 9000
                - target: 9002
                  published: ""
                  host_ip: ""
                - target: 9001
                  published: 9001-9001
                  x-note: fine
          """);

      assertThat(web.ports()).containsExactly(
          new PortBinding("127.0.0.1", 8080, 80, "tcp"),
          new PortBinding("", 5353, 53, "udp"),
          new PortBinding("", 0, 9000, "tcp"),
          new PortBinding("", 0, 9002, "tcp"),
          new PortBinding("", 9001, 9001, "tcp"));
    }

    @Test
    void reportsEachBadShortEntryWithItsIndex() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              ports:
                - "8080:80"
                - "8080:70000"
                - "localhost:80:80"
                - "80/http"
                - "8000-8009:80"
                - {}
                - [80]
          """)).containsExactly(
              "6:9: services.web.ports[1]: container port 70000 is out of range (1-65535)",
              "7:9: services.web.ports[2]: host address 'localhost' is not an IPv4 or IPv6 address "
                  + "(host names are not allowed here)",
              "8:9: services.web.ports[3]: protocol 'http' is not tcp, udp or sctp",
              "9:9: services.web.ports[4]: host port range 8000-8009 for the single container port 80 "
                  + "is not supported: Driftless publishes one fixed host port per container port",
              "10:9: services.web.ports[5] has no target (the container port)",
              "11:9: services.web.ports[6] must be a port such as \"8080:80\" or a mapping, found a list");
    }

    @Test
    void reportsBadLongSyntaxFieldsAtTheField() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              ports:
                - target: 80-81
                  published: x
                  host_ip: example.com
                  protocol: icmp
                  mode: global
                  hostport: 80
                - target: 80
                  published: 8000-8001
                - published: 8080
          """)).containsExactly(
              "5:17: services.web.ports[0].target: port must be a single port, found '80-81'",
              "6:20: services.web.ports[0].published: port 'x' is not a port number or a range",
              "7:18: services.web.ports[0].host_ip: host address 'example.com' is not an IPv4 or IPv6 "
                  + "address (host names are not allowed here)",
              "8:19: services.web.ports[0].protocol: protocol 'icmp' is not tcp, udp or sctp",
              "9:15: services.web.ports[0].mode: mode must be ingress or host, found 'global'",
              "10:9: unsupported key 'hostport' in services.web.ports[0] (a port takes target, "
                  + "published, host_ip, protocol, mode, name and app_protocol)",
              "12:20: services.web.ports[1]: host port range 8000-8001 for the single container port "
                  + "80 is not supported: Driftless publishes one fixed host port per container port",
              "13:9: services.web.ports[2] has no target (the container port)");
    }

    @Test
    void mustBeAList() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              ports: "80:80"
          """)).containsExactly("4:12: services.web.ports must be a list, found '80:80'");
    }
  }

  @Nested
  class Variables {

    @Test
    void readsDoubleDollarAsALiteralDollar() throws ManifestException {
      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              command: sh -c 'echo $$HOME'
              environment:
                PRICE: $$5
          """);

      assertThat(web.command()).containsExactly("sh", "-c", "echo $HOME");
      assertThat(web.environment()).containsEntry("PRICE", "$5");
    }

    @Test
    void interpolatesEveryValueFromTheVariablesGiven() throws ManifestException {
      DesiredService web = READER.read("shop", FILE, """
          services:
            web:
              image: nginx:${TAG:-latest}
              command: echo $GREETING ${NAME:+dear} ${NAME}
              environment:
                MODE: ${MODE-production}
                DB: ${DB_HOST:?set DB_HOST}:${DB_PORT:-5432}
              ports:
                - "${PORT}:80"
              labels:
                - owner=${OWNER:-${TEAM:-nobody}}
          """, Map.of("GREETING", "hello", "NAME", "ann", "DB_HOST", "db", "PORT", "8080",
              "TEAM", "shop")).services().get(0);

      assertThat(web.image()).isEqualTo("nginx:latest");
      assertThat(web.command()).containsExactly("echo", "hello", "dear", "ann");
      assertThat(web.environment()).containsEntry("MODE", "production")
          .containsEntry("DB", "db:5432");
      assertThat(web.ports()).extracting(PortBinding::hostPort).containsExactly(8080);
      assertThat(web.labels()).containsEntry("owner", "shop");
    }

    @Test
    void interpolatesValuesButNeverKeys() throws ManifestException {
      DesiredService web = READER.read("shop", FILE, """
          services:
            web:
              image: busybox
              environment:
                $$KEY: ${VALUE}
          """, Map.of("VALUE", "v", "KEY", "k")).services().get(0);

      assertThat(web.environment()).containsExactly(Map.entry("$$KEY", "v"));
    }

    @Test
    void replacesAnUnsetVariableByNothingWithAWarningAtItsScalar() throws ManifestException {
      ComposeReader.Result result = READER.readWithWarnings("shop", FILE, """
          services:
            web:
              image: nginx:1${SUFFIX}
              environment:
                A: x${UNSET}y
                B: ${UNSET:-fine}
          """, Map.of());

      DesiredService web = result.app().services().get(0);
      assertThat(web.image()).isEqualTo("nginx:1");
      assertThat(web.environment()).containsEntry("A", "xy").containsEntry("B", "fine");
      assertThat(result.warnings()).containsExactly(
          new ManifestProblem(FILE, 3, 12, "services.web.image: the \"SUFFIX\" variable is not "
              + "set; it defaults to a blank string"),
          new ManifestProblem(FILE, 5, 10, "services.web.environment.A: the \"UNSET\" variable "
              + "is not set; it defaults to a blank string"));
    }

    @Test
    void failsARequiredVariableAndAnInvalidTemplateAtTheirScalars() {
      assertThat(problems("""
          services:
            web:
              image: nginx:${TAG:?pick a tag}
              command: echo cost $
              environment:
                A: ${EMPTY?}
              labels:
                - owner=${OWNER:x}
          """)).containsExactly(
              "3:12: services.web.image: required variable TAG is missing a value: pick a tag",
              "4:14: services.web.command: invalid interpolation format \"echo cost $\" "
                  + "(write $$ for a literal $)",
              "6:10: services.web.environment.A: required variable EMPTY is missing a value",
              "8:9: services.web.labels[0]: invalid interpolation format \"owner=${OWNER:x}\" "
                  + "(write $$ for a literal $)");
    }

    @Test
    void neverTakesAVariableFromTheProcessEnvironment() throws ManifestException {
      assertThat(System.getenv("PATH")).isNotNull();

      DesiredService web = onlyService("""
          services:
            web:
              image: busybox
              environment:
                FROM_ENV: "[$PATH][${HOME}]"
          """);

      assertThat(web.environment()).containsEntry("FROM_ENV", "[][]");
    }
  }

  @Nested
  class AnchorsAndMergeKeys {

    @Test
    void shareValuesThroughAliases() throws ManifestException {
      DesiredApp app = read("""
          x-env: &env
            MODE: production
          services:
            web:
              image: nginx
              environment: *env
            worker:
              image: busybox
              environment: *env
          """);

      assertThat(app.services()).allSatisfy(service ->
          assertThat(service.environment()).containsExactly(Map.entry("MODE", "production")));
    }

    @Test
    void mergeAMappingWithLocalKeysWinning() throws ManifestException {
      DesiredService web = onlyService("""
          x-base: &base
            image: busybox
            command: sleep 1
            labels: {team: shop}
          services:
            web:
              <<: *base
              command: sleep 2
          """);

      assertThat(web.image()).isEqualTo("busybox");
      assertThat(web.command()).containsExactly("sleep", "2");
      assertThat(web.labels()).containsExactly(Map.entry("team", "shop"));
    }

    @Test
    void mergeSeveralMappingsWithTheEarlierWinning() throws ManifestException {
      DesiredService web = onlyService("""
          x-first: &first
            image: first
            environment: {FROM: first}
          x-second: &second
            image: second
            command: echo second
            environment: {FROM: second}
          services:
            web:
              <<: [*first, *second]
          """);

      assertThat(web.image()).isEqualTo("first");
      assertThat(web.command()).containsExactly("echo", "second");
      assertThat(web.environment()).containsExactly(Map.entry("FROM", "first"));
    }

    @Test
    void mergeKeysNestAndWorkInsideFields() throws ManifestException {
      DesiredService web = onlyService("""
          x-common: &common
            LOG: info
          x-env: &env
            <<: *common
            MODE: production
          services:
            web:
              image: busybox
              environment:
                <<: *env
                LOG: debug
          """);

      assertThat(web.environment())
          .containsExactly(Map.entry("LOG", "debug"), Map.entry("MODE", "production"));
    }

    @Test
    void reportAProblemInAMergedValueWhereItIsWritten() {
      assertThat(problems("""
          x-base: &base
            image: busybox
            stdin_open: true
          services:
            web:
              <<: *base
          """)).containsExactly(
              "3:3: unsupported key 'stdin_open' in service 'web' (Driftless does not support it "
                  + "yet)");
    }

    @Test
    void refuseAMergeOfSomethingElseThanAMapping() {
      assertThat(problems("""
          services:
            web:
              <<: nginx
              image: nginx
          """)).containsExactly("3:9: the merge key '<<' in services.web takes a mapping or a list "
              + "of mappings (usually an alias such as *base)");
    }

    @Test
    void refuseAMappingMergedIntoItself() {
      assertThat(problems("""
          services:
            web: &web
              <<: *web
              image: nginx
          """)).containsExactly(
              "3:5: the merge key '<<' in services.web refers to a mapping that contains it");
    }

    @Test
    void treatAQuotedMergeKeyAsAnOrdinaryKey() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              "<<": {}
          """)).containsExactly(
              "4:5: unknown key '<<' in service 'web' (it is not a Compose service key)");
    }
  }

  @Nested
  class DuplicateKeys {

    @Test
    void areRefusedAtTheSecondOccurrenceWithTheFirstNamed() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              image: httpd
            web:
              image: caddy
          """)).containsExactly(
              "4:5: duplicate key 'image' in services.web (first written at line 3, column 5)",
              "5:3: duplicate key 'web' in services (first written at line 2, column 3)");
    }

    @Test
    void areRefusedInsideFieldsAndAtTheTopLevel() {
      assertThat(problems("""
          services:
            web:
              image: nginx
              environment:
                A: 1
                A: 2
          services: {}
          """)).containsExactly(
              "6:7: duplicate key 'A' in services.web.environment (first written at line 5, column 7)",
              "7:1: duplicate key 'services' in the top level (first written at line 1, column 1)");
    }
  }

  @Nested
  class BrokenYaml {

    @Test
    void isReportedWhereTheParserStopped() {
      assertThat(problems("""
          services:
            web:
              image: nginx: latest
          """)).containsExactly("3:17: mapping values are not allowed here");
    }

    @Test
    void namesTheContextOfABadIndentation() {
      assertThat(problems("""
          services:
            web:
              image: nginx
             ports: []
          """)).containsExactly("4:4: expected <block end>, but found '<block mapping start>' "
              + "(while parsing a block mapping started at line 2, column 3)");
    }

    @Test
    void namesTheContextOfAnUnclosedQuote() {
      assertThat(problems("""
          services:
            web:
              image: "nginx
          """)).containsExactly("4:1: found unexpected end of stream "
              + "(while scanning a quoted scalar started at line 3, column 12)");
    }

    @Test
    void reportsATabIndentation() {
      assertThat(problems("services:\n\tweb:\n"))
          .singleElement().asString().startsWith("2:1: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void reportsAnUndefinedAlias() {
      assertThat(problems("""
          services:
            web:
              image: *missing
          """)).containsExactly("3:12: found undefined alias missing");
    }

    @Test
    void refusesASecondDocument() {
      assertThat(problems("""
          services: {}
          ---
          services: {}
          """)).containsExactly(
              "2:1: expected a single document in the stream, but found another document");
    }
  }

  @Test
  void refusesAnInvalidAppNameAsAProgrammingError() {
    assertThatThrownBy(() -> READER.read("Not Valid", FILE, "services: {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
