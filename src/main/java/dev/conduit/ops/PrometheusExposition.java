package dev.conduit.ops;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /prometheus} exposition: every Dropwizard metric (JVM, Jetty, pool, Jdbi, endpoints,
 * health) bridged by Prometheus' own {@link DropwizardExports}, then renamed to Prometheus
 * conventions by {@link PrometheusNames} (snake_case, varying parts as labels, timers in seconds
 * with a {@code _seconds} suffix), plus {@code conduit_build_info}. Endpoint latency is the
 * exception: {@link EndpointTimers} records it in a native histogram registered here, so the bridge
 * leaves the endpoint timers out.
 */
public final class PrometheusExposition {
  private PrometheusExposition() {}

  public static PrometheusRegistry registry(MetricRegistry metrics, BuildInfo build) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new Renamed(
            new DropwizardExports(
                metrics, (name, metric) -> !name.startsWith(EndpointTimers.PREFIX + "."))));
    Info info =
        Info.builder()
            .name("conduit_build_info")
            .help("Build of the running service; always 1")
            .labelNames("version", "commit", "build_time")
            .register(registry);
    info.setLabelValues(build.version(), build.commit(), build.buildTime());
    return registry;
  }

  /** Renames and regroups the bridge's snapshots. */
  static final class Renamed implements MultiCollector {
    private static final Pattern HELP =
        Pattern.compile("metric=(.*), type=([^)]*)\\)$", Pattern.DOTALL);

    private final MultiCollector source;

    Renamed(MultiCollector source) {
      this.source = source;
    }

    private static final class Family {
      final String name;
      final String kind;
      final String help;
      final List<DataPointSnapshot> points = new ArrayList<>();
      final Set<Labels> seen = new HashSet<>();

      Family(String name, String kind, String help) {
        this.name = name;
        this.kind = kind;
        this.help = help;
      }
    }

    @Override
    public MetricSnapshots collect() {
      Map<String, Family> families = new LinkedHashMap<>();
      for (MetricSnapshot snapshot : source.collect()) {
        String help = snapshot.getMetadata().getHelp();
        Matcher m = HELP.matcher(help == null ? "" : help);
        boolean found = m.find();
        String dwName = found ? m.group(1) : snapshot.getMetadata().getName();
        String dwType = found ? m.group(2) : "";
        if (snapshot instanceof CounterSnapshot && dwName.endsWith("_total")) {
          dwName = dwName.substring(0, dwName.length() - "_total".length()); // meters
        }
        String sourceName = dwName;
        PrometheusNames.Target target = PrometheusNames.map(sourceName);
        String name = target.name();
        if (dwType.endsWith("Timer")) {
          name = name + "_seconds";
        }
        if (!(snapshot instanceof SummarySnapshot) && name.endsWith("_count")) {
          name = name.substring(0, name.length() - "_count".length()) + "_current"; // lint rule
        }
        name = PrometheusNaming.sanitizeMetricName(name);
        // Dropwizard counters go up and down (active requests): a Prometheus gauge, not a counter.
        boolean upDown = snapshot instanceof CounterSnapshot && dwType.endsWith(".Counter");
        String kind = upDown ? "GaugeSnapshot" : snapshot.getClass().getSimpleName();
        Family family =
            families.computeIfAbsent(
                name,
                n ->
                    new Family(
                        n,
                        kind,
                        "Bridged from Dropwizard Metrics: "
                            + (target.labelNames().isEmpty() ? sourceName : n)
                            + (dwType.endsWith("Timer") ? " (seconds)" : "")));
        if (!family.kind.equals(kind)) {
          continue; // two different metric types would share a name: keep the first
        }
        for (DataPointSnapshot point : snapshot.getDataPoints()) {
          Labels labels =
              point.getLabels().merge(Labels.of(target.labelNames(), target.labelValues()));
          if (family.seen.add(labels)) {
            family.points.add(relabel(point, labels, upDown));
          }
        }
      }
      MetricSnapshots.Builder out = MetricSnapshots.builder();
      for (Family f : families.values()) {
        out.metricSnapshot(build(f));
      }
      return out.build();
    }

    private static DataPointSnapshot relabel(DataPointSnapshot p, Labels labels, boolean toGauge) {
      if (p instanceof GaugeDataPointSnapshot g) {
        return new GaugeDataPointSnapshot(g.getValue(), labels, null);
      }
      if (p instanceof CounterDataPointSnapshot c && toGauge) {
        return new GaugeDataPointSnapshot(c.getValue(), labels, null);
      }
      if (p instanceof CounterDataPointSnapshot c) {
        return new CounterDataPointSnapshot(c.getValue(), labels, null, 0);
      }
      if (p instanceof SummaryDataPointSnapshot s) {
        return new SummaryDataPointSnapshot(
            s.getCount(), s.getSum(), s.getQuantiles(), labels, Exemplars.EMPTY, 0);
      }
      throw new IllegalStateException("unexpected data point " + p.getClass());
    }

    @SuppressWarnings("unchecked")
    private static MetricSnapshot build(Family f) {
      MetricMetadata meta = new MetricMetadata(f.name, f.help);
      return switch (f.kind) {
        case "GaugeSnapshot" ->
            new GaugeSnapshot(meta, (List<GaugeDataPointSnapshot>) (List<?>) f.points);
        case "CounterSnapshot" ->
            new CounterSnapshot(meta, (List<CounterDataPointSnapshot>) (List<?>) f.points);
        case "SummarySnapshot" ->
            new SummarySnapshot(meta, (List<SummaryDataPointSnapshot>) (List<?>) f.points);
        default -> throw new IllegalStateException("unexpected snapshot " + f.kind);
      };
    }
  }
}
