package dev.conduit.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /prometheus}: every Dropwizard metric but endpoint timers (a histogram here has them),
 * bridged by client_java's {@link DropwizardExports} and {@link PrometheusNames}; build info.
 */
public final class PrometheusExposition {
  private static final PrometheusNames NAMES = new PrometheusNames();
  private static final MetricFilter BRIDGED = (name, m) -> !name.startsWith(EndpointTimers.PREFIX);

  private PrometheusExposition() {}

  public static PrometheusRegistry registry(MetricRegistry metrics, BuildInfo build) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register((MultiCollector) () -> bridge(metrics));
    Info.builder()
        .name("conduit_build_info")
        .help("Build of the running service; always 1")
        .labelNames("version", "commit", "build_time")
        .register(registry)
        .setLabelValues(build.version(), build.commit(), build.buildTime());
    return registry;
  }

  /**
   * client_java (1.4.3, the newest bridge served here) refuses two snapshots of one name in one
   * collect(), and many metrics map to one name: each metric is bridged alone, the families merged.
   * Timers get _seconds; a Dropwizard counter goes up and down (active requests): a gauge.
   */
  static MetricSnapshots bridge(MetricRegistry metrics) {
    Map<String, List<MetricSnapshot>> families = new TreeMap<>();
    for (var metric : metrics.getMetrics().entrySet()) {
      MetricRegistry one = new MetricRegistry();
      one.register(metric.getKey(), metric.getValue());
      for (MetricSnapshot s : new DropwizardExports(one, BRIDGED, NAMES).collect()) {
        MetricSnapshot typed = byType(s, metric.getValue());
        families.computeIfAbsent(typed.getMetadata().getName(), n -> new ArrayList<>()).add(typed);
      }
    }
    return new MetricSnapshots(
        families.values().stream().map(PrometheusExposition::merge).toList());
  }

  private static MetricSnapshot byType(MetricSnapshot s, Metric metric) {
    String name = s.getMetadata().getName();
    String help = s.getMetadata().getHelp();
    if (metric instanceof Timer) {
      var seconds = new MetricMetadata(name + "_seconds", help);
      return new SummarySnapshot(seconds, ((SummarySnapshot) s).getDataPoints());
    }
    // promtool: a gauge named _count reads as a counter's.
    MetricMetadata meta = new MetricMetadata(name.replaceFirst("_count$", "_current"), help);
    if (metric instanceof Counter && s instanceof CounterSnapshot c) {
      var point = c.getDataPoints().get(0);
      return new GaugeSnapshot(
          meta, List.of(new GaugeDataPointSnapshot(point.getValue(), point.getLabels(), null)));
    }
    return s instanceof GaugeSnapshot g ? new GaugeSnapshot(meta, g.getDataPoints()) : s;
  }

  /** One family; a series (label set) is kept once, and a second metric type is dropped. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static MetricSnapshot merge(List<MetricSnapshot> family) {
    MetricSnapshot first = family.get(0);
    Set<Labels> seen = new HashSet<>();
    List points =
        family.stream()
            .filter(s -> s.getClass() == first.getClass())
            .flatMap(s -> s.getDataPoints().stream())
            .filter(p -> seen.add(p.getLabels()))
            .toList();
    MetricMetadata meta = first.getMetadata();
    return first instanceof GaugeSnapshot
        ? new GaugeSnapshot(meta, points)
        : first instanceof CounterSnapshot
            ? new CounterSnapshot(meta, points)
            : new SummarySnapshot(meta, points);
  }
}
