package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/: the alert rules pass {@code promtool check rules}, their unit tests pass
 * {@code promtool test rules}, and every alert has a test where it fires and one where it stays
 * quiet. (promtool is Debian's {@code prometheus} package, installed by scripts/test; without it
 * this test fails.) That the metrics exist in a real scrape is PrometheusIT's part.
 */
class PrometheusRulesTest {
  private static final String DIR = "deploy/prometheus/";
  private static final List<String> EXPECTED =
      List.of(
          "ConduitHighErrorRatio",
          "ConduitLatencySLOFastBurn",
          "ConduitLatencySLOSlowBurn",
          "ConduitReadinessFlapping",
          "ConduitDbPoolSaturated",
          "ConduitDatabaseDown",
          "ConduitGcPressure",
          "ConduitInstanceDown");

  @Test
  void promtoolAcceptsTheRulesAndTheConfig() throws Exception {
    promtool("check", "rules", "conduit-alerts.yml");
    promtool("check", "config", "prometheus.yml");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    String out = promtool("test", "rules", "conduit-alerts.test.yml");
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() {
    Set<String> alerts = new LinkedHashSet<>();
    for (JsonNode group : Repo.yaml(DIR + "conduit-alerts.yml").get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          alerts.add(rule.get("alert").asText());
          assertThat(rule.at("/labels/severity").asText())
              .as("severity of %s", rule.get("alert"))
              .isIn("page", "ticket");
          assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
        }
      }
    }
    assertThat(alerts).containsExactlyInAnyOrderElementsOf(EXPECTED);

    Set<String> fires = new LinkedHashSet<>();
    Set<String> quiet = new LinkedHashSet<>();
    JsonNode tests = Repo.yaml(DIR + "conduit-alerts.test.yml");
    assertThat(tests.get("rule_files").get(0).asText()).isEqualTo("conduit-alerts.yml");
    for (JsonNode test : tests.get("tests")) {
      for (JsonNode check : test.get("alert_rule_test")) {
        String name = check.get("alertname").asText();
        (check.get("exp_alerts").isEmpty() ? quiet : fires).add(name);
      }
    }
    assertThat(fires).as("alerts with a firing test").containsAll(alerts);
    assertThat(quiet).as("alerts with a quiet test").containsAll(alerts);
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(Repo.root().resolve(DIR).toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("promtool %s finished", args[0]).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }
}
