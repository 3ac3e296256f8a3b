package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /prometheus} exposition after real traffic on PostgreSQL, checked by {@code
 * promtool check metrics} (Debian's prometheus package; scripts/test installs it when missing).
 */
class PrometheusIT {

  @Test
  void theExpositionHasTheFamiliesOperatorsNeedAndPassesPromtool() throws Exception {
    String exposition;
    try (TestDatabase db = TestDatabase.postgres();
        // The jar, not in-process: JVM metrics are registered by Application.run(String...).
        JarApp app =
            JarApp.builder("config.yml").env("DATABASE_URL", db.url()).start("prometheus")) {
      String user =
          "{\"user\":{\"username\":\"metrics\",\"email\":\"metrics@example.com\","
              + "\"password\":\"correct horse battery\"}}";
      assertThat(app.post(app.port, "/api/users", user).statusCode()).isBetween(200, 201);
      assertThat(
              app.post(
                      app.port,
                      "/api/users/login",
                      "{\"user\":{\"email\":\"metrics@example.com\",\"password\":\"wrong\"}}")
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> response = app.get(app.adminPort, "/prometheus");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      exposition = response.body();
    }

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
        // per-endpoint timers with percentiles
        .contains(
            "http_server_requests_seconds{operation=\"login\",resource=\"UserResource\",quantile=\"0.99\"}")
        .contains(
            "http_server_requests_seconds_count{operation=\"register\",resource=\"UserResource\"} 1")
        // Jdbi statements
        .containsPattern("jdbi_statement_seconds_count\\{dao=\"UserDao\",statement=\"\\w+\"} [1-9]")
        // pool gauges
        .contains("db_pool_connections{pool=\"database\",state=\"active\"}")
        .contains("db_pool_connections{pool=\"database\",state=\"idle\"}")
        .contains("db_pool_waiting{pool=\"database\"}")
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
}
