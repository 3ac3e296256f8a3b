package dev.conduit.ops;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.graphite.Graphite;
import com.codahale.metrics.graphite.GraphiteReporter;
import com.codahale.metrics.graphite.GraphiteUDP;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.Nulls;
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
 * {@code type: graphite} (dropwizard-metrics-graphite 5.x is not served here). An empty host builds
 * an inert reporter, so one variable switches it on; an empty prefix is {@code conduit.<instance>}.
 */
@JsonTypeName("graphite")
public class GraphiteReporterFactory extends BaseReporterFactory {
  private static final Logger LOG = LoggerFactory.getLogger(GraphiteReporterFactory.class);

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String host = "";

  @Min(1)
  @Max(65535)
  public int port = 2003;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  public String prefix = "";

  @NotNull
  @Pattern(regexp = "(?i)tcp|udp")
  public String transport = "tcp";

  String effectivePrefix() {
    return prefix.isBlank() ? "conduit." + instanceName() : prefix.strip();
  }

  @Override
  public ScheduledReporter build(MetricRegistry registry) {
    if (host.isBlank()) {
      LOG.info("Graphite reporter off (GRAPHITE_HOST is empty)");
      return new Disabled(registry);
    }
    String host = this.host.strip();
    String prefix = effectivePrefix();
    LOG.info("Graphite reporter on: {}:{} ({}), prefix {}", host, port, transport, prefix);
    return GraphiteReporter.forRegistry(registry)
        .convertDurationsTo(getDurationUnit())
        .convertRatesTo(getRateUnit())
        .filter(getFilter())
        .disabledMetricAttributes(getDisabledAttributes())
        .prefixedWith(prefix)
        .build(
            transport.equalsIgnoreCase("udp")
                ? new GraphiteUDP(host, port)
                : new Graphite(host, port));
  }

  /** Heroku's {@code DYNO}, else the host name; without dots, which Graphite splits on. */
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
    public void start(long initialDelay, long period, TimeUnit unit) {}

    @Override
    @SuppressWarnings("rawtypes")
    public void report(
        SortedMap<String, com.codahale.metrics.Gauge> gauges,
        SortedMap<String, com.codahale.metrics.Counter> counters,
        SortedMap<String, com.codahale.metrics.Histogram> histograms,
        SortedMap<String, com.codahale.metrics.Meter> meters,
        SortedMap<String, com.codahale.metrics.Timer> timers) {}
  }
}
