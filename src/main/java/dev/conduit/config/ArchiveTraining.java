package dev.conduit.config;

import dev.conduit.ConduitApplication;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of the class-data-sharing archive (pom.xml, executions {@code cds-*}): a JVM
 * started with {@code -XX:DumpLoadedClassList -cp target/app.jar} runs this, which serves {@code
 * config-prod.yml} on an in-memory H2 database and free loopback ports, sends the requests a dyno
 * serves (sign-up, articles, feed, comments, favorites, tags, liveness) and exits; the classes it
 * loaded, less H2's and Liquibase's, become {@code target/app.jsa}, which the Procfile's web line
 * maps with {@code -XX:SharedArchiveFile} instead of parsing and verifying them again at start.
 *
 * <p>Only the build runs this; it exits non-zero when a request fails, so a broken jar fails the
 * build here rather than on the dyno.
 */
public final class ArchiveTraining {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private static final Pattern SLUG = Pattern.compile("\"slug\":\"([^\"]+)\"");

  private ArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    String config = args.length > 0 ? args[0] : "config-prod.yml";
    int port = freePort();
    // Dropwizard's dw.* overrides: what a dyno's environment would set, but H2 instead of the
    // add-on's PostgreSQL (no database at build time), migrated on start, and a cheap bcrypt.
    override("server.applicationConnectors[0].port", port);
    override("server.applicationConnectors[0].bindHost", "127.0.0.1");
    // A build on a busy machine must not get 408 for a body its own client sent "too slowly".
    override("server.applicationConnectors[0].minRequestDataPerSecond", "1B");
    override("server.adminConnectors[0].port", freePort());
    override("server.adminConnectors[0].bindHost", "127.0.0.1");
    override("database.url", "jdbc:h2:mem:training;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    override("database.allowH2", true);
    override("database.migrateOnStart", true);
    override(
        "auth.jwtSecret", "training-only-" + Long.toHexString(System.nanoTime()) + "0".repeat(32));
    override("auth.bcryptCost", 4);
    override("edge.allowedHosts", "127.0.0.1");
    override("ops.drainPeriod", "0s");
    new ConduitApplication().run("server", config);

    var api = new Client("http://127.0.0.1:" + port);
    api.send("GET", "/health/live", null, null);
    String user =
        "{\"user\":{\"username\":\"training\",\"email\":\"training@example.com\","
            + "\"password\":\"training-password\"}}";
    String token = find(TOKEN, api.send("POST", "/api/users", user, null));
    api.send("POST", "/api/users/login", user, null);
    api.send("GET", "/api/user", null, token);
    String article =
        "{\"article\":{\"title\":\"Training\",\"description\":\"d\",\"body\":\"b\","
            + "\"tagList\":[\"training\"]}}";
    String slug = find(SLUG, api.send("POST", "/api/articles", article, token));
    api.send("GET", "/api/articles/" + slug, null, null);
    api.send("GET", "/api/articles?limit=20&offset=0", null, null);
    api.send("GET", "/api/articles?tag=training", null, token);
    api.send("GET", "/api/articles/feed?limit=20", null, token);
    api.send(
        "POST", "/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"c\"}}", token);
    api.send("GET", "/api/articles/" + slug + "/comments", null, null);
    api.send("POST", "/api/articles/" + slug + "/favorite", null, token);
    api.send("DELETE", "/api/articles/" + slug + "/favorite", null, token);
    api.send("GET", "/api/profiles/training", null, token);
    api.send("GET", "/api/tags", null, null);
    System.exit(0);
  }

  private static void override(String path, Object value) {
    System.setProperty("dw." + path, String.valueOf(value));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String find(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("training: unexpected reply " + body);
    }
    return m.group(1);
  }

  /** HttpURLConnection rather than java.net.http: a few dozen classes in the archive, not 300. */
  private record Client(String origin) {
    String send(String method, String path, String json, String token) throws IOException {
      var http = (HttpURLConnection) URI.create(origin + path).toURL().openConnection();
      http.setRequestMethod(method);
      if (token != null) {
        http.setRequestProperty("Authorization", "Token " + token);
      }
      if (json != null) {
        http.setRequestProperty("Content-Type", "application/json");
        http.setDoOutput(true);
        try (var out = http.getOutputStream()) {
          out.write(json.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = http.getResponseCode();
      try (var in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (status >= 300) {
          System.err.printf("training: %s %s -> %d %s%n", method, path, status, body);
          System.exit(1);
        }
        return body;
      }
    }
  }
}
