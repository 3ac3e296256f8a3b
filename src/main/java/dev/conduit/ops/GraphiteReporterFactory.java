package dev.conduit.ops;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.graphite.Graphite;
import com.codahale.metrics.graphite.GraphiteReporter;
import com.codahale.metrics.graphite.GraphiteUDP;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.metrics.common.BaseReporterFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: graphite} under {@code metrics.reporters}: pushes every metric to Graphite (Carbon's
 * plaintext protocol), which is how metrics leave a Heroku dyno whose admin port cannot be scraped.
 * Dropwizard's own {@code dropwizard-metrics-graphite} 5.x is not served here, so this is that
 * module's factory over {@code io.dropwizard.metrics:metrics-graphite}, with two additions:
 *
 * <ul>
 *   <li>an empty {@code host} builds a reporter that does nothing, so {@code config-prod.yml} can
 *       say {@code host: ${GRAPHITE_HOST:-}} under strict substitution and one variable switches
 *       Graphite on;
 *   <li>an empty {@code prefix} becomes {@code conduit.<instance>} (Heroku's {@code DYNO}, else the
 *       host name), so instances do not overwrite each other's series.
 * </ul>
 */
@JsonTypeName("graphite")
public class GraphiteReporterFactory extends BaseReporterFactory {
  private static final Logger LOG = LoggerFactory.getLogger(GraphiteReporterFactory.class);

  @NotNull private String host = "";

  @JsonProperty
  @Min(1)
  @Max(65535)
  private int port = 2003;

  @NotNull private String prefix = "";

  @JsonProperty
  @NotNull
  @Pattern(regexp = "(?i)tcp|udp")
  private String transport = "tcp";

  @JsonProperty
  public void setHost(String host) {
    this.host = host == null ? "" : host.strip();
  }

  public void setPort(int port) {
    this.port = port;
  }

  @JsonProperty
  public void setPrefix(String prefix) {
    this.prefix = prefix == null ? "" : prefix.strip();
  }

  public boolean isEnabled() {
    return !host.isEmpty();
  }

  /** The prefix in use: the configured one, or {@code conduit.<instance>}. */
  public String effectivePrefix() {
    return prefix.isEmpty() ? "conduit." + instanceName() : prefix;
  }

  @Override
  public ScheduledReporter build(MetricRegistry registry) {
    if (!isEnabled()) {
      LOG.info("Graphite reporter off (GRAPHITE_HOST is empty)");
      return new Disabled(registry);
    }
    LOG.info(
        "Graphite reporter on: {}:{} ({}), prefix {}", host, port, transport, effectivePrefix());
    return GraphiteReporter.forRegistry(registry)
        .convertDurationsTo(getDurationUnit())
        .convertRatesTo(getRateUnit())
        .filter(getFilter())
        .disabledMetricAttributes(getDisabledAttributes())
        .prefixedWith(effectivePrefix())
        .build(
            transport.equalsIgnoreCase("udp")
                ? new GraphiteUDP(host, port)
                : new Graphite(host, port));
  }

  /** Graphite splits on dots: a host name's dots would make a deeper tree. */
  static String instanceName() {
    String name = System.getenv("DYNO");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "unknown";
      }
    }
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  /** Present but inert: never schedules, never reports. */
  static final class Disabled extends ScheduledReporter {
    Disabled(MetricRegistry registry) {
      super(registry, "graphite-off", MetricFilter.ALL, TimeUnit.SECONDS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start(long initialDelay, long period, TimeUnit unit) {
      // off
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void report(
        SortedMap<String, com.codahale.metrics.Gauge> gauges,
        SortedMap<String, com.codahale.metrics.Counter> counters,
        SortedMap<String, com.codahale.metrics.Histogram> histograms,
        SortedMap<String, com.codahale.metrics.Meter> meters,
        SortedMap<String, com.codahale.metrics.Timer> timers) {
      // off
    }
  }
}
