package dev.conduit.web;

import static dev.conduit.support.Fixtures.createArticle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.support.ApiTestBase;
import dev.conduit.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every write route with hostile bodies and URLs, on PostgreSQL (which refuses NUL bytes that
 * H2 stores): malformed JSON, wrong types, nulls and missing envelopes, control characters in every
 * text field, invalid UTF-8 (overlong forms, encoded surrogates, stray bytes), lone surrogate
 * escapes, oversized fields and bodies, duplicate keys. Every one must be a 4xx with a RealWorld
 * JSON error body and nothing internal in it, and no row of any table may change.
 */
class HostileInputPostgresIT extends ApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> TABLES =
      List.of("users", "follows", "articles", "tags", "article_tags", "favorites", "comments");

  /** Text that may never be stored in any field (tab, LF and CR are fine in bodies). */
  private static final List<String> CONTROL =
      List.of("a\u0000b", "a\u0007b", "\u001b[31mred", "a\u007fb", "a\u0085b", "a\u0008b");

  private String token;
  private String slug;
  private String otherUser;
  private final List<String> failures = new ArrayList<>();

  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }

  /** A user with an article, a comment and a follow, so that every route has something to hit. */
  @BeforeAll
  void seed() {
    token = app.register(unique("owner"));
    otherUser = unique("other");
    app.register(otherUser);
    var owner = http.withToken(token);
    slug = createArticle(owner, "Hostile target " + unique("t"), "tag-a").get("slug").asText();
    assertThat(
            owner
                .post("/articles/" + slug + "/comments", Map.of("comment", Map.of("body", "hi")))
                .status())
        .isEqualTo(200);
    assertThat(owner.post("/profiles/" + otherUser + "/follow", null).status()).isEqualTo(200);
  }

  /** The JSON routes, each with its envelope and its text fields (true: multi-line). */
  private List<Route> routes() {
    return List.of(
        new Route(
            "POST",
            "/users",
            false,
            "user",
            fields("username", false, "email", false),
            Map.of(
                "username", "hostile1", "email", "hostile1@example.com", "password", "password1")),
        new Route(
            "POST",
            "/users/login",
            false,
            "user",
            fields("email", false),
            Map.of("email", "hostile1@example.com", "password", "password1")),
        new Route(
            "PUT",
            "/user",
            true,
            "user",
            fields("username", false, "email", false, "bio", true, "image", false),
            Map.of("bio", "changed")),
        new Route(
            "POST",
            "/articles",
            true,
            "article",
            fields("title", false, "description", false, "body", true),
            Map.of("title", "New one", "description", "d", "body", "b")),
        new Route(
            "PUT",
            "/articles/" + slug,
            true,
            "article",
            fields("title", false, "description", false, "body", true),
            Map.of("body", "changed")),
        new Route(
            "POST",
            "/articles/" + slug + "/comments",
            true,
            "comment",
            fields("body", true),
            Map.of("body", "a comment")));
  }

  @Test
  void everyHostileRequestIsA4xxJsonErrorAndChangesNothing() throws Exception {
    Map<String, List<String>> before = snapshot();

    for (Route r : routes()) {
      // Malformed JSON, and valid JSON that is not an object of the right shape.
      for (String body :
          List.of(
              "{",
              "{\"" + r.envelope + "\": {",
              "{]",
              "nul",
              "'x'",
              "{} {}",
              "[]",
              "\"text\"",
              "42",
              "{\"" + r.envelope + "\": []}",
              "{\"" + r.envelope + "\": \"x\"}",
              "{\"" + r.envelope + "\": 7}")) {
        check(r, body);
      }
      // Nulls and missing envelopes.
      for (String body :
          List.of(
              "null",
              "{}",
              "{\"" + r.envelope + "\": null}",
              "",
              "{\"other\": " + JSON.writeValueAsString(r.valid) + "}")) {
        check(r, body);
      }
      // Duplicate keys: which one counts would be a guess.
      check(
          r,
          "{\""
              + r.envelope
              + "\": "
              + JSON.writeValueAsString(r.valid)
              + ", \""
              + r.envelope
              + "\": "
              + JSON.writeValueAsString(r.valid)
              + "}");
      for (String field : r.textFields.keySet()) {
        // Wrong types in each text field.
        for (Object wrong : List.of(123, 1.5, true, List.of("a"), Map.of("a", "b"))) {
          check(r, with(r, field, wrong));
        }
        // Control characters and lone surrogates.
        for (String bad : CONTROL) {
          check(r, with(r, field, bad));
        }
        check(
            r,
            JSON.writeValueAsString(Map.of(r.envelope, merge(r.valid, field, "PLACEHOLDER")))
                .replace("PLACEHOLDER", "a\\ud800b"));
        // Oversized values.
        check(r, with(r, field, "x".repeat(100_001)));
        // Invalid UTF-8 inside the field's string.
        for (String hex :
            List.of("c080", "e08080", "eda080", "80", "e282", "f4908080", "fe", "c1bf")) {
          checkBytes(r, utf8With(r, field, HexFormat.of().parseHex(hex)));
        }
      }
      if (r.path.startsWith("/articles")
          && r.method.equals("POST")
          && !r.path.contains("comments")) {
        for (Object tags :
            List.of(
                List.of(1, 2),
                List.of(true),
                List.of(List.of("a")),
                "tag",
                5,
                List.of("a\u0000b"),
                List.of("x".repeat(65)))) {
          check(r, with(r, "tagList", tags));
        }
      }
      // A body over the size limit (1 MiB).
      check(r, "{\"" + r.envelope + "\": {\"body\": \"" + "x".repeat(1_200_000) + "\"}}");
    }

    // Routes without a body: hostile paths and query values. Jetty itself refuses some of these
    // (a NUL in a path is a bad message) and then closes the connection: one connection each.
    for (String path :
        List.of(
            "/articles/a%00b/favorite",
            "/articles/%1b%5b31m/comments",
            "/profiles/a%00b/follow",
            "/articles/a%00b",
            "/articles/" + slug + "/comments/1%00")) {
      expectRefused("POST " + path, alone("POST", path));
      expectRefused("DELETE " + path, alone("DELETE", path));
    }
    for (String query : List.of("tag=a%00b", "author=a%00", "favorited=%07x", "limit=1%00")) {
      expectRefused("GET /articles?" + query, alone("GET", "/articles?" + query));
    }
    expectRefused("GET /profiles/a%00b", alone("GET", "/profiles/a%00b"));

    assertThat(failures).as("hostile requests that were not refused properly").isEmpty();
    assertThat(snapshot()).as("no row changed").isEqualTo(before);
  }

  // ---- requests ------------------------------------------------------------------------------

  private void check(Route r, String body) throws Exception {
    checkBytes(r, body.getBytes(StandardCharsets.UTF_8));
  }

  private void checkBytes(Route r, byte[] body) throws Exception {
    var builder =
        HttpRequest.newBuilder(URI.create(app.baseUrl() + r.path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(r.method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (r.authenticated) {
      builder.header("Authorization", "Token " + token);
    }
    // An oversized body goes on a connection of its own: the server may close it after the 413.
    HttpClient client = body.length > 1_000_000 ? HttpClient.newHttpClient() : CLIENT;
    HttpResponse<String> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    String shown = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    expectRefused(
        r.method + " " + r.path + " " + shown,
        new dev.conduit.support.Http.Reply(
            response.statusCode(), response.headers(), response.body()));
  }

  /** One authenticated request without a body, on a connection of its own. */
  private dev.conduit.support.Http.Reply alone(String method, String path) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Token " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    return new dev.conduit.support.Http.Reply(
        response.statusCode(), response.headers(), response.body());
  }

  private void expectRefused(String what, dev.conduit.support.Http.Reply reply) {
    String problem = problem(reply);
    if (problem != null) {
      failures.add(what + " -> " + reply.status() + " " + reply.body() + " (" + problem + ")");
    }
  }

  /** Null when the reply is a proper refusal; otherwise what is wrong with it. */
  private static String problem(dev.conduit.support.Http.Reply reply) {
    if (reply.status() < 400 || reply.status() > 499) {
      return "not a 4xx";
    }
    String type = reply.header("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "not JSON";
    }
    JsonNode errors;
    try {
      errors = JSON.readTree(reply.body()).get("errors");
    } catch (Exception e) {
      return "unparseable body";
    }
    if (errors == null || !errors.isObject() || errors.isEmpty()) {
      return "no errors object";
    }
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) errors::fields) {
      if (!field.getValue().isArray() || field.getValue().isEmpty()) {
        return "errors." + field.getKey() + " is not a list of messages";
      }
    }
    for (String internal :
        List.of(
            "Exception",
            "exception",
            "org.",
            "java.",
            "SQL",
            "jdbc",
            "PSQL",
            "at dev.",
            "<html",
            "Jackson",
            "\\u0000")) {
      if (reply.body().contains(internal)) {
        return "leaks " + internal;
      }
    }
    return null;
  }

  // ---- bodies --------------------------------------------------------------------------------

  private static String with(Route r, String field, Object value) throws Exception {
    return JSON.writeValueAsString(Map.of(r.envelope, merge(r.valid, field, value)));
  }

  private static Map<String, Object> merge(Map<String, Object> valid, String field, Object value) {
    var fields = new LinkedHashMap<String, Object>(valid);
    fields.put(field, value);
    return fields;
  }

  /** A valid body whose {@code field} holds "a", the raw bytes, then "b". */
  private static byte[] utf8With(Route r, String field, byte[] raw) throws Exception {
    String marked = with(r, field, "a@@RAW@@b");
    int at = marked.indexOf("@@RAW@@");
    var out = new ByteArrayOutputStream();
    out.write(marked.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.write(raw);
    out.write(marked.substring(at + 7).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static Map<String, Boolean> fields(Object... nameAndMultiLine) {
    var map = new LinkedHashMap<String, Boolean>();
    for (int i = 0; i < nameAndMultiLine.length; i += 2) {
      map.put((String) nameAndMultiLine[i], (Boolean) nameAndMultiLine[i + 1]);
    }
    return map;
  }

  private Map<String, List<String>> snapshot() {
    try (Handle h = app.jdbi().open()) {
      var tables = new LinkedHashMap<String, List<String>>();
      for (String table : TABLES) {
        tables.put(
            table,
            h.createQuery("SELECT t::text FROM " + table + " t ORDER BY t::text")
                .mapTo(String.class)
                .list());
      }
      return tables;
    }
  }

  private record Route(
      String method,
      String path,
      boolean authenticated,
      String envelope,
      Map<String, Boolean> textFields,
      Map<String, Object> valid) {}
}
