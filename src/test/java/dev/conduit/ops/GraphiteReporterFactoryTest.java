package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraphiteReporterFactoryTest {

  @Test
  void anEmptyHostBuildsAnInertReporter() {
    GraphiteReporterFactory factory = new GraphiteReporterFactory();
    factory.host = "  ";
    ScheduledReporter reporter = factory.build(new MetricRegistry());
    assertThat(reporter).isInstanceOf(GraphiteReporterFactory.Disabled.class);
    reporter.start(1, TimeUnit.SECONDS); // does nothing, and must not fail
    reporter.stop();
  }

  @Test
  void defaultPrefixNamesTheAppAndTheInstance() {
    GraphiteReporterFactory factory = new GraphiteReporterFactory();
    assertThat(factory.effectivePrefix()).startsWith("conduit.").doesNotContain(" ");
    assertThat(factory.effectivePrefix().substring("conduit.".length())).doesNotContain(".");
    factory.prefix = "acme.api";
    assertThat(factory.effectivePrefix()).isEqualTo("acme.api");
  }

  @Test
  void sendsPlaintextLinesToACarbonListener() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (ServerSocket carbon = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread listener =
          new Thread(
              () -> {
                try (Socket s = carbon.accept();
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (Exception e) {
                  // listener closed
                }
              });
      listener.start();

      GraphiteReporterFactory factory = new GraphiteReporterFactory();
      factory.host = "127.0.0.1";
      factory.port = carbon.getLocalPort();
      factory.prefix = "test.unit";
      MetricRegistry registry = new MetricRegistry();
      registry.counter("orders").inc(3);
      ScheduledReporter reporter = factory.build(registry);
      reporter.report();
      reporter.close();
      listener.join(5_000);
    }
    assertThat(lines).anyMatch(l -> l.matches("test\\.unit\\.orders\\.count 3 \\d+"));
  }
}
