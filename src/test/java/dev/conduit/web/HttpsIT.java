package dev.conduit.web;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * HSTS when the request itself came over TLS: the application port as an HTTPS connector with a
 * throw-away self-signed certificate for 127.0.0.1 (made with keytool, trusted by this client
 * only).
 */
class HttpsIT {
  static final String PASSWORD = "changeit-test-only";

  @Test
  void hstsIsSentOverHttps() throws Exception {
    Path dir = Files.createTempDirectory("conduit-https-it");
    Path keystore = dir.resolve("server.p12");
    try {
      keytool(keystore);
      try (TestDatabase db = TestDatabase.h2();
          TestApp app =
              TestApp.start(
                  db,
                  config("server.applicationConnectors[0].type", "https"),
                  config("server.applicationConnectors[0].keyStorePath", keystore.toString()),
                  config("server.applicationConnectors[0].keyStorePassword", PASSWORD),
                  config("server.applicationConnectors[0].keyStoreType", "PKCS12"),
                  config("server.applicationConnectors[0].validateCerts", "false"))) {
        int port = URI.create(app.appRoot()).getPort();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
        var reply =
            client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/user"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.headers().firstValue("Strict-Transport-Security"))
            .contains("max-age=31536000; includeSubDomains");
        assertThat(reply.headers().firstValue("X-Request-Id")).isPresent();
      }
    } finally {
      Files.deleteIfExists(keystore);
      Files.deleteIfExists(dir);
    }
  }

  private static void keytool(Path keystore) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "conduit",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
