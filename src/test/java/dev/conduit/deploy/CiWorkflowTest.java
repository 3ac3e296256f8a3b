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
                          assertThat(u)
                              .as("third-party actions pinned by commit SHA (a tag can move)")
                              .matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}"));
              job.path("needs")
                  .forEach(n -> assertThat(jobs.has(n.asText())).as("needs %s", n).isTrue());
              if (job.path("needs").isTextual()) {
                assertThat(jobs.has(job.path("needs").asText())).isTrue();
              }
            });
  }

  /** The README's test command, provisioning its own servers, as on any machine. */
  @Test
  void testsWithTheReadmeCommandAndNoServiceContainers() {
    JsonNode build = jobs.path("build");
    assertThat(build.has("services")).isFalse();
    assertThat(runs(build)).contains("scripts/test");
    JsonNode tests = null;
    for (JsonNode s : build.path("steps")) {
      if ("tests".equals(s.path("id").asText())) {
        tests = s;
      }
    }
    assertThat(tests).as("the step with id tests (CiWorkflowIT finds it by id)").isNotNull();
    assertThat(tests.path("run").asText().strip()).isEqualTo("scripts/test");
  }

  /** ghcr.io rejects upper case; github.repository keeps the owner's capitals. */
  @Test
  void theImageNameIsLowerCase() {
    String all = Repo.read(".github/workflows/ci.yml");
    assertThat(all).contains("ghcr.io/${GITHUB_REPOSITORY,,}");
    assertThat(all).doesNotContain("ghcr.io/${{ github.repository }}");
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

  /** The image is built (from the tested jar) and scanned on every run, pushed only on main. */
  @Test
  void buildsScansAndPushesTheImageOnlyOnMainAfterTheChecks() {
    JsonNode image = jobs.path("image");
    assertThat(image.path("needs").toString()).contains("build").contains("conformance");
    assertThat(image.at("/permissions/packages").asText()).isEqualTo("write");
    int build = -1;
    int scan = -1;
    int push = -1;
    List<JsonNode> steps = new ArrayList<>();
    image.path("steps").forEach(steps::add);
    for (int i = 0; i < steps.size(); i++) {
      JsonNode s = steps.get(i);
      if (s.path("uses").asText().startsWith("docker/build-push-action@")) {
        build = i;
        assertThat(s.at("/with/push").asBoolean(false))
            .as("build only, push after the scan")
            .isFalse();
        assertThat(s.at("/with/load").asBoolean()).isTrue();
        assertThat(s.at("/with/tags").asText()).contains("${{ github.sha }}");
      }
      if (s.path("uses").asText().startsWith("aquasecurity/trivy-action@")
          && s.at("/with/scan-type").asText().equals("image")) {
        scan = i;
        assertThat(s.at("/with/image-ref").asText()).contains("${{ github.sha }}");
        assertThat(s.at("/with/exit-code").asText()).isEqualTo("1");
      }
      if (s.path("run").asText().contains("docker push")) {
        push = i;
        assertThat(s.path("if").asText()).contains("refs/heads/main");
      }
    }
    assertThat(build).isNotNegative();
    assertThat(scan).as("scans the built image").isGreaterThan(build);
    assertThat(push).as("pushes only what passed the scan").isGreaterThan(scan);
  }

  @Test
  void deployMigratesThenRollsOutAndRollsBackWhenNotReady() {
    JsonNode deploy = jobs.path("deploy");
    assertThat(deploy.path("needs").asText()).isEqualTo("image");
    assertThat(deploy.path("if").asText()).contains("refs/heads/main");
    String script = String.join("\n", runs(deploy));
    int overlays = script.indexOf("kustomization.yaml");
    int migrate = script.indexOf("kubectl apply -k .release/migrate");
    int waitJob = script.indexOf("job/conduit-migrate");
    int apply = script.indexOf("kubectl apply -k .release/app");
    int rollout = script.indexOf("kubectl rollout status deployment/conduit");
    int undo = script.indexOf("kubectl rollout undo deployment/conduit");
    assertThat(migrate).as("applies the migration").isGreaterThan(overlays);
    assertThat(waitJob).as("waits for the migration Job").isGreaterThan(migrate);
    assertThat(apply).isGreaterThan(waitJob);
    assertThat(rollout).isGreaterThan(apply);
    assertThat(undo).as("rolls back when the rollout does not become ready").isGreaterThan(rollout);
    assertThat(script).doesNotContain("sed ");
    assertThat(script.substring(undo)).contains("exit 1");
  }
}
