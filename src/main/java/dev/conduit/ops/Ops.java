package dev.conduit.ops;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/**
 * The ops installer, called once from {@code ConduitApplication.run()}: every path and check the
 * ops feature adds to the two ports, in one place.
 */
public final class Ops {
  /** The probes on the application port; kept out of the request log. */
  static final Set<String> PROBES = Set.of("/health", "/health/live", "/health/ready");

  private Ops() {}

  /**
   * @param ownsProcess true only when started from {@code main}: then SIGTERM drains and exits 0
   */
  public static Drain install(
      Environment env,
      OpsFactory ops,
      ServerFactory serverFactory,
      Jdbi jdbi,
      ManagedDataSource dataSource,
      boolean ownsProcess) {
    Drain drain = new Drain();
    HealthExecutor probes = new HealthExecutor(ops.getHealthCheckTimeout());
    env.lifecycle().manage(probes);

    // Admin /healthcheck: each check bounded by the timeout. Jdbi's own "database" check is
    // replaced by one that reports the round-trip time.
    HealthCheckRegistry checks = env.healthChecks();
    checks.unregister("database");
    var database = probes.bounded(DatabaseChecks.roundTrip(jdbi, probes.queryTimeoutSeconds()));
    var migrations = probes.bounded(DatabaseChecks.migrations(jdbi, SchemaVersion.fromChangelog()));
    checks.register("database", database);
    if (dataSource instanceof DataSourceProxy pool) {
      checks.register("pool", probes.bounded(DatabaseChecks.pool(pool)));
      // Beside Dropwizard's own pool gauges (active, idle, waiting...), which leave out the limit
      // that saturation is measured against: db_pool_max{pool="database"} on /prometheus.
      env.metrics()
          .register(
              MetricRegistry.name(ManagedPooledDataSource.class, "database", "max"),
              (Gauge<Integer>) pool::getMaxActive);
    }
    checks.register("migrations", migrations);
    checks.register("drain", drain.healthCheck());
    env.metrics().register("ops.draining", (Gauge<Integer>) () -> drain.isDraining() ? 1 : 0);
    // /healthcheck runs the checks side by side: a hung database costs one timeout, not one each.
    ExecutorService parallel =
        env.lifecycle().executorService("admin-healthcheck-%d").minThreads(4).maxThreads(4).build();
    env.getAdminContext().setAttribute(HealthCheckServlet.HEALTH_CHECK_EXECUTOR, parallel);
    // All checks are registered by the time the server starts (Dropwizard adds "deadlocks").
    env.lifecycle()
        .addServerLifecycleListener(
            server -> HealthGauges.register(env.metrics(), checks, parallel));

    // Application port probes, outside Jersey. Liveness never touches the database, so an outage
    // does not get pods restarted.
    var readiness =
        new Readiness(
            drain,
            database,
            migrations,
            ops.getReadinessInterval().toJavaDuration(),
            env.metrics().counter("ops.readiness.probes"));
    env.servlets()
        .addServlet("health-live", JsonServlet.constant("{\"status\":\"alive\"}"))
        .addMapping("/health/live", "/health");
    env.servlets()
        .addServlet("health-ready", new JsonServlet(readiness::answer))
        .addMapping("/health/ready");
    quietProbesInRequestLog(serverFactory);

    // API: per-endpoint latency (histogram on /prometheus), and database outages as 503.
    BuildInfo build = BuildInfo.load();
    PrometheusRegistry prometheus = PrometheusExposition.registry(env.metrics(), build);
    env.jersey().register(new EndpointTimers(env.metrics(), EndpointTimers.histogram(prometheus)));
    env.jersey().register(new DatabaseUnavailableMapper());

    // Admin port: tasks, version, Prometheus, and basic auth when a password is set.
    env.admin().addTask(drain.drainTask());
    env.admin().addTask(drain.undrainTask());
    env.admin()
        .addServlet("version", JsonServlet.constant(build.toJson(env.getObjectMapper())))
        .addMapping("/version");
    env.admin()
        .addServlet("prometheus", new PrometheusMetricsServlet(prometheus))
        .addMapping("/prometheus");
    if (!ops.getAdminPassword().isEmpty()) {
      env.admin()
          .addFilter("admin-auth", new AdminAuthFilter(ops.getAdminUser(), ops.getAdminPassword()))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    if (ownsProcess) {
      drain.drainOnSigterm(ops.getDrainPeriod());
    }
    return drain;
  }

  /**
   * Adds Dropwizard's own URI filter for the probes to every request-log appender, whatever the
   * config: platforms probe every few seconds and would drown the log.
   */
  @SuppressWarnings("unchecked")
  private static void quietProbesInRequestLog(ServerFactory serverFactory) {
    if (!(serverFactory instanceof AbstractServerFactory server)
        || !(server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory log)) {
      return;
    }
    var probes = new UriFilterFactory();
    probes.setUris(PROBES);
    for (var appender : log.getAppenders()) {
      if (appender instanceof AbstractAppenderFactory<?> a) {
        var typed = (AbstractAppenderFactory<ch.qos.logback.access.common.spi.IAccessEvent>) a;
        List<FilterFactory<ch.qos.logback.access.common.spi.IAccessEvent>> filters =
            new ArrayList<>(typed.getFilterFactories());
        filters.add(probes);
        typed.setFilterFactories(filters);
      }
    }
  }
}
