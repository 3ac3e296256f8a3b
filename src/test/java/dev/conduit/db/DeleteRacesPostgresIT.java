package dev.conduit.db;

import static dev.conduit.support.Fixtures.comment;
import static dev.conduit.support.Fixtures.createArticle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.HeldTransaction;
import dev.conduit.support.Http;
import dev.conduit.support.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Writes racing a delete, on PostgreSQL: the request finds the article (or profile) and then the
 * row is deleted before its insert commits, so the foreign key refuses the insert. That is a 404
 * for the thing that went (or a 401 when it was the caller's own account), never a 500.
 *
 * <p>Staged deterministically: a held transaction deletes the row without committing; the request
 * still sees the row, its insert waits for the delete's lock, and the commit makes it fail.
 */
class DeleteRacesPostgresIT extends ApiTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Test
  void favoritingAnArticleDeletedMeanwhileIs404() throws Exception {
    var author = http.withToken(app.register(unique("author")));
    var fan = http.withToken(app.register(unique("fan")));
    String slug = createArticle(author, "Doomed " + unique("t")).get("slug").asText();

    var reply =
        racingDelete(
            "DELETE FROM articles WHERE slug = ?",
            slug,
            () -> fan.post("/articles/" + slug + "/favorite", null));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.json().at("/errors/article/0").asText()).isEqualTo("not found");
  }

  @Test
  void commentingOnAnArticleDeletedMeanwhileIs404() throws Exception {
    var author = http.withToken(app.register(unique("author")));
    var reader = http.withToken(app.register(unique("reader")));
    String slug = createArticle(author, "Doomed " + unique("t")).get("slug").asText();

    var reply =
        racingDelete(
            "DELETE FROM articles WHERE slug = ?",
            slug,
            () -> reader.post("/articles/" + slug + "/comments", comment("too late")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.json().at("/errors/article/0").asText()).isEqualTo("not found");
  }

  @Test
  void followingAUserDeletedMeanwhileIs404() throws Exception {
    String followee = unique("leaving");
    app.register(followee);
    var follower = http.withToken(app.register(unique("follower")));

    var reply =
        racingDelete(
            "DELETE FROM users WHERE username = ?",
            followee,
            () -> follower.post("/profiles/" + followee + "/follow", null));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.json().at("/errors/profile/0").asText()).isEqualTo("not found");
  }

  @Test
  void whenTheCallersOwnAccountIsDeletedMeanwhileItIs401() throws Exception {
    var author = http.withToken(app.register(unique("author")));
    String fan = unique("fan");
    var fanClient = http.withToken(app.register(fan));
    String slug = createArticle(author, "Stays " + unique("t")).get("slug").asText();

    var reply =
        racingDelete(
            "DELETE FROM users WHERE username = ?",
            fan,
            () -> fanClient.post("/articles/" + slug + "/favorite", null));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
  }

  /** Runs {@code request} while {@code delete} is uncommitted; commits once the request waits. */
  private Http.Reply racingDelete(String delete, String key, Supplier<Http.Reply> request)
      throws Exception {
    CompletableFuture<Http.Reply> reply;
    try (var held = new HeldTransaction(app.database())) {
      assertThat(held.execute(delete, key)).isEqualTo(1);
      reply = CompletableFuture.supplyAsync(request);
      held.awaitWaiters(1);
      held.commit();
    }
    return reply.get();
  }
}
