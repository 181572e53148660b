package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.driftless.manifests.ManifestException;
import dev.driftless.manifests.ManifestProblem;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Compose file is untrusted input: these tests pin down that it cannot do more than describe. */
class SafeLoadingTest {

  /** Counts its instances: a YAML tag naming it must never create one. */
  public static final class Canary {
    static final AtomicInteger CREATED = new AtomicInteger();

    public Canary() {
      CREATED.incrementAndGet();
    }

    public Canary(String ignored) {
      this();
    }
  }

  static List<ManifestProblem> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class,
        () -> new ComposeReader().read("shop", "compose.yaml", yaml));
    assertThat(e).as("reading should fail").isNotNull();
    return e.problems();
  }

  @Test
  void refusesATagNamingAJavaClassAndNeverInstantiatesIt() {
    String canary = Canary.class.getName();

    List<ManifestProblem> problems = problems("""
        services:
          web:
            image: nginx
            labels:
              a: !!%s ["boom"]
        """.formatted(canary));

    assertThat(Canary.CREATED).hasValue(0);
    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(5);
      assertThat(problem.column()).isEqualTo(10);
      assertThat(problem.message()).contains("Global tag is not allowed").contains(canary);
    });
  }

  @Test
  void refusesTheClassicGadgetTags() {
    assertThat(problems("services: !!java.net.URL [\"http://example.com\"]\n"))
        .singleElement().satisfies(problem -> assertThat(problem.message()).contains("java.net.URL"));
    assertThat(problems("services: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n"))
        .isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"!foo bar", "!!binary aGk=", "!!set {a}", "!!omap [a: b]", "!<tag:example.com,2000:x> y"})
  void refusesEveryTagThatIsNotAPlainYamlType(String tagged) {
    assertThat(problems("""
        services:
          web:
            image: nginx
            labels:
              a: %s
        """.formatted(tagged)))
        .anySatisfy(problem -> {
          assertThat(problem.line()).isEqualTo(5);
          assertThat(problem.column()).isEqualTo(10);
          assertThat(problem.message()).containsAnyOf("is not allowed", "Global tag");
        });
  }

  @Test
  void acceptsTheStandardScalarTags() throws ManifestException {
    var app = new ComposeReader().read("shop", "compose.yaml", """
        services:
          web:
            image: !!str nginx
            environment: !!map
              PORT: !!int 80
        """);

    assertThat(app.services().get(0).environment()).containsEntry("PORT", "80");
  }

  @Test
  void refusesTooManyAliasesToCollections() {
    StringBuilder yaml = new StringBuilder("x-a: &a [1, 2]\nx-b: [");
    for (int i = 0; i <= SafeYaml.MAX_ALIASES_FOR_COLLECTIONS; i++) {
      yaml.append(i == 0 ? "" : ", ").append("*a");
    }
    yaml.append("]\nservices: {}\n");

    assertThat(problems(yaml.toString())).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isZero();
      assertThat(problem.message()).contains("aliases");
    });
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String deep = "[".repeat(SafeYaml.MAX_NESTING_DEPTH + 1) + "]".repeat(SafeYaml.MAX_NESTING_DEPTH + 1);

    assertThat(problems("x-deep: " + deep + "\nservices: {}\n"))
        .singleElement().satisfies(problem -> assertThat(problem.message()).contains("Nesting Depth"));
  }

  @Test
  void refusesAFileLargerThanTheLimit() {
    String padding = "#".repeat(SafeYaml.MAX_CODE_POINTS) + "\n";

    assertThat(problems(padding + "services: {}\n"))
        .singleElement().satisfies(problem -> {
          assertThat(problem.line()).isZero();
          assertThat(problem.message()).startsWith("the file is larger than 3145728 characters");
        });
  }

  @Test
  void survivesARecursiveStructure() {
    assertThat(problems("""
        x-loop: &loop [*loop]
        services:
          web: &web
            image: nginx
            labels: *web
        """)).isNotEmpty();
  }
}
