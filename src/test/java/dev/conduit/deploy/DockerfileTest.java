package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the image is checked from the Dockerfile itself: the properties
 * that decide whether it builds reproducibly, runs safely and stops cleanly.
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

  /** Joins continuation lines, drops comments and splits into stages at each FROM. */
  static List<Stage> parse(String dockerfile) {
    List<Stage> stages = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    List<String> lines = new ArrayList<>();
    for (String raw : dockerfile.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && logical.length() == 0)) {
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      lines.add(logical.toString().replaceAll("\\s+", " ").strip());
      logical.setLength(0);
    }
    Pattern from = Pattern.compile("(?i)(\\S+)(?:\\s+AS\\s+(\\S+))?");
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase();
      String args = space < 0 ? "" : line.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        Matcher m = from.matcher(args);
        assertThat(m.matches()).as("FROM %s", args).isTrue();
        stages.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
      } else {
        assertThat(stages).as("%s before any FROM", keyword).isNotEmpty();
        stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
      }
    }
    return stages;
  }

  private final List<Stage> stages = parse(Repo.read("Dockerfile"));
  private final Stage build = stages.get(0);
  private final Stage runtime = stages.get(stages.size() - 1);

  @Test
  void isMultiStageWithAJdkBuildAndAJreOnlyRuntime() {
    assertThat(stages).hasSize(2);
    assertThat(build.from()).startsWith("eclipse-temurin:17-jdk");
    assertThat(build.name()).isEqualTo("build");
    assertThat(runtime.from()).isEqualTo("eclipse-temurin:17-jre");
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

  @Test
  void buildsWithTheWrapperAndTheSameCommandAsCi() {
    String command =
        build.instructions().stream()
            .filter(i -> i.keyword().equals("RUN") && i.args().contains(" package"))
            .findFirst()
            .orElseThrow()
            .args();
    assertThat(command).startsWith("./mvnw ");
    List<String> ciCommands = new ArrayList<>();
    JsonNode jobs = Repo.yaml(".github/workflows/ci.yml").path("jobs");
    for (JsonNode job : jobs) {
      for (JsonNode step : job.path("steps")) {
        if (step.has("run")) {
          ciCommands.add(step.get("run").asText().strip());
        }
      }
    }
    assertThat(ciCommands).as("a CI step runs exactly the Dockerfile's build").contains(command);
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
  void shipsTheJarAndBothConfigFiles() {
    assertThat(runtime.all("COPY"))
        .anySatisfy(c -> assertThat(c).contains("--from=build").contains("target/app.jar"))
        .anySatisfy(c -> assertThat(c).contains("config.yml").contains("config-prod.yml"));
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
