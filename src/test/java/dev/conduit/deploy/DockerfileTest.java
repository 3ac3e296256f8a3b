package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the image is checked from the Dockerfile itself: the properties
 * that decide whether it builds reproducibly, runs safely and stops cleanly. The Dockerfile is
 * parsed and linted by the Docker language server's libraries (dockerfile-ast, dockerfile-utils;
 * src/test/node, installed by scripts/test), not by hand.
 */
class DockerfileTest {

  record Instruction(String keyword, String args) {}

  record Stage(String from, String name, List<Instruction> instructions) {
    List<String> all(String keyword) {
      return instructions.stream()
          .filter(i -> i.keyword().equals(keyword))
          .map(Instruction::args)
          .toList();
    }

    int indexOf(String keyword, String contains) {
      for (int i = 0; i < instructions.size(); i++) {
        Instruction in = instructions.get(i);
        if (in.keyword().equals(keyword) && in.args().contains(contains)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The parsed Dockerfile: its stages and what the linter (every rule on) finds wrong. */
  record Parsed(List<Stage> stages, List<JsonNode> problems) {}

  static final Parsed DOCKERFILE = NodeTools.dockerfile(Repo.file("Dockerfile"));

  private final List<Stage> stages = DOCKERFILE.stages();
  private final Stage build = stages.get(0);
  private final Stage runtime = stages.get(stages.size() - 1);

  private Stage stage(String name) {
    return stages.stream().filter(st -> name.equals(st.name())).findFirst().orElseThrow();
  }

  /** Syntax, casing, one CMD/ENTRYPOINT/HEALTHCHECK per stage, absolute WORKDIRs, ... */
  @Test
  void passesTheDockerfileLinterWithEveryRuleOn() {
    assertThat(DOCKERFILE.problems()).as("dockerfile-utils lint").isEmpty();
  }

  @Test
  void isMultiStageWithAJdkBuildAndAJreOnlyRuntime() {
    assertThat(build.from()).startsWith("eclipse-temurin:17-jdk");
    assertThat(build.name()).isEqualTo("build");
    assertThat(runtime.from()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(stage("layers").from()).startsWith("eclipse-temurin:17-jdk");
  }

  @Test
  void theJarIsBuiltHereByDefaultOrTakenFromTheContext() {
    assertThat(Repo.read("Dockerfile")).containsPattern("(?m)^ARG JAR_FROM=build$");
    assertThat(stage("jar").from()).isEqualTo("${JAR_FROM}");
    assertThat(stage("prebuilt").all("COPY"))
        .containsExactly("target/app.jar /build/target/app.jar");
    assertThat(stage("layers").all("COPY"))
        .contains("--from=jar /build/target/app.jar /tmp/app.jar");
  }

  @Test
  void dependenciesAreResolvedInTheirOwnLayerBeforeTheSourcesArrive() {
    int pom = build.indexOf("COPY", "pom.xml");
    int goOffline = build.indexOf("RUN", "dependency:go-offline");
    int sources = build.indexOf("COPY", "src");
    int packaging = build.indexOf("RUN", " package");
    assertThat(pom).as("COPY pom.xml").isNotNegative();
    assertThat(build.all("COPY").get(0)).doesNotContain("src");
    assertThat(goOffline).as("RUN ... dependency:go-offline").isGreaterThan(pom);
    assertThat(sources).as("COPY src").isGreaterThan(goOffline);
    assertThat(packaging).isGreaterThan(sources);
  }

  /** .dockerignore drops .git, so the commit must come in as a build argument. */
  @Test
  void theCommitIsABuildArgument() {
    int arg = build.indexOf("ARG", "GIT_COMMIT");
    int packaging = build.indexOf("RUN", " package");
    assertThat(arg).isNotNegative().isLessThan(packaging);
    assertThat(build.all("RUN").get(build.all("RUN").size() - 1))
        .startsWith("./mvnw ")
        .contains("-Dgit.commit.id.abbrev=")
        .contains("$GIT_COMMIT");
  }

  /** CI builds the image from the jar its tests ran against, with the commit it tested. */
  @Test
  void ciShipsTheJarItsTestsRanAgainst() {
    JsonNode jobs = Repo.yaml(".github/workflows/ci.yml").path("jobs");
    List<String> uploads = new ArrayList<>();
    boolean afterTests = false;
    for (JsonNode step : jobs.path("build").path("steps")) {
      afterTests |= "tests".equals(step.path("id").asText());
      if (afterTests && step.path("uses").asText().startsWith("actions/upload-artifact@")) {
        uploads.add(step.at("/with/name").asText() + "=" + step.at("/with/path").asText());
      }
    }
    assertThat(uploads).contains("app-jar=target/app.jar");
    JsonNode steps = jobs.path("image").path("steps");
    List<String> downloads = new ArrayList<>();
    String buildArgs = "";
    for (JsonNode step : steps) {
      String uses = step.path("uses").asText();
      if (uses.startsWith("actions/download-artifact@")) {
        downloads.add(step.at("/with/name").asText() + "=" + step.at("/with/path").asText());
      }
      if (uses.startsWith("docker/build-push-action@")) {
        buildArgs = step.at("/with/build-args").asText();
      }
    }
    assertThat(downloads).contains("app-jar=target");
    assertThat(buildArgs).contains("JAR_FROM=prebuilt").contains("GIT_COMMIT=${{ github.sha }}");
  }

  @Test
  void runsAsANonRootUser() {
    List<String> users = runtime.all("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).isNotIn("root", "0");
    // The USER comes after the last RUN, so nothing later runs as root either.
    int lastRun = -1;
    int lastUser = -1;
    for (int i = 0; i < runtime.instructions().size(); i++) {
      String k = runtime.instructions().get(i).keyword();
      if (k.equals("RUN")) {
        lastRun = i;
      } else if (k.equals("USER")) {
        lastUser = i;
      }
    }
    assertThat(lastUser).isGreaterThan(lastRun);
  }

  @Test
  void shipsDependenciesThenClassesInSeparateLayersAndBothConfigFiles() {
    List<String> copies = runtime.all("COPY");
    int lib = runtime.indexOf("COPY", "/layers/lib /app/lib");
    int app = runtime.indexOf("COPY", "/layers/classes /app/classes");
    assertThat(lib).as("COPY of the dependency layer").isNotNegative();
    assertThat(app).as("the classes after the dependencies").isGreaterThan(lib);
    assertThat(copies)
        .anySatisfy(c -> assertThat(c).contains("config.yml").contains("config-prod.yml"));
    assertThat(stage("layers").all("RUN")).containsExactly("split-jar /tmp/app.jar /layers");
    assertThat(Repo.read(".dockerignore").lines()).contains("!target/app.jar");
  }

  @Test
  void exposesTheConfiguredApplicationAndAdminPorts() {
    ProdConfig config = ProdConfig.load();
    assertThat(runtime.all("EXPOSE")).containsExactly(config.appPort() + " " + config.adminPort());
    assertThat(config.appPort()).isEqualTo(8080);
    assertThat(config.adminPort()).isEqualTo(8081);
  }

  @Test
  void sizesTheHeapFromTheContainerLimit() {
    assertThat(String.join(" ", runtime.all("ENV"))).contains("-XX:MaxRAMPercentage=");
    assertThat(String.join(" ", runtime.all("ENV"))).doesNotContainPattern("-Xmx\\d");
  }

  @Test
  void execFormEntryPointSoSigtermReachesTheJvm() throws Exception {
    List<String> entry = runtime.all("ENTRYPOINT");
    assertThat(entry).hasSize(1);
    JsonNode array = Repo.JSON.readTree(entry.get(0));
    assertThat(array.isArray()).as("exec form (a JSON array)").isTrue();
    assertThat(array.get(0).asText()).isEqualTo("java");
    assertThat(array.toString())
        .contains("/app/classes:/app/lib")
        .contains("dev.conduit.ConduitApplication");
    JsonNode cmd = Repo.JSON.readTree(runtime.all("CMD").get(0));
    assertThat(cmd.isArray()).isTrue();
    assertThat(cmd.toString()).contains("server").contains("config-prod.yml");
  }

  @Test
  void healthCheckProbesLivenessOnTheApplicationPort() {
    List<String> checks = runtime.all("HEALTHCHECK");
    assertThat(checks).hasSize(1);
    assertThat(checks.get(0))
        .contains("CMD")
        .contains("127.0.0.1:" + ProdConfig.load().appPort() + "/health/live");
  }

  @Test
  void dockerignoreKeepsTheContextSmallButKeepsWhatTheBuildCopies() {
    List<String> ignored =
        Repo.read(".dockerignore")
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignored).contains(".git", "target");
    assertThat(ignored)
        .doesNotContain("src", "pom.xml", "mvnw", ".mvn", "config.yml", "config-prod.yml");
    assertThat(ignored).noneMatch(p -> p.equals("*.yml") || p.equals("*") || p.startsWith("src/"));
  }
}
