package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.conduit.ops.PromQl.Selector;
import dev.conduit.ops.PromQl.Series;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /prometheus} exposition after real traffic on PostgreSQL, checked by {@code
 * promtool check metrics} (Debian's prometheus package; scripts/test installs it when missing), and
 * against what operators query: every selector of the alert rules (deploy/prometheus/) and of the
 * Grafana dashboard (deploy/grafana/) selects at least one series of this scrape.
 */
class PrometheusIT {
  /** Added by Prometheus at scrape time, so never in an exposition. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

  private static String exposition;
  private static List<Series> scraped;

  @BeforeAll
  static void scrape() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        // The jar, not in-process: JVM metrics are registered by Application.run(String...).
        Jar app = Jar.server("config.yml").env("DATABASE_URL", db.url()).start("prometheus")) {
      Http api = app.http();
      Users.register(api, "metrics");
      assertThat(api.post("/users/login", Users.login(Users.email("metrics"), "wrong")).status())
          .isEqualTo(401);
      assertThat(api.get("/articles").status()).isEqualTo(200);
      Http.Reply response = app.admin().get("/prometheus");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/plain");
      exposition = response.body();
    }
    scraped = PromQl.series(exposition);
  }

  @Test
  void theExpositionHasTheFamiliesOperatorsNeedAndPassesPromtool() throws Exception {
    assertThat(exposition)
        // JVM
        .contains("# TYPE jvm_memory_heap_used gauge")
        .contains("jvm_gc_collections{gc=")
        .contains("jvm_threads_state{state=\"runnable\"}")
        // Jetty: requests by status class, active requests, thread pool
        .contains("jetty_responses_total{status_class=\"2xx\"}")
        .contains("jetty_responses_total{status_class=\"4xx\"} ")
        .contains("# TYPE jetty_active_requests gauge")
        .contains("jetty_thread_pool_utilization{pool=\"dw\"}")
        // per-endpoint latency as a histogram (buckets add up across instances)
        .contains("# TYPE http_server_requests_seconds histogram")
        .containsPattern(
            "http_server_requests_seconds_bucket\\{operation=\"login\",resource=\"UserResource\",le=\"1.0\"} [01]\n")
        .contains(
            "http_server_requests_seconds_bucket{operation=\"login\",resource=\"UserResource\",le=\"+Inf\"} 1")
        .contains(
            "http_server_requests_seconds_count{operation=\"register\",resource=\"UserResource\"} 1")
        // In seconds: under 30 (in milliseconds a bcrypt registration is more); not under 1, which
        // a registration on a busy shared machine exceeds (1.7 s seen).
        .containsPattern(
            "http_server_requests_seconds_sum\\{operation=\"register\",resource=\"UserResource\"}"
                + " (?:[0-9]|[12][0-9])\\.\\d+\n")
        .doesNotContain("http_server_requests_seconds{")
        // Jdbi statements
        .containsPattern("jdbi_statement_seconds_count\\{dao=\"UserDao\",statement=\"\\w+\"} [1-9]")
        // pool gauges
        .contains("db_pool_connections{pool=\"database\",state=\"active\"}")
        .contains("db_pool_connections{pool=\"database\",state=\"idle\"}")
        .contains("db_pool_waiting{pool=\"database\"}")
        .contains("db_pool_max{pool=\"database\"} 16.0")
        // health checks as gauges
        .contains("health_check_healthy{check=\"database\"} 1.0")
        .contains("health_check_healthy{check=\"migrations\"} 1.0")
        .contains("ops_draining 0.0")
        // build info
        .containsPattern(
            "conduit_build_info\\{build_time=\"[^\"]+\",commit=\"[^\"]+\",version=\"[^\"]+\"} 1");

    Path file = Files.createDirectories(Path.of("target", "ops-it")).resolve("prometheus.txt");
    Files.writeString(file, exposition, StandardCharsets.UTF_8);
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.exitValue()).as("promtool check metrics:\n%s", out).isZero();
  }

  @Test
  void everyAlertRuleSelectsSeriesTheServiceExports() throws Exception {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("deploy", "prometheus", "conduit-alerts.yml").toFile());
    Set<String> recorded = new HashSet<>();
    List<String> expressions = new ArrayList<>();
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("record")) {
          recorded.add(rule.get("record").asText());
        }
        expressions.add(rule.get("expr").asText());
      }
    }
    // `up` is written by Prometheus for each target; recorded series are the rules' own.
    Set<String> notScraped = new HashSet<>(recorded);
    notScraped.add("up");
    assertEverySelectorMatches("deploy/prometheus/conduit-alerts.yml", expressions, notScraped);
  }

  @Test
  void everyDashboardQuerySelectsSeriesTheServiceExports() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(Path.of("deploy", "grafana", "conduit.json").toFile());
    List<String> expressions = new ArrayList<>();
    collectExpressions(dashboard.get("panels"), expressions);
    assertThat(expressions).hasSizeGreaterThan(15);
    // Template variables: label_values(<selector>, label).
    Pattern labelValues = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");
    for (JsonNode variable : dashboard.at("/templating/list")) {
      Matcher m = labelValues.matcher(variable.path("query").asText());
      if (m.matches()) {
        expressions.add(m.group(1));
      }
    }
    assertEverySelectorMatches("deploy/grafana/conduit.json", expressions, Set.of());
  }

  private static void collectExpressions(JsonNode panels, List<String> into) {
    for (JsonNode panel : panels) {
      assertThat(panel.path("datasource").path("uid").asText("${datasource}"))
          .as("panel %s uses the dashboard's data source variable", panel.path("title"))
          .isEqualTo("${datasource}");
      for (JsonNode target : panel.path("targets")) {
        into.add(target.get("expr").asText());
      }
      collectExpressions(panel.path("panels"), into);
    }
  }

  /**
   * Each vector selector (name and label matchers, except the target labels Prometheus adds and
   * Grafana variables) must select a series of the real scrape.
   */
  private static void assertEverySelectorMatches(
      String file, List<String> expressions, Set<String> notScraped) {
    int checked = 0;
    for (String expr : expressions) {
      for (Selector selector : PromQl.selectors(expr)) {
        if (notScraped.contains(selector.metric())) {
          continue;
        }
        Set<String> ignored = new HashSet<>(TARGET_LABELS);
        selector.matchers().stream()
            .filter(m -> m.value().contains("$"))
            .forEach(m -> ignored.add(m.label()));
        assertThat(scraped)
            .as("%s: %s selects nothing in a real scrape (in: %s)", file, selector, expr)
            .anyMatch(series -> selector.selects(series, ignored));
        checked++;
      }
    }
    assertThat(checked).as("selectors checked in %s", file).isGreaterThan(5);
  }
}
