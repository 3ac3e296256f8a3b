package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.Http;
import dev.conduit.support.Jar;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import java.io.UncheckedIOException;
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

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNoneIsHalfWritten() throws Exception {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Map<String, String> slugs = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try (TestDatabase db = TestDatabase.postgres()) {
      try (Jar app = Jar.server("config.yml").env("DATABASE_URL", db.url()).start("kill-drill")) {
        String token = Users.register(app.http(), "writer");
        Http api = app.http().withToken(token);
        List<Future<Integer>> running =
            java.util.stream.IntStream.range(0, WRITERS)
                .mapToObj(w -> writers.submit(() -> write(api, w, acked, slugs, killed)))
                .toList();

        await("acknowledged writes before the kill")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(20))
            .until(acked::size, n -> n >= ACKED_BEFORE_KILL);
        killed.set(true);
        app.kill();
        assertThat(app.exitsWithin(Duration.ofSeconds(30))).isTrue();
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
      try (Jar again =
          Jar.server("config.yml").env("DATABASE_URL", db.url()).start("kill-drill-restart")) {
        Http api = again.http();
        JsonNode list = api.get("/articles?tag=drill&limit=1").json();
        assertThat(list.get("articlesCount").asInt()).isEqualTo(tagsPerArticle.size());
        String title = acked.iterator().next();
        Http.Reply one = api.get("/articles/" + slugs.get(title));
        assertThat(one.status()).isEqualTo(200);
        JsonNode article = one.json().get("article");
        assertThat(article.get("title").asText()).isEqualTo(title);
        assertThat(article.get("tagList")).hasSize(3);
        assertThat(Users.register(api, "after")).isNotBlank();
      }
    } finally {
      writers.shutdownNow();
    }
  }

  /** One writer: creates articles until the process is killed (or the bound is reached). */
  private static int write(
      Http api, int writer, Set<String> acked, Map<String, String> slugs, AtomicBoolean killed)
      throws Exception {
    int n = 0;
    while (n < MAX_WRITES_PER_WRITER) {
      String title = "kill drill " + writer + "-" + n;
      Map<String, Object> body =
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
                  List.of("drill", "writer-" + writer, "n-" + writer + "-" + n)));
      n++;
      Http.Reply response;
      try {
        response = api.post("/articles", body);
      } catch (UncheckedIOException e) {
        if (killed.get()) {
          return n; // the process is gone: this write was in flight or never sent
        }
        throw e;
      }
      assertThat(response.status()).as("write %s: %s", title, response).isEqualTo(201);
      acked.add(title);
      slugs.put(title, response.json().at("/article/slug").asText());
    }
    return n;
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
