package dev.conduit.ops;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.Maps;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.jdbi.v3.core.Jdbi;

/** The ops installer: every path and check the ops feature adds to the two ports. */
public final class Ops {
  private Ops() {}

  /** {@code ownsProcess}: started from {@code main}, so SIGTERM drains and exits 0. */
  public static void install(
      Environment env,
      OpsFactory ops,
      Jdbi jdbi,
      ManagedDataSource dataSource,
      boolean ownsProcess) {
    Drain drain = new Drain();
    HealthExecutor probes = new HealthExecutor(ops.healthCheckTimeout);
    env.lifecycle().manage(probes);
    MetricRegistry metrics = env.metrics();

    // Admin /healthcheck, each check bounded; Jdbi's "database" check gives way to a timed one.
    HealthCheckRegistry checks = env.healthChecks();
    checks.unregister("database");
    var database = probes.bounded(DatabaseChecks.roundTrip(jdbi, ops.healthCheckTimeout));
    // Parsing the changelog is a tenth of a cold start: it runs beside the rest of the start-up,
    // and is long done when the server answers its first probe.
    var schema = CompletableFuture.supplyAsync(SchemaVersion::fromChangelog);
    var migrations = probes.bounded(DatabaseChecks.migrations(jdbi, schema::join));
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

    // Probes outside Jersey; liveness never touches the database (an outage restarts no pods).
    var interval = ops.readinessInterval.toJavaDuration();
    var rounds = metrics.counter("ops.readiness.probes");
    var readiness = new Readiness(drain, database, migrations, interval, rounds);
    env.servlets()
        .addServlet("health-live", JsonServlet.constant("{\"status\":\"alive\"}"))
        .addMapping("/health/live", "/health");
    env.servlets()
        .addServlet("health-ready", new JsonServlet(readiness::answer))
        .addMapping("/health/ready");

    BuildInfo build = BuildInfo.load();
    PrometheusRegistry prometheus = PrometheusExposition.registry(metrics, build);
    env.jersey().register(new EndpointTimers(metrics, prometheus));
    env.jersey().register(new DatabaseUnavailableMapper());

    drain.tasks().forEach(env.admin()::addTask);
    String version = env.getObjectMapper().valueToTree(build).toString();
    env.admin().addServlet("version", JsonServlet.constant(version)).addMapping("/version");
    var exposition = new PrometheusMetricsServlet(prometheus);
    env.admin().addServlet("prometheus", exposition).addMapping("/prometheus");
    if (!ops.adminPassword.isEmpty()) {
      env.admin()
          .addFilter("admin-auth", new AdminAuthFilter(ops.adminUser, ops.adminPassword))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }
    if (ownsProcess) {
      drain.drainOnSigterm(ops.drainPeriod);
    }
  }

  // Gauges health.<check>.healthy (1 or 0) for Prometheus and Graphite. One run of all checks
  // serves every gauge for 5 s: a scrape costs at most one round of checks.
  private static void healthGauges(
      MetricRegistry metrics, HealthCheckRegistry checks, ExecutorService parallel) {
    Supplier<Map<String, Integer>> healthy =
        Suppliers.memoizeWithExpiration(
            () ->
                Maps.transformValues(checks.runHealthChecks(parallel), r -> r.isHealthy() ? 1 : 0),
            Duration.ofSeconds(5));
    for (String name : checks.getNames()) {
      String metric = MetricRegistry.name("health", name.replace('.', '_'), "healthy");
      metrics.<Gauge<Integer>>gauge(metric, () -> () -> healthy.get().getOrDefault(name, 0));
    }
  }
}
