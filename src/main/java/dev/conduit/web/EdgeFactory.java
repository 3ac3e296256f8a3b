package dev.conduit.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conduit.config.Serving;
import dev.conduit.web.ratelimit.RateLimitFactory;
import dev.conduit.web.ratelimit.RateLimitFilter;
import dev.conduit.web.ratelimit.RateLimitHealthCheck;
import dev.conduit.web.ratelimit.RateLimiter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application port does before a request reaches a resource: security headers, CORS,
 * trusted hosts and proxies, body size and rate limits, API docs. The defaults here are the strict
 * production ones; {@code config.yml} relaxes what development does not need.
 *
 * <p>List-valued settings that come from environment variables ({@code CORS_ORIGINS}, {@code
 * ALLOWED_HOSTS}, {@code TRUSTED_PROXIES}) are comma-separated strings, so one variable can hold
 * them.
 */
public class EdgeFactory {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeFactory.class);

  /** Loopback and private ranges: where nginx or a platform load balancer sits. */
  /** Dropwizard's name for the application port's connectors (the admin ones are "admin"). */
  static final String APPLICATION_CONNECTOR = "application";

  public static final String PRIVATE_RANGES =
      "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

  /** Security headers on every response (HSTS only over HTTPS). */
  private boolean securityHeaders = true;

  /** HSTS max-age; zero turns HSTS off (e.g. while a domain is still being moved to HTTPS). */
  @NotNull private Duration hstsMaxAge = Duration.days(365);

  /**
   * Exact origins allowed to call the API from a browser; {@code *} allows any (no credentials).
   */
  @NotNull private String corsOrigins = "";

  /** Whether CORS responses allow credentials (cookies); the API itself uses a header token. */
  private boolean corsAllowCredentials = false;

  @NotNull private Duration corsMaxAge = Duration.hours(1);

  /** Host names this service answers to; empty means any (development). {@code *.x.org} works. */
  @NotNull private String allowedHosts = "";

  /** Production sets this: an empty host list is then a start-up error, not "any host". */
  private boolean requireAllowedHosts = false;

  /** CIDRs whose X-Forwarded-For/-Proto are believed; empty means none (strict by default). */
  @NotNull private String trustedProxies = "";

  /** Largest request body accepted; bigger ones get 413 before they are read whole. */
  @NotNull private DataSize maxBodySize = DataSize.mebibytes(1);

  /** Serve the service's OpenAPI document at /api/openapi.json (development only by default). */
  private boolean openApi = false;

  @Valid @NotNull private RateLimitFactory rateLimit = new RateLimitFactory();

  /** A wildcard origin with credentials would let any site act as the signed-in user. */
  @AssertTrue(message = "CORS origin '*' cannot be combined with corsAllowCredentials: true")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isCorsSafe() {
    return !(corsAllowCredentials && corsOriginList().contains("*"));
  }

  @AssertTrue(
      groups = Serving.class,
      message =
          "ALLOWED_HOSTS is not set: list the host names this service answers to, comma-separated")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isAllowedHostsSet() {
    return !requireAllowedHosts || !allowedHostList().isEmpty();
  }

  @AssertTrue(message = "trustedProxies holds an entry that is not an IP address or CIDR block")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isTrustedProxiesValid() {
    try {
      buildTrustedProxies();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Registers everything on the application port, in the order requests meet it: request id,
   * security headers, trusted host, CORS, body size, rate limit (returned, for the per-account
   * limits; empty when switched off, which is logged and shown in {@code /healthcheck}); and
   * replaces Jetty's HTML error pages with JSON ones. Trusted proxies are applied at Jetty's level
   * (a connector customizer), so every filter and the access log see the resolved client address.
   */
  public Optional<RateLimiter> install(Environment env) {
    IpRanges proxies = buildTrustedProxies();
    env.lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(JsonErrorHandler.forServer());
                  for (Connector connector : server.getConnectors()) {
                    if (APPLICATION_CONNECTOR.equals(connector.getName())) {
                      httpConfiguration(connector)
                          .addCustomizer(new TrustedProxyCustomizer(proxies));
                    }
                  }
                }
              }
            });
    env.getApplicationContext().setErrorHandler(new JsonErrorHandler.Context());

    filter(env, "request-id", new RequestIdFilter(), "/*");
    filter(env, "unread-body-drain", new UnreadBodyDrainFilter(maxBodySize.toBytes()), "/*");
    if (securityHeaders) {
      filter(env, "security-headers", new SecurityHeadersFilter(hstsMaxAge.toJavaDuration()), "/*");
    }
    filter(env, "trusted-hosts", new TrustedHostFilter(allowedHostList()), "/*");
    filter(
        env,
        "cors",
        new CorsFilter(corsOriginList(), corsAllowCredentials, corsMaxAge.toJavaDuration()),
        "/*");
    filter(env, "body-size-limit", new BodySizeLimitFilter(maxBodySize.toBytes()), "/*");
    env.jersey().register(new BodyTooLargeException.Mapper());
    env.jersey().register(new BadMessageMapper());
    RateLimiter limiter = null;
    if (rateLimit.isEnabled()) {
      limiter = rateLimit.build();
      env.lifecycle().manage(limiter);
      env.healthChecks().register("rate-limit", new RateLimitHealthCheck(limiter));
      filter(env, "rate-limit", new RateLimitFilter(limiter), "/api/*");
    } else {
      LOG.warn(RateLimitFactory.DISABLED_WARNING);
      env.healthChecks().register("rate-limit", RateLimitHealthCheck.disabled());
    }
    if (openApi) {
      env.jersey().register(new OpenApiResource());
    }
    return Optional.ofNullable(limiter);
  }

  /**
   * The connector's HTTP settings. Dropwizard wraps the HTTP connection factory in a metrics one,
   * so look inside wrappers too; a connector without one is a configuration we do not know, and
   * silently not applying the proxy rules to it would be worse than refusing to start.
   */
  static HttpConfiguration httpConfiguration(Connector connector) {
    for (ConnectionFactory factory : connector.getConnectionFactories()) {
      if (factory instanceof HttpConfiguration.ConnectionFactory http) {
        return http.getHttpConfiguration();
      }
      if (factory instanceof ContainerLifeCycle wrapper) {
        for (HttpConfiguration.ConnectionFactory http :
            wrapper.getContainedBeans(HttpConfiguration.ConnectionFactory.class)) {
          return http.getHttpConfiguration();
        }
      }
    }
    throw new IllegalStateException("no HTTP connection factory on connector " + connector);
  }

  private static void filter(Environment env, String name, Filter filter, String path) {
    env.servlets()
        .addFilter(name, filter)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, path);
  }

  public List<String> corsOriginList() {
    return split(corsOrigins);
  }

  public List<String> allowedHostList() {
    return split(allowedHosts).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  public IpRanges buildTrustedProxies() {
    return IpRanges.parse(split(trustedProxies));
  }

  static List<String> split(String csv) {
    if (csv == null) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  @JsonProperty
  public boolean isSecurityHeaders() {
    return securityHeaders;
  }

  @JsonProperty
  public void setSecurityHeaders(boolean securityHeaders) {
    this.securityHeaders = securityHeaders;
  }

  @JsonProperty
  public Duration getHstsMaxAge() {
    return hstsMaxAge;
  }

  @JsonProperty
  public void setHstsMaxAge(Duration hstsMaxAge) {
    this.hstsMaxAge = hstsMaxAge;
  }

  @JsonProperty
  public String getCorsOrigins() {
    return corsOrigins;
  }

  @JsonProperty
  public void setCorsOrigins(String corsOrigins) {
    this.corsOrigins = corsOrigins == null ? "" : corsOrigins;
  }

  @JsonProperty
  public boolean isCorsAllowCredentials() {
    return corsAllowCredentials;
  }

  @JsonProperty
  public void setCorsAllowCredentials(boolean corsAllowCredentials) {
    this.corsAllowCredentials = corsAllowCredentials;
  }

  @JsonProperty
  public Duration getCorsMaxAge() {
    return corsMaxAge;
  }

  @JsonProperty
  public void setCorsMaxAge(Duration corsMaxAge) {
    this.corsMaxAge = corsMaxAge;
  }

  @JsonProperty
  public String getAllowedHosts() {
    return allowedHosts;
  }

  @JsonProperty
  public void setAllowedHosts(String allowedHosts) {
    this.allowedHosts = allowedHosts == null ? "" : allowedHosts;
  }

  @JsonProperty
  public boolean isRequireAllowedHosts() {
    return requireAllowedHosts;
  }

  @JsonProperty
  public void setRequireAllowedHosts(boolean requireAllowedHosts) {
    this.requireAllowedHosts = requireAllowedHosts;
  }

  @JsonProperty
  public String getTrustedProxies() {
    return trustedProxies;
  }

  @JsonProperty
  public void setTrustedProxies(String trustedProxies) {
    this.trustedProxies = trustedProxies == null ? "" : trustedProxies;
  }

  @JsonProperty
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  @JsonProperty
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  @JsonProperty
  public boolean isOpenApi() {
    return openApi;
  }

  @JsonProperty
  public void setOpenApi(boolean openApi) {
    this.openApi = openApi;
  }

  @JsonProperty
  public RateLimitFactory getRateLimit() {
    return rateLimit;
  }

  @JsonProperty
  public void setRateLimit(RateLimitFactory rateLimit) {
    this.rateLimit = rateLimit;
  }
}
