package dev.conduit.ops;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dropwizard metric names to Prometheus names and labels. Dropwizard names are dotted paths with
 * class names in them ({@code io.dropwizard.db.ManagedPooledDataSource.database.active});
 * Prometheus wants snake_case families with the varying parts as labels. A few rules give the
 * families that dashboards query by label; every other name is converted to snake_case as it is.
 */
final class PrometheusNames {

  /** A family name plus label names and values, before any unit suffix. */
  record Target(String name, List<String> labelNames, List<String> labelValues) {}

  private record Rule(Pattern pattern, String name, List<String> labelNames) {}

  private static final List<Rule> RULES =
      List.of(
          // EndpointTimers: one family for all endpoints.
          rule(
              "http\\.server\\.requests\\.([^.]+)\\.([^.]+)",
              "http_server_requests",
              "resource",
              "operation"),
          // Jdbi SQL-object statements (dev.conduit.user.UserDao.findByEmail).
          rule(
              "dev\\.conduit\\.(?:[a-z0-9_]+\\.)*([A-Z]\\w*Dao)\\.(\\w+)",
              "jdbi_statement",
              "dao",
              "statement"),
          // Health checks as gauges (HealthGauges).
          rule("health\\.([^.]+)\\.healthy", "health_check_healthy", "check"),
          // Tomcat JDBC pool gauges registered by Dropwizard's ManagedPooledDataSource.
          rule(
              "io\\.dropwizard\\.db\\.ManagedPooledDataSource\\.([^.]+)\\.(active|idle|size)",
              "db_pool_connections",
              "pool",
              "state"),
          rule(
              "io\\.dropwizard\\.db\\.ManagedPooledDataSource\\.([^.]+)\\.created",
              "db_pool_connections_opened",
              "pool"),
          rule(
              "io\\.dropwizard\\.db\\.ManagedPooledDataSource\\.([^.]+)\\.(.+)",
              "db_pool_$2",
              "pool"),
          // Jetty's request handler: responses by status class.
          rule(
              "io\\.dropwizard\\.jetty\\.MutableServletContextHandler\\.([1-5]xx)-responses",
              "jetty_responses",
              "status_class"),
          rule("io\\.dropwizard\\.jetty\\.MutableServletContextHandler\\.(.+)", "jetty_$1"),
          rule(
              "org\\.eclipse\\.jetty\\.util\\.thread\\.QueuedThreadPool\\.([^.]+)\\.(.+)",
              "jetty_thread_pool_$2",
              "pool"),
          // JVM memory pools and collectors keep their (spaced or dashed) names as labels.
          rule("jvm\\.memory\\.pools\\.([^.]+)\\.(.+)", "jvm_memory_pool_$2", "pool"),
          rule("jvm\\.gc\\.([^.]+)\\.count", "jvm_gc_collections", "gc"),
          rule("jvm\\.gc\\.([^.]+)\\.time", "jvm_gc_collection_time_millis", "gc"),
          rule("jvm\\.buffers\\.([^.]+)\\.count", "jvm_buffer_pool_buffers", "pool"),
          rule("jvm\\.buffers\\.([^.]+)\\.(capacity|used)", "jvm_buffer_pool_$2_bytes", "pool"),
          rule("jvm\\.threads\\.count", "jvm_threads_current"),
          rule("jvm\\.threads\\.deadlock\\.count", "jvm_threads_deadlocked"),
          rule("jvm\\.threads\\.(daemon|peak)\\.count", "jvm_threads_$1"),
          rule("jvm\\.threads\\.total_started\\.count", "jvm_threads_started"),
          rule("jvm\\.threads\\.([^.]+)\\.count", "jvm_threads_state", "state"));

  private PrometheusNames() {}

  private static Rule rule(String regex, String name, String... labelNames) {
    return new Rule(Pattern.compile(regex), name, List.of(labelNames));
  }

  static Target map(String dropwizardName) {
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(dropwizardName);
      if (!m.matches()) {
        continue;
      }
      int labels = r.labelNames().size();
      String name = r.name();
      // "$n" in a name template takes the n-th group (counted after the label groups' values).
      for (int g = m.groupCount(); g >= 1; g--) {
        name = name.replace("$" + g, m.group(g));
      }
      List<String> values = new java.util.ArrayList<>();
      for (int i = 1; i <= labels && i <= m.groupCount(); i++) {
        values.add(m.group(i));
      }
      return new Target(snake(name), r.labelNames(), values);
    }
    return new Target(snake(dropwizardName), List.of(), List.of());
  }

  /** {@code io.dropwizard.jetty.MutableServletContextHandler.2xx-responses} -> snake_case. */
  static String snake(String name) {
    String s =
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
    s = s.replaceAll("^_|_$", "");
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      s = "m_" + s;
    }
    return s;
  }
}
