package dev.conduit.ops;

import ch.qos.logback.access.common.spi.IAccessEvent;
import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.filter.FilterFactory;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.filter.UriFilterFactory;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/** The ops installer: every path and check the ops feature adds to the two ports. */
public final class Ops {
  /** The probes on the application port; kept out of the request log. */
  static final Set<String> PROBES = Set.of("/health", "/health/live", "/health/ready");

  private Ops() {}

  /** {@code ownsProcess}: started from {@code main}, so SIGTERM drains and exits 0. */
  public static Drain install(
      Environment env,
      OpsFactory ops,
      ServerFactory serverFactory,
      Jdbi jdbi,
      ManagedDataSource dataSource,
      boolean ownsProcess) {
    Drain drain = new Drain();
    HealthExecutor probes = new HealthExecutor(ops.healthCheckTimeout);
    env.lifecycle().manage(probes);
    MetricRegistry metrics = env.metrics();

    // Admin /healthcheck, each check bounded by the timeout; Jdbi's "database" check is replaced
    // by one that reports the round-trip time.
    HealthCheckRegistry checks = env.healthChecks();
    checks.unregister("database");
    var database = probes.bounded(DatabaseChecks.roundTrip(jdbi, probes.queryTimeoutSeconds()));
    var migrations = probes.bounded(DatabaseChecks.migrations(jdbi, SchemaVersion.fromChangelog()));
    checks.register("database", database);
    if (dataSource instanceof DataSourceProxy pool) {
      checks.register("pool", probes.bounded(DatabaseChecks.pool(pool)));
      // Dropwizard's pool gauges leave out the limit: db_pool_max{pool="database"}.
      String max = MetricRegistry.name(ManagedPooledDataSource.class, "database", "max");
      metrics.register(max, (Gauge<Integer>) pool::getMaxActive);
    }
    checks.register("migrations", migrations);
    checks.register("drain", drain);
    metrics.register("ops.draining", (Gauge<Integer>) () -> drain.isDraining() ? 1 : 0);
    // /healthcheck runs the checks side by side: a hung database costs one timeout, not one each.
    ExecutorService parallel =
        env.lifecycle().executorService("admin-healthcheck-%d").minThreads(4).maxThreads(4).build();
    env.getAdminContext().setAttribute(HealthCheckServlet.HEALTH_CHECK_EXECUTOR, parallel);
    // Once all checks are registered (Dropwizard adds "deadlocks" late).
    env.lifecycle().addServerLifecycleListener(s -> healthGauges(metrics, checks, parallel));

    // Application port probes, outside Jersey. Liveness never touches the database, so an outage
    // does not get pods restarted.
    var readiness =
        new Readiness(
            drain,
            database,
            migrations,
            ops.readinessInterval.toJavaDuration(),
            metrics.counter("ops.readiness.probes"));
    env.servlets()
        .addServlet("health-live", JsonServlet.constant("{\"status\":\"alive\"}"))
        .addMapping("/health/live", "/health");
    env.servlets()
        .addServlet("health-ready", new JsonServlet(readiness::answer))
        .addMapping("/health/ready");
    quietProbesInRequestLog(serverFactory);

    // API: per-endpoint latency, and database outages as 503.
    BuildInfo build = BuildInfo.load();
    PrometheusRegistry prometheus = PrometheusExposition.registry(metrics, build);
    env.jersey().register(new EndpointTimers(metrics, prometheus));
    env.jersey().register(new DatabaseUnavailableMapper());

    // Admin port: tasks, version, Prometheus, and basic auth when a password is set.
    env.admin().addTask(drain.drainTask());
    env.admin().addTask(drain.undrainTask());
    String version = env.getObjectMapper().valueToTree(build).toString();
    env.admin().addServlet("version", JsonServlet.constant(version)).addMapping("/version");
    env.admin()
        .addServlet("prometheus", new PrometheusMetricsServlet(prometheus))
        .addMapping("/prometheus");
    if (!ops.adminPassword.isEmpty()) {
      env.admin()
          .addFilter("admin-auth", new AdminAuthFilter(ops.adminUser, ops.adminPassword))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }
    if (ownsProcess) {
      drain.drainOnSigterm(ops.drainPeriod);
    }
    return drain;
  }

  /**
   * Check states as gauges {@code health.<check>.healthy} (1 or 0) for Prometheus and Graphite. One
   * run of all checks serves every gauge for 5 s: a scrape costs at most one round of checks.
   */
  private static void healthGauges(
      MetricRegistry metrics, HealthCheckRegistry checks, ExecutorService parallel) {
    CachedGauge<SortedMap<String, HealthCheck.Result>> results =
        new CachedGauge<>(5, TimeUnit.SECONDS) {
          @Override
          protected SortedMap<String, HealthCheck.Result> loadValue() {
            return checks.runHealthChecks(parallel);
          }
        };
    for (String name : checks.getNames()) {
      String metric = MetricRegistry.name("health", name.replace('.', '_'), "healthy");
      if (!metrics.getGauges().containsKey(metric)) {
        metrics.register(
            metric,
            (Gauge<Integer>)
                () ->
                    Optional.ofNullable(results.getValue().get(name))
                            .filter(HealthCheck.Result::isHealthy)
                            .isPresent()
                        ? 1
                        : 0);
      }
    }
  }

  /**
   * Dropwizard's own URI filter for the probes on every request-log appender, whatever the config:
   * platforms probe every few seconds and would drown the log.
   */
  @SuppressWarnings("unchecked")
  private static void quietProbesInRequestLog(ServerFactory serverFactory) {
    if (serverFactory instanceof AbstractServerFactory server
        && server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory log) {
      var probes = new UriFilterFactory();
      probes.setUris(PROBES);
      for (var appender : log.getAppenders()) {
        if (appender instanceof AbstractAppenderFactory<?> a) {
          var typed = (AbstractAppenderFactory<IAccessEvent>) a;
          typed.setFilterFactories(
              Stream.<FilterFactory<IAccessEvent>>concat(
                      typed.getFilterFactories().stream(), Stream.of(probes))
                  .toList());
        }
      }
    }
  }
}
