package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Failure drill: the jar on PostgreSQL under a steady stream of writes (articles with three tags
 * each, one of them new, so every write is several statements in one transaction) is killed with
 * SIGKILL mid-stream, then started again on the same database. Every write that got a 2xx is there,
 * whole, and nothing half-written is: no article without all its tags, no tag without its article.
 * Only writes in flight at the kill may be stored without an acknowledgement, at most one per
 * client thread. Bounded: at most {@value #MAX_WRITES_PER_WRITER} writes per writer, 90 s to reach
 * the kill.
 */
class KillMidWriteIT {
  private static final int WRITERS = 4;
  private static final int ACKED_BEFORE_KILL = 40;
  private static final int MAX_WRITES_PER_WRITER = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNoneIsHalfWritten() throws Exception {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Map<String, String> slugs = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try (TestDatabase db = TestDatabase.postgres()) {
      try (JarApp app =
          JarApp.builder("config.yml").env("DATABASE_URL", db.url()).start("kill-drill")) {
        String token = register(app);
        List<Future<Integer>> running =
            java.util.stream.IntStream.range(0, WRITERS)
                .mapToObj(w -> writers.submit(() -> write(app, token, w, acked, slugs, killed)))
                .toList();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(acked)
            .as("acknowledged writes before the kill")
            .hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
        killed.set(true);
        app.sigkill();
        assertThat(app.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(app.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        int attempted = 0;
        for (Future<Integer> f : running) {
          attempted += f.get(2, TimeUnit.MINUTES);
        }
        System.out.printf(
            "kill-drill: %d writes attempted, %d acknowledged before SIGKILL%n",
            attempted, acked.size());
      }

      // What the database holds, read directly (the process is gone).
      Map<String, Integer> tagsPerArticle = drillArticles(db);
      assertThat(tagsPerArticle.keySet())
          .as("every acknowledged write is stored")
          .containsAll(acked);
      assertThat(tagsPerArticle)
          .as("every stored article is whole (all 3 tags linked)")
          .allSatisfy((title, tags) -> assertThat(tags).as(title).isEqualTo(3));
      Set<String> unacknowledged = new java.util.HashSet<>(tagsPerArticle.keySet());
      unacknowledged.removeAll(acked);
      assertThat(unacknowledged.size())
          .as("stored without a 2xx: only writes in flight at the kill (%s)", unacknowledged)
          .isLessThanOrEqualTo(WRITERS);
      assertThat(orphanTags(db)).as("tags created for an article that was not stored").isZero();

      // Started again on the same database, the service serves what was acknowledged.
      try (JarApp again =
          JarApp.builder("config.yml").env("DATABASE_URL", db.url()).start("kill-drill-restart")) {
        JsonNode list =
            JSON.readTree(again.get(again.port, "/api/articles?tag=drill&limit=1").body());
        assertThat(list.get("articlesCount").asInt()).isEqualTo(tagsPerArticle.size());
        String title = acked.iterator().next();
        HttpResponse<String> one = again.get(again.port, "/api/articles/" + slugs.get(title));
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode article = JSON.readTree(one.body()).get("article");
        assertThat(article.get("title").asText()).isEqualTo(title);
        assertThat(article.get("tagList")).hasSize(3);
        assertThat(register(again, "after")).isNotBlank();
      }
    } finally {
      writers.shutdownNow();
    }
  }

  /** One writer: creates articles until the process is killed (or the bound is reached). */
  private static int write(
      JarApp app,
      String token,
      int writer,
      Set<String> acked,
      Map<String, String> slugs,
      AtomicBoolean killed)
      throws Exception {
    int n = 0;
    while (n < MAX_WRITES_PER_WRITER) {
      String title = "kill drill " + writer + "-" + n;
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "article",
                  Map.of(
                      "title",
                      title,
                      "description",
                      "written under a SIGKILL drill",
                      "body",
                      "x".repeat(2_000),
                      "tagList",
                      List.of("drill", "writer-" + writer, "n-" + writer + "-" + n))));
      n++;
      HttpResponse<String> response;
      try {
        response =
            app.send(
                HttpRequest.newBuilder(JarApp.uri(app.port, "/api/articles"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Token " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
      } catch (IOException e) {
        if (killed.get()) {
          return n; // the process is gone: this write was in flight or never sent
        }
        throw e;
      }
      assertThat(response.statusCode()).as("write %s: %s", title, response.body()).isEqualTo(201);
      acked.add(title);
      slugs.put(title, JSON.readTree(response.body()).at("/article/slug").asText());
    }
    return n;
  }

  private static String register(JarApp app) throws Exception {
    return register(app, "writer");
  }

  private static String register(JarApp app, String name) throws Exception {
    String user =
        JSON.writeValueAsString(
            Map.of(
                "user",
                Map.of(
                    "username",
                    name,
                    "email",
                    name + "@example.com",
                    "password",
                    "correct horse battery")));
    HttpResponse<String> r = app.post(app.port, "/api/users", user);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).at("/user/token").asText();
  }

  /** Title of every drill article and the number of tags linked to it. */
  private static Map<String, Integer> drillArticles(TestDatabase db) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                SELECT a.title, count(at.tag_id) AS tags
                FROM articles a LEFT JOIN article_tags at ON at.article_id = a.id
                WHERE a.title LIKE 'kill drill %'
                GROUP BY a.title""")) {
      while (rs.next()) {
        out.put(rs.getString("title"), rs.getInt("tags"));
      }
    }
    return out;
  }

  private static int orphanTags(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
                SELECT count(*) FROM tags t
                WHERE t.name LIKE 'n-%'
                  AND NOT EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id)""")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
