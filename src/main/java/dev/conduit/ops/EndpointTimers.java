package dev.conduit.ops;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * A timer per resource method for every endpoint, without {@code @Timed} on each one: named {@code
 * http.server.requests.<ResourceClass>.<method>}, which the Prometheus exposition turns into {@code
 * http_server_requests_seconds{resource=...,operation=...}}. Timed from the start of matching to
 * the end of writing the response, errors included.
 */
public final class EndpointTimers implements ApplicationEventListener {
  public static final String PREFIX = "http.server.requests";

  private final MetricRegistry metrics;

  public EndpointTimers(MetricRegistry metrics) {
    this.metrics = metrics;
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
      var invocable = method.getInvocable();
      String name =
          MetricRegistry.name(
              PREFIX,
              invocable.getHandler().getHandlerClass().getSimpleName(),
              invocable.getDefinitionMethod().getName());
      Timer timer = metrics.timer(name);
      timer.update(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    };
  }
}
