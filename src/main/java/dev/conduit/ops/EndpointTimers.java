package dev.conduit.ops;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Latency of every endpoint, without {@code @Timed} on each one, recorded twice from the start of
 * matching to the end of writing the response, errors included:
 *
 * <ul>
 *   <li>a Prometheus histogram {@code http_server_requests_seconds{resource,operation}} with fixed
 *       buckets: unlike the quantiles of a summary, buckets add up across instances, so fleet-wide
 *       percentiles and SLO burn rates can be computed from them;
 *   <li>a Dropwizard timer {@code http.server.requests.<ResourceClass>.<method>} for {@code
 *       /metrics} and the Graphite reporter (left out of {@code /prometheus}, where the histogram
 *       has its name).
 * </ul>
 */
public final class EndpointTimers implements ApplicationEventListener {
  public static final String PREFIX = "http.server.requests";

  /**
   * Seconds. client_java's default bounds (5 ms to 10 s); the SLO threshold in
   * deploy/prometheus/conduit-alerts.yml (1 s) must be one of them.
   */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final MetricRegistry metrics;
  private final Histogram latency;

  public EndpointTimers(MetricRegistry metrics, Histogram latency) {
    this.metrics = metrics;
    this.latency = latency;
  }

  /** The histogram, registered in the {@code /prometheus} registry. */
  public static Histogram histogram(PrometheusRegistry registry) {
    return Histogram.builder()
        .name("http_server_requests_seconds")
        .help("API request latency by resource class and method (seconds)")
        .labelNames("resource", "operation")
        .classicUpperBounds(BUCKETS)
        .classicOnly()
        .register(registry);
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    // Nothing to do at application level.
  }

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    long start = System.nanoTime();
    return event -> {
      if (event.getType() != RequestEvent.Type.FINISHED) {
        return;
      }
      ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
      if (method == null) {
        return; // unmatched (404) or pre-matching failure: Jetty's meters count those
      }
      long nanos = System.nanoTime() - start;
      var invocable = method.getInvocable();
      String resource = invocable.getHandler().getHandlerClass().getSimpleName();
      String operation = invocable.getDefinitionMethod().getName();
      Timer timer = metrics.timer(MetricRegistry.name(PREFIX, resource, operation));
      timer.update(nanos, TimeUnit.NANOSECONDS);
      latency.labelValues(resource, operation).observe(nanos / 1e9);
    };
  }
}
