package dev.conduit.ops;

import static java.util.stream.Collectors.toMap;

import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Dropwizard names to Prometheus families and labels by client_java's own label mapper (globs,
 * first match wins), then snake_case, which promtool asks for and the mapper does not do.
 */
final class PrometheusNames extends CustomLabelMapper {
  private static final String POOL = "io.dropwizard.db.ManagedPooledDataSource.*.";
  private static final String JETTY = "io.dropwizard.jetty.MutableServletContextHandler.";

  private static final List<MapperConfig> RULES =
      List.of(
          rule(
              "http.server.requests.*.*",
              "http_server_requests",
              "resource=${0}",
              "operation=${1}"),
          // Jdbi statements (dev.conduit.user.UserDao.findByEmail; StatementNames).
          rule("dev.conduit.*.*.*", "jdbi_statement", "dao=${1}", "statement=${2}"),
          rule("health.*.healthy", "health_check_healthy", "check=${0}"),
          rule(POOL + "active", "db_pool_connections", "pool=${0}", "state=active"),
          rule(POOL + "idle", "db_pool_connections", "pool=${0}", "state=idle"),
          rule(POOL + "size", "db_pool_connections", "pool=${0}", "state=size"),
          rule(POOL + "created", "db_pool_connections_opened", "pool=${0}"),
          rule(POOL + "*", "db_pool_${1}", "pool=${0}"),
          rule(JETTY + "1xx-responses", "jetty_responses", "status_class=1xx"),
          rule(JETTY + "2xx-responses", "jetty_responses", "status_class=2xx"),
          rule(JETTY + "3xx-responses", "jetty_responses", "status_class=3xx"),
          rule(JETTY + "4xx-responses", "jetty_responses", "status_class=4xx"),
          rule(JETTY + "5xx-responses", "jetty_responses", "status_class=5xx"),
          rule(JETTY + "*", "jetty_${0}"),
          rule(
              "org.eclipse.jetty.util.thread.QueuedThreadPool.*.*",
              "jetty_thread_pool_${1}",
              "pool=${0}"),
          // JVM memory pools and collectors keep their (spaced or dashed) names as labels.
          rule("jvm.memory.pools.*.*", "jvm_memory_pool_${1}", "pool=${0}"),
          rule("jvm.gc.*.count", "jvm_gc_collections", "gc=${0}"),
          rule("jvm.gc.*.time", "jvm_gc_collection_time_millis", "gc=${0}"),
          rule("jvm.buffers.*.count", "jvm_buffer_pool_buffers", "pool=${0}"),
          rule("jvm.buffers.*.capacity", "jvm_buffer_pool_capacity_bytes", "pool=${0}"),
          rule("jvm.buffers.*.used", "jvm_buffer_pool_used_bytes", "pool=${0}"),
          rule("jvm.threads.count", "jvm_threads_current"),
          rule("jvm.threads.deadlock.count", "jvm_threads_deadlocked"),
          rule("jvm.threads.daemon.count", "jvm_threads_daemon"),
          rule("jvm.threads.peak.count", "jvm_threads_peak"),
          rule("jvm.threads.total_started.count", "jvm_threads_started"),
          rule("jvm.threads.*.count", "jvm_threads_state", "state=${0}"));

  PrometheusNames() {
    super(RULES);
  }

  /** Labels as {@code name=value}; a value may name a star of the match, {@code ${0}}. */
  private static MapperConfig rule(String match, String name, String... labels) {
    var values =
        Arrays.stream(labels).map(l -> l.split("=", 2)).collect(toMap(l -> l[0], l -> l[1]));
    return new MapperConfig(match, name, values);
  }

  /** DropwizardExports asks for a meter's name with "_total" added; the rules match without it. */
  @Override
  public String getName(String dropwizardName) {
    return snake(super.getName(dropwizardName.replaceFirst("_total$", "")));
  }

  /** {@code MutableServletContextHandler.2xx-responses} to snake_case. */
  static String snake(String name) {
    String s =
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
    s = s.replaceAll("^_|_$", "");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "m_" + s : s;
  }
}
