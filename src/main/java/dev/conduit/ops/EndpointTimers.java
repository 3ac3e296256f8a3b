package dev.conduit.ops;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEvent.Type;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Latency of every endpoint (no {@code @Timed} on each), errors included: a Prometheus histogram
 * (buckets add up across instances, quantiles do not) and a Dropwizard timer for Graphite.
 */
public final class EndpointTimers implements ApplicationEventListener {
  public static final String PREFIX = "http.server.requests.";

  private final MetricRegistry metrics;
  private final Histogram latency;

  public EndpointTimers(MetricRegistry metrics, PrometheusRegistry registry) {
    this.metrics = metrics;
    this.latency =
        Histogram.builder()
            .name("http_server_requests_seconds")
            .help("API request latency by resource class and method (seconds)")
            .labelNames("resource", "operation")
            .classicOnly() // default buckets, 5 ms to 10 s, include conduit-alerts.yml's 1 s SLO
            .register(registry);
  }

  @Override
  public void onEvent(ApplicationEvent event) {}

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    long start = System.nanoTime();
    return event -> {
      ResourceMethod matched =
          event.getType() == Type.FINISHED ? event.getUriInfo().getMatchedResourceMethod() : null;
      // Null too when unmatched (404) or failed before matching: Jetty's meters count those.
      if (matched != null) {
        long nanos = System.nanoTime() - start;
        var invocable = matched.getInvocable();
        String resource = invocable.getHandler().getHandlerClass().getSimpleName();
        String method = invocable.getDefinitionMethod().getName();
        metrics.timer(PREFIX + resource + "." + method).update(Duration.ofNanos(nanos));
        latency.labelValues(resource, method).observe(nanos / 1e9);
      }
    };
  }
}
