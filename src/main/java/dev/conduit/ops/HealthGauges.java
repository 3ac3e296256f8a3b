package dev.conduit.ops;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Health check states as gauges ({@code health.<check>.healthy}: 1 or 0), for Prometheus and
 * Graphite alike. One run of all checks is shared by every gauge and cached for a few seconds, so a
 * scrape costs at most one round of (time-bounded) checks.
 */
public final class HealthGauges {
  private HealthGauges() {}

  public static void register(
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
        metrics.register(metric, (Gauge<Integer>) () -> healthy(results.getValue(), name));
      }
    }
  }

  private static int healthy(Map<String, HealthCheck.Result> results, String name) {
    HealthCheck.Result r = results.get(name);
    return r != null && r.isHealthy() ? 1 : 0;
  }
}
