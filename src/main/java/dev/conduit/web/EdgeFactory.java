package dev.conduit.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.google.common.net.InetAddresses;
import dev.conduit.config.Serving;
import dev.conduit.web.ratelimit.RateLimitFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * What the application port does before a resource (see {@link Edge#install}); strict production
 * defaults. Lists are comma-separated strings so that one environment variable can hold them; an
 * empty {@code ${VAR:-}} (YAML null) keeps the default.
 */
public class EdgeFactory {
  public boolean securityHeaders = true;

  /** Zero turns HSTS off (e.g. while a domain is still being moved to HTTPS). */
  @NotNull public Duration hstsMaxAge = Duration.days(365);

  /** Exact origins allowed to call the API from a browser; {@code *} allows any (no cookies). */
  @JsonSetter(nulls = Nulls.SKIP)
  @NotNull
  public String corsOrigins = "";

  public boolean corsAllowCredentials = false;

  @NotNull public Duration corsMaxAge = Duration.hours(1);

  /** Host names this service answers to; empty means any (development). {@code *.x.org} works. */
  @JsonSetter(nulls = Nulls.SKIP)
  @NotNull
  public String allowedHosts = "";

  /** Production sets this: an empty host list is then a start-up error, not "any host". */
  public boolean requireAllowedHosts = false;

  /** IPs/CIDRs whose X-Forwarded-For/-Proto are believed; empty means none. */
  @JsonSetter(nulls = Nulls.SKIP)
  @NotNull
  public String trustedProxies = "";

  @NotNull public DataSize maxBodySize = DataSize.mebibytes(1);

  /** Serve /api/openapi.json. */
  public boolean openApi = false;

  @Valid @NotNull public RateLimitFactory rateLimit = new RateLimitFactory();

  /** A wildcard origin with credentials would let any site act as the signed-in user. */
  @JsonIgnore
  @AssertTrue(message = "CORS origin '*' cannot be combined with corsAllowCredentials: true")
  public boolean isCorsSafe() {
    return !(corsAllowCredentials && corsOriginList().contains("*"));
  }

  @JsonIgnore
  @AssertTrue(
      groups = Serving.class,
      message =
          "ALLOWED_HOSTS is not set: list the host names this service answers to, comma-separated")
  public boolean isAllowedHostsSet() {
    return !requireAllowedHosts || !allowedHostList().isEmpty();
  }

  @JsonIgnore
  @AssertTrue(message = "trustedProxies holds an entry that is not an IP address or CIDR block")
  public boolean isTrustedProxiesValid() {
    try {
      trustedProxySet();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public List<String> corsOriginList() {
    return split(corsOrigins);
  }

  public List<String> allowedHostList() {
    return split(allowedHosts).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** Jetty's CIDR set, of literals only: Jetty would resolve a host name. */
  public InetAddressSet trustedProxySet() {
    InetAddressSet set = new InetAddressSet();
    for (String entry : split(trustedProxies)) {
      int slash = entry.indexOf('/');
      if (!InetAddresses.isInetAddress(slash < 0 ? entry : entry.substring(0, slash))) {
        throw new IllegalArgumentException("not an IP address or CIDR block: " + entry);
      }
      set.add(entry);
    }
    return set;
  }

  static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
