package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conduit.support.Users;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * deploy/nginx/nginx.conf in front of two instances of the shaded jar on PostgreSQL, all real and
 * on loopback. Proves the redirect, TLS, the headers, gzip and body limits, the login rate limit,
 * unthrottled and unlogged health checks, the client address handed to the service, and that an
 * instance stopped with SIGTERM during a steady stream of GETs costs no request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxIT {
  private static ThrowAwayPostgres db;
  private static BackupRestoreIT.Running a;
  private static BackupRestoreIT.Running b;
  private static Nginx nginx;
  private static HttpClient client;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    db = ThrowAwayPostgres.create();
    a = BackupRestoreIT.Running.migrateAndStart(db);
    b = BackupRestoreIT.Running.start(db);
    nginx = Nginx.start(List.of(a.port(), b.port()));
    client =
        HttpClient.newBuilder().sslContext(nginx.tls).connectTimeout(Duration.ofSeconds(5)).build();
    // One registration (it spends one token of the strict login/registration budget).
    var reg = send("POST", "/api/users", Users.json(Users.registration("edge")), Map.of());
    assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
    token = Repo.JSON.readTree(reg.body()).at("/user/token").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (nginx != null) {
        nginx.close();
      }
    } finally {
      for (AutoCloseable c : new AutoCloseable[] {a, b, db}) {
        if (c != null) {
          c.close();
        }
      }
    }
  }

  static HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nginx.httpsPort + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    headers.forEach(r::header);
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> getUser() throws Exception {
    return send("GET", "/api/user", null, Map.of("Authorization", "Token " + token));
  }

  /** One HTTP/1.1 exchange over TLS from a chosen loopback source address. */
  static String raw(String sourceAddress, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(sourceAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", nginx.httpsPort), 5000);
      socket.setSoTimeout(20_000);
      try (SSLSocket s =
          (SSLSocket)
              nginx
                  .tls
                  .getSocketFactory()
                  .createSocket(socket, "127.0.0.1", nginx.httpsPort, true)) {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        s.getInputStream().transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  @Order(1)
  void plainHttpRedirectsToHttpsPermanently() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    var reply =
        plain.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nginx.httpPort + "/api/user?x=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(301);
    assertThat(reply.headers().firstValue("Location")).hasValue("https://127.0.0.1/api/user?x=1");
  }

  @Test
  @Order(2)
  void servesTls12AndTls13WithTheCertificate() throws Exception {
    for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
      try (SSLSocket s =
          (SSLSocket) nginx.tls.getSocketFactory().createSocket("127.0.0.1", nginx.httpsPort)) {
        s.setEnabledProtocols(new String[] {protocol});
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
      }
    }
  }

  @Test
  @Order(3)
  void addsSecurityHeadersToAppAndEdgeResponses() throws Exception {
    var fromApp = getUser();
    var unauthorized = send("GET", "/api/user", null, Map.of());
    var fromNginx = send("GET", "/not-the-api", null, Map.of());
    assertThat(fromApp.statusCode()).isEqualTo(200);
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(fromNginx.statusCode()).isEqualTo(404);
    assertThat(fromNginx.body()).startsWith("{\"errors\":");
    for (var reply : List.of(fromApp, unauthorized, fromNginx)) {
      var h = reply.headers();
      assertThat(h.firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");
      assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(h.firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
      assertThat(h.firstValue("Server").orElse("")).doesNotContainPattern("\\d");
    }
  }

  @Test
  @Order(4)
  void compressesJsonAndRefusesOversizedBodies() throws Exception {
    // A response big enough to be worth compressing (nginx skips tiny ones).
    String bio = "Writes about deployment. ".repeat(40);
    var update =
        send(
            "PUT",
            "/api/user",
            Users.json(Users.update("bio", bio)),
            Map.of("Authorization", "Token " + token));
    assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
    HttpRequest gz =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nginx.httpsPort + "/api/user"))
            .header("Authorization", "Token " + token)
            .header("Accept-Encoding", "gzip")
            .build();
    var reply = client.send(gz, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(reply.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"username\":\"edge\"")
          .contains(bio);
    }

    // A 2 MB body is refused from its Content-Length alone, before it reaches an instance.
    String tooBig =
        raw(
            "127.0.0.1",
            "PUT /api/user HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2097152\r\nConnection: close\r\n\r\n");
    assertThat(tooBig).startsWith("HTTP/1.1 413").contains("{\"errors\":{\"body\":");
  }

  @Test
  @Order(5)
  void healthChecksAreNeitherThrottledNorLogged() throws Exception {
    // 60 back-to-back requests: more than the API zone's burst (40) would let through.
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      statuses.add(send("GET", "/health/live", null, Map.of()).statusCode());
    }
    assertThat(statuses).containsOnly(200);
    assertThat(nginx.accessLog()).contains("/api/user").doesNotContain("/health");
  }

  @Test
  @Order(6)
  void aBurstOfLoginsIsCutOffWith429() throws Exception {
    List<HttpResponse<String>> replies = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      replies.add(
          send(
              "POST",
              "/api/users/login",
              Users.json(Users.login(Users.email("edge"), "wrong-password")),
              Map.of("X-Request-Id", "burst-" + i)));
    }
    List<Integer> statuses = replies.stream().map(HttpResponse::statusCode).toList();
    assertThat(statuses.get(0)).as("%s", statuses).isEqualTo(401);
    assertThat(statuses).as("%s", statuses).contains(429);
    int first = statuses.indexOf(429);
    assertThat(statuses.subList(first, statuses.size())).containsOnly(429);
    assertThat(replies.get(first).body()).startsWith("{\"errors\":");
    assertThat(replies.get(first).headers().firstValue("X-Frame-Options")).hasValue("DENY");
    // The auth zone lets at most burst + 1 = 6 requests through at once (one of them may have
    // been the registration); from the 7th on, nginx itself refuses: no instance sees them.
    // (The service's own limiter may refuse a little earlier; those 429s carry an upstream.)
    // nginx writes a request's line once the response has left: wait for every line of the burst.
    List<String> ids =
        java.util.stream.IntStream.range(0, statuses.size())
            .mapToObj(i -> "rid=burst-" + i)
            .toList();
    String log =
        await("the burst in nginx's access log")
            .atMost(Duration.ofSeconds(10))
            .until(
                nginx::accessLog,
                l -> ids.stream().allMatch(id -> l.lines().anyMatch(line -> line.endsWith(id))));
    for (int i = 6; i < statuses.size(); i++) {
      String id = "rid=burst-" + i;
      assertThat(log.lines().filter(l -> l.endsWith(id)).findFirst().orElseThrow())
          .contains(" 429 ")
          .contains("uaddr=- ");
    }
    // The general API budget is separate: reads still work.
    assertThat(getUser().statusCode()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void theServiceReceivesTheClientAddressNginxSawNotASpoofedOne() throws Exception {
    String probe = UUID.randomUUID().toString();
    // Connect from 127.0.0.7 so the client address differs from nginx's own (127.0.0.1).
    String response =
        raw(
            "127.0.0.7",
            "GET /api/user?probe="
                + probe
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token "
                + token
                + "\r\nX-Forwarded-For: 6.6.6.6\r\nX-Request-Id: "
                + probe
                + "\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 200");
    String nginxLine =
        nginx.accessLog().lines().filter(l -> l.contains(probe)).findFirst().orElseThrow();
    assertThat(nginxLine).startsWith("127.0.0.7 ");
    // Request logs are written asynchronously: wait for the line.
    String appLine =
        await("an instance logged the request " + probe)
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    (a.jar().output() + b.jar().output())
                        .lines()
                        .filter(l -> l.contains(probe))
                        .findFirst()
                        .orElse(null),
                line -> line != null);
    assertThat(appLine).contains("127.0.0.7").doesNotContain("6.6.6.6");
  }

  @Test
  @Order(8)
  void stoppingAnInstanceWithSigtermDuringAStreamOfGetsLosesNoRequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Instant started = Instant.now();
    for (int t = 0; t < 2; t++) {
      pool.submit(
          () -> {
            // ~4 requests/s per thread: steady, and well below the API rate limits.
            while (running.get() && Duration.between(started, Instant.now()).toSeconds() < 90) {
              try {
                var r = getUser();
                if (r.statusCode() == 200) {
                  ok.incrementAndGet();
                } else {
                  failures.add(r.statusCode() + " " + r.body());
                }
              } catch (Exception e) {
                failures.add(e.toString());
              }
              try {
                Thread.sleep(250);
              } catch (InterruptedException e) {
                return;
              }
            }
          });
    }
    // The stream runs through both instances before one is stopped.
    String servedByA = "uaddr=127.0.0.1:" + a.port();
    await("both instances in rotation")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(nginx.accessLog())
                    .contains(servedByA)
                    .contains("uaddr=127.0.0.1:" + b.port()));
    int beforeKill = ok.get();

    Instant kill = Instant.now();
    a.jar().terminate(); // SIGTERM
    int exit = a.jar().waitFor(Duration.ofSeconds(75));
    Duration stopping = Duration.between(kill, Instant.now());
    // And some more traffic on the survivor alone.
    int atExit = ok.get();
    await("traffic on the survivor")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ok.get() >= Math.max(atExit + 8, beforeKill + 11) || !failures.isEmpty());
    running.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    System.out.printf(
        "NginxIT: %d GETs ok (%d before SIGTERM), instance A exited %d after %d ms%n",
        ok.get(), beforeKill, exit, stopping.toMillis());
    assertThat(failures).as("requests lost while an instance stopped").isEmpty();
    assertThat(ok.get()).isGreaterThan(beforeKill + 10);
  }
}
