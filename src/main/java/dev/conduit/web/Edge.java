package dev.conduit.web;

import dev.conduit.web.ratelimit.RateLimitFactory;
import dev.conduit.web.ratelimit.RateLimitFilter;
import dev.conduit.web.ratelimit.RateLimiter;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs the edge: what the application port does before a request reaches a resource. */
public final class Edge {
  private static final Logger LOG = LoggerFactory.getLogger(Edge.class);

  private Edge() {}

  /**
   * Registers, in the order requests meet them: Jetty's body size limit, the servlet filters, then
   * Jersey's rate limits. Trusted proxies are resolved by a connector customizer, so every filter
   * and the access log see the client's address. Returns the limiter, empty when limits are off.
   */
  public static Optional<RateLimiter> install(Environment env, EdgeFactory edge) {
    var proxies = new TrustedProxyCustomizer(edge.trustedProxySet());
    long maxBody = edge.maxBodySize.toBytes();
    var errors = new JsonErrorHandler(maxBody);
    env.lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(errors);
                  for (Connector connector : server.getConnectors()) {
                    // Dropwizard's name for the application port; the HTTP factory sits inside
                    // its metrics wrapper.
                    if ("application".equals(connector.getName())) {
                      connector
                          .getContainedBeans(HttpConfiguration.ConnectionFactory.class)
                          .stream()
                          .findFirst()
                          .orElseThrow()
                          .getHttpConfiguration()
                          .addCustomizer(proxies);
                    }
                  }
                }
              }
            });
    env.getApplicationContext().setErrorHandler(errors);
    filter(env, "request-id", new RequestIdFilter());
    filter(env, "unread-body-drain", new UnreadBodyDrainFilter(maxBody));
    if (edge.securityHeaders) {
      filter(env, "security-headers", new SecurityHeadersFilter(edge.hstsMaxAge.toJavaDuration()));
    }
    filter(env, "trusted-hosts", new TrustedHostFilter(edge.allowedHostList()));
    var cors =
        new CorsFilter(
            edge.corsOriginList(), edge.corsAllowCredentials, edge.corsMaxAge.toJavaDuration());
    filter(env, "cors", cors);
    // 413 at once for a Content-Length over the limit, or when a chunked body passes it.
    env.getApplicationContext().insertHandler(new SizeLimitHandler(maxBody, -1));
    env.jersey().register(new ErrorMapper.BadMessages(errors));
    if (edge.openApi) {
      env.jersey().register(new OpenApiResource());
    }
    if (!edge.rateLimit.enabled) {
      LOG.warn(RateLimitFactory.DISABLED_WARNING);
      env.healthChecks().register("rate-limit", RateLimitFactory.offHealthCheck());
      return Optional.empty();
    }
    RateLimiter limiter = edge.rateLimit.build();
    env.lifecycle().manage(limiter);
    env.healthChecks().register("rate-limit", limiter);
    env.jersey().register(new RateLimitFilter.Api(limiter));
    env.jersey().register(new RateLimitFilter.Credentials(limiter));
    return Optional.of(limiter);
  }

  private static void filter(Environment env, String name, Filter filter) {
    env.servlets()
        .addFilter(name, filter)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
  }
}
