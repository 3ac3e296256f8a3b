package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .github/workflows/ci.yml: valid YAML with the structure a GitHub workflow needs, and our jobs.
 */
class CiWorkflowTest {
  private final JsonNode workflow = Repo.yaml(".github/workflows/ci.yml");
  private final JsonNode jobs = workflow.path("jobs");

  private static List<String> runs(JsonNode job) {
    List<String> runs = new ArrayList<>();
    job.path("steps").forEach(s -> runs.add(s.path("run").asText("")));
    return runs;
  }

  private static List<String> uses(JsonNode job) {
    List<String> uses = new ArrayList<>();
    job.path("steps")
        .forEach(
            s -> {
              if (s.has("uses")) {
                uses.add(s.get("uses").asText());
              }
            });
    return uses;
  }

  @Test
  void isAWellFormedWorkflow() {
    assertThat(workflow.path("name").asText()).isNotBlank();
    assertThat(workflow.path("on").has("push")).isTrue();
    assertThat(workflow.path("on").has("pull_request")).isTrue();
    assertThat(jobs.size()).isPositive();
    jobs.fields()
        .forEachRemaining(
            e -> {
              JsonNode job = e.getValue();
              assertThat(job.path("runs-on").asText()).as("%s runs-on", e.getKey()).isNotBlank();
              assertThat(job.path("steps").isArray()).as("%s steps", e.getKey()).isTrue();
              job.path("steps")
                  .forEach(
                      s ->
                          assertThat(s.has("run") ^ s.has("uses"))
                              .as("%s: each step has exactly one of run/uses: %s", e.getKey(), s)
                              .isTrue());
              uses(job)
                  .forEach(
                      u ->
                          assertThat(u).as("pinned action").matches("[\\w.-]+/[\\w./-]+@[\\w.-]+"));
              job.path("needs")
                  .forEach(n -> assertThat(jobs.has(n.asText())).as("needs %s", n).isTrue());
              if (job.path("needs").isTextual()) {
                assertThat(jobs.has(job.path("needs").asText())).isTrue();
              }
            });
  }

  @Test
  void buildsAndTestsAgainstAPostgresServiceContainer() {
    JsonNode build = jobs.path("build");
    JsonNode pg = build.at("/services/postgres");
    assertThat(pg.path("image").asText()).isEqualTo("postgres:15");
    assertThat(pg.path("options").asText()).contains("--health-cmd");
    assertThat(build.path("env").path("TEST_DATABASE_URL").asText())
        .startsWith("jdbc:postgresql://127.0.0.1:5432/");
    assertThat(runs(build)).contains("scripts/test");
    assertThat(String.join("\n", runs(build))).contains("nginx");
  }

  @Test
  void runsTheRealWorldConformanceSuite() {
    String all = String.join("\n", runs(jobs.path("conformance")));
    assertThat(all).contains("scripts/conformance").contains("Conduit.postman_collection.json");
    assertThat(Repo.file("scripts/conformance")).isExecutable();
  }

  @Test
  void producesAnSbomAndScansDependencies() {
    JsonNode job = jobs.path("sbom-and-scan");
    assertThat(String.join("\n", runs(job)))
        .contains("org.cyclonedx:cyclonedx-maven-plugin:2.9.3:makeAggregateBom");
    assertThat(uses(job)).anySatisfy(u -> assertThat(u).containsAnyOf("trivy", "osv-scanner"));
  }

  @Test
  void buildsAndPushesTheImageOnlyOnMainAfterTheChecks() {
    JsonNode image = jobs.path("image");
    assertThat(image.path("if").asText()).contains("refs/heads/main");
    assertThat(image.path("needs").toString()).contains("build").contains("conformance");
    assertThat(image.at("/permissions/packages").asText()).isEqualTo("write");
    JsonNode push = null;
    for (JsonNode s : image.path("steps")) {
      if (s.path("uses").asText().startsWith("docker/build-push-action@")) {
        push = s;
      }
    }
    assertThat(push).isNotNull();
    assertThat(push.at("/with/push").asBoolean()).isTrue();
    assertThat(push.at("/with/tags").asText()).contains("${{ github.sha }}");
  }

  @Test
  void deployMigratesThenRollsOutAndRollsBackWhenNotReady() {
    JsonNode deploy = jobs.path("deploy");
    assertThat(deploy.path("needs").asText()).isEqualTo("image");
    assertThat(deploy.path("if").asText()).contains("refs/heads/main");
    String script = String.join("\n", runs(deploy));
    int migrate = script.indexOf("job/conduit-migrate");
    int rollout = script.indexOf("kubectl rollout status deployment/conduit");
    int undo = script.indexOf("kubectl rollout undo deployment/conduit");
    assertThat(migrate).as("waits for the migration Job").isNotNegative();
    assertThat(rollout).isGreaterThan(migrate);
    assertThat(undo).as("rolls back when the rollout does not become ready").isGreaterThan(rollout);
    assertThat(script).contains("deploy/k8s/migrate-job.yaml").contains("deploy/k8s");
    assertThat(script.substring(undo)).contains("exit 1");
  }
}
