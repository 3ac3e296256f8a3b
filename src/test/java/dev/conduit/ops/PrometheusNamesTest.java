package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusNamesTest {
  private static final PrometheusNames NAMES = new PrometheusNames();

  private static Labels labels(String dropwizard) {
    return NAMES.getLabels(dropwizard, List.of(), List.of());
  }

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
    assertThat(NAMES.getName(dropwizard)).isEqualTo(prometheus);
    assertThat((Object) labels(dropwizard)).isEqualTo(Labels.EMPTY);
  }

  @Test
  void endpointTimersBecomeOneFamilyWithLabels() {
    assertThat(NAMES.getName("http.server.requests.UserResource.login"))
        .isEqualTo("http_server_requests");
    assertThat((Object) labels("http.server.requests.UserResource.login"))
        .isEqualTo(Labels.of("resource", "UserResource", "operation", "login"));
  }

  @Test
  void jdbiStatementsPoolHealthAndJettyGetLabels() {
    assertMaps(
        "dev.conduit.user.UserDao.findByEmail",
        "jdbi_statement",
        Labels.of("dao", "UserDao", "statement", "findByEmail"));
    assertMaps(
        "io.dropwizard.db.ManagedPooledDataSource.database.active",
        "db_pool_connections",
        Labels.of("pool", "database", "state", "active"));
    assertMaps(
        "io.dropwizard.db.ManagedPooledDataSource.database.waiting",
        "db_pool_waiting",
        Labels.of("pool", "database"));
    assertMaps("health.database.healthy", "health_check_healthy", Labels.of("check", "database"));
    assertMaps(
        "io.dropwizard.jetty.MutableServletContextHandler.5xx-responses",
        "jetty_responses",
        Labels.of("status_class", "5xx"));
    assertMaps(
        "jvm.threads.timed_waiting.count",
        "jvm_threads_state",
        Labels.of("state", "timed_waiting"));
    assertMaps(
        "jvm.gc.G1-Young-Generation.count",
        "jvm_gc_collections",
        Labels.of("gc", "G1-Young-Generation"));
  }

  @Test
  void aMeterAskedForWithTotalMapsLikeItsDropwizardName() {
    // DropwizardExports asks for a meter's name with "_total" added.
    assertThat(
            NAMES.getName("io.dropwizard.jetty.MutableServletContextHandler.2xx-responses_total"))
        .isEqualTo("jetty_responses");
  }

  private static void assertMaps(String dropwizard, String name, Labels expected) {
    assertThat(NAMES.getName(dropwizard)).isEqualTo(name);
    assertThat((Object) labels(dropwizard)).isEqualTo(expected);
  }
}
