package dev.conduit.web;

import static io.dropwizard.testing.ConfigOverride.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The edge as development runs it, behind a trusted proxy on loopback: security headers, HSTS by
 * X-Forwarded-Proto, no-store on authenticated responses, CORS, gzip, the body size limit, and the
 * client address taken from X-Forwarded-For.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeHeadersIT {
  static final String ORIGIN = "https://app.example";
  static final HttpClient RAW = HttpClient.newHttpClient();

  TestApp app;
  Http api;

  @BeforeAll
  void start() {
    app =
        TestApp.start(
            FailingApplication.class,
            TestDatabase.h2(),
            config("edge.trustedProxies", "127.0.0.1/32"),
            config("edge.corsOrigins", ORIGIN),
            config("edge.maxBodySize", "4KiB"));
    api = app.http();
  }

  @AfterAll
  void stop() {
    app.close();
    app.database().close();
  }

  @Test
  void securityHeadersOnEveryResponseButHstsOnlyOverHttps() {
    var replies =
        List.of(
            api.get("/openapi.json"),
            api.get("/user"),
            api.get("/nope"),
            new Http(app.appRoot()).get("/nope"),
            api.post("/users", Map.of("user", Map.of())));
    assertThat(replies).extracting(Http.Reply::status).containsExactly(200, 401, 404, 404, 422);
    for (var reply : replies) {
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(reply.header("Content-Security-Policy"))
          .isEqualTo("default-src 'none'; frame-ancestors 'none'");
      assertThat(reply.header("Strict-Transport-Security")).isNull();
    }
    var viaTls = api.withHeader("X-Forwarded-Proto", "https").get("/user");
    assertThat(viaTls.header("Strict-Transport-Security")).startsWith("max-age=31536000");
  }

  @Test
  void authenticatedResponsesAreNotStored() {
    String token = app.register("nostore");
    assertThat(api.withToken(token).get("/user").header("Cache-Control")).isEqualTo("no-store");
    assertThat(api.get("/openapi.json").header("Cache-Control")).isNull();
  }

  @Test
  void preflightFromAListedOriginIsAnswered() {
    var reply =
        api.withHeader("Origin", ORIGIN)
            .withHeader("Access-Control-Request-Method", "POST")
            .withHeader("Access-Control-Request-Headers", "content-type,authorization")
            .send("OPTIONS", "/users/login", null, null);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(reply.header("Access-Control-Allow-Methods")).contains("POST", "PUT", "DELETE");
    assertThat(reply.header("Access-Control-Allow-Headers"))
        .contains("Authorization", "Content-Type", "X-Request-Id");
    assertThat(reply.header("Access-Control-Max-Age")).isEqualTo("3600");
    assertThat(reply.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void unlistedOriginsGetNoCorsHeaders() {
    var allowed = api.withHeader("Origin", ORIGIN).get("/user");
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Request-Id");

    var other = api.withHeader("Origin", "https://evil.example").get("/user");
    assertThat(other.status()).isEqualTo(401);
    assertThat(other.headers().map().keySet())
        .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));

    var preflight =
        api.withHeader("Origin", "https://evil.example")
            .withHeader("Access-Control-Request-Method", "POST")
            .send("OPTIONS", "/users/login", null, null);
    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.headers().map().keySet())
        .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void responsesOfOneKilobyteAndMoreAreGzipped() throws Exception {
    var big = rawGet("/openapi.json");
    assertThat(big.headers().firstValue("Content-Encoding")).contains("gzip");
    byte[] json = new GZIPInputStream(new ByteArrayInputStream(big.body())).readAllBytes();
    assertThat(json.length).isGreaterThan(1024);
    assertThat(new ObjectMapper().readTree(json).path("paths").has("/users/login")).isTrue();

    var small = rawGet("/user");
    assertThat(small.statusCode()).isEqualTo(401);
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(small.body(), StandardCharsets.UTF_8)).startsWith("{\"errors\"");
  }

  @Test
  void bodiesOverTheLimitGet413BeforeBeingRead() throws Exception {
    String big = "{\"user\":{\"email\":\"" + "a".repeat(5000) + "\"}}";
    var declared = api.post("/users", big);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().at("/errors/body/0").asText()).contains("too large");

    // No Content-Length: chunked, so the limit is enforced while reading.
    var chunked =
        RAW.send(
            HttpRequest.newBuilder(URI.create(app.baseUrl() + "/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("too large");

    var small = api.post("/users", "{\"user\":{\"email\":\"" + "a".repeat(3000) + "\"}}");
    assertThat(small.status()).isEqualTo(422);
  }

  @Test
  void clientAddressComesFromXForwardedForOfATrustedProxy() {
    try (LogCapture logs = new LogCapture()) {
      api.withHeader("X-Request-Id", "xff-trusted")
          .withHeader("X-Forwarded-For", "198.51.100.23, 10.1.2.3, 127.0.0.1")
          .get("/test-failures/boom");
      // 127.0.0.1 is trusted; 10.1.2.3 is not (only 127.0.0.1/32 is), so it is the client.
      assertThat(logs.ofRequest("xff-trusted"))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("clientIp", "10.1.2.3"));
    }
  }

  private HttpResponse<byte[]> rawGet(String path) throws Exception {
    return RAW.send(
        HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
            .header("Accept-Encoding", "gzip")
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
