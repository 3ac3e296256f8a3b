package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusNamesTest {

  @ParameterizedTest
  @CsvSource({
    "io.dropwizard.jetty.MutableServletContextHandler.active-requests, jetty_active_requests",
    "jvm.memory.heap.used, jvm_memory_heap_used",
    "ch.qos.logback.core.Appender.warn, ch_qos_logback_core_appender_warn",
    "sql.raw, sql_raw",
    "2xx, m_2xx",
    "HTTPServer.requestCount, http_server_request_count",
  })
  void convertsOtherNamesToSnakeCase(String dropwizard, String prometheus) {
    assertThat(PrometheusNames.map(dropwizard).name()).isEqualTo(prometheus);
    assertThat(PrometheusNames.map(dropwizard).labelNames()).isEmpty();
  }

  @Test
  void endpointTimersBecomeOneFamilyWithLabels() {
    var t = PrometheusNames.map("http.server.requests.UserResource.login");
    assertThat(t.name()).isEqualTo("http_server_requests");
    assertThat(t.labelNames()).containsExactly("resource", "operation");
    assertThat(t.labelValues()).containsExactly("UserResource", "login");
  }

  @Test
  void jdbiStatementsPoolHealthAndJettyGetLabels() {
    assertThat(PrometheusNames.map("dev.conduit.user.UserDao.findByEmail"))
        .isEqualTo(
            new PrometheusNames.Target(
                "jdbi_statement", List.of("dao", "statement"), List.of("UserDao", "findByEmail")));
    assertThat(PrometheusNames.map("io.dropwizard.db.ManagedPooledDataSource.database.active"))
        .isEqualTo(
            new PrometheusNames.Target(
                "db_pool_connections", List.of("pool", "state"), List.of("database", "active")));
    assertThat(PrometheusNames.map("io.dropwizard.db.ManagedPooledDataSource.database.waiting"))
        .isEqualTo(
            new PrometheusNames.Target("db_pool_waiting", List.of("pool"), List.of("database")));
    assertThat(PrometheusNames.map("health.database.healthy"))
        .isEqualTo(
            new PrometheusNames.Target(
                "health_check_healthy", List.of("check"), List.of("database")));
    assertThat(
            PrometheusNames.map("io.dropwizard.jetty.MutableServletContextHandler.5xx-responses"))
        .isEqualTo(
            new PrometheusNames.Target("jetty_responses", List.of("status_class"), List.of("5xx")));
    assertThat(PrometheusNames.map("jvm.threads.timed_waiting.count"))
        .isEqualTo(
            new PrometheusNames.Target(
                "jvm_threads_state", List.of("state"), List.of("timed_waiting")));
    assertThat(PrometheusNames.map("jvm.gc.G1-Young-Generation.count"))
        .isEqualTo(
            new PrometheusNames.Target(
                "jvm_gc_collections", List.of("gc"), List.of("G1-Young-Generation")));
  }
}
