package dev.conduit.ops;

import dev.conduit.ConduitApplication;
import dev.conduit.ConduitConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real application in this JVM (config.yml, random loopback ports) with a database URL of the
 * test's choosing. {@code TestApp} always sets {@code database.url} itself, and Dropwizard applies
 * overrides of the same key in no fixed order, so a proxied URL cannot be layered on top of it.
 */
final class InProcessApp implements AutoCloseable {
  private final DropwizardTestSupport<ConduitConfiguration> support;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  InProcessApp(String databaseUrl, String... overrides) throws Exception {
    List<ConfigOverride> all = new ArrayList<>();
    all.add(ConfigOverride.config("database.url", databaseUrl));
    all.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
    all.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
    all.add(ConfigOverride.config("auth.bcryptCost", "4"));
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      all.add(ConfigOverride.config(overrides[i], overrides[i + 1]));
    }
    support =
        new DropwizardTestSupport<>(
            ConduitApplication.class, "config.yml", all.toArray(new ConfigOverride[0]));
    support.before();
  }

  int port() {
    return support.getLocalPort();
  }

  int adminPort() {
    return support.getAdminPort();
  }

  HttpResponse<String> get(int onPort, String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(onPort, path)).GET());
  }

  HttpResponse<String> post(int onPort, String path, String json)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(onPort, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    support.after();
  }
}
