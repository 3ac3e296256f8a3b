package dev.conduit.comment;

import static dev.conduit.support.Fixtures.TIMESTAMP;
import static dev.conduit.support.Fixtures.addComment;
import static dev.conduit.support.Fixtures.comment;
import static dev.conduit.support.Fixtures.createArticle;
import static dev.conduit.support.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Comments per the contract; runs on PostgreSQL and on H2 (see the subclasses). */
abstract class CommentsContract extends ApiTestBase {
  private String writerName;
  private Http writer;
  private Http reader;
  private String slug;

  @BeforeAll
  void article() {
    writerName = unique("writer");
    writer = http.withToken(app.register(writerName));
    reader = http.withToken(app.register(unique("reader")));
    slug = createArticle(writer, "Comment on me " + unique("a")).get("slug").asText();
  }

  @Test
  void postingReturnsTheCommentWithItsAuthor() {
    var reply = writer.post("/articles/" + slug + "/comments", comment("Thank you so much!"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode c = reply.json().get("comment");
    assertThat(c.get("id").isIntegralNumber()).isTrue();
    assertThat(c.get("body").asText()).isEqualTo("Thank you so much!");
    assertThat(c.get("createdAt").asText()).matches(TIMESTAMP);
    assertThat(c.get("updatedAt").asText()).matches(TIMESTAMP);
    assertThat(c.at("/author/username").asText()).isEqualTo(writerName);
    assertThat(c.at("/author/bio").isNull()).isTrue();
    assertThat(c.at("/author/following").asBoolean()).isFalse();
  }

  @Test
  void listingIsNewestFirstForAnyoneWithFollowingPerViewer() {
    String own = createArticle(writer, "List comments " + unique("a")).get("slug").asText();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(0, addComment(writer, own, "comment " + i).get("id").asLong());
    }
    reader.post("/profiles/" + writerName + "/follow", null);

    var anonymous = http.get("/articles/" + own + "/comments");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(idsOf(anonymous)).containsExactlyElementsOf(ids);
    assertThat(anonymous.json().at("/comments/0/author/following").asBoolean()).isFalse();
    assertThat(anonymous.json().at("/comments/0/body").asText()).isEqualTo("comment 2");

    var followed = reader.get("/articles/" + own + "/comments");
    assertThat(followed.json().at("/comments/0/author/following").asBoolean()).isTrue();
    reader.delete("/profiles/" + writerName + "/follow");

    String bare = createArticle(writer, "No comments " + unique("a")).get("slug").asText();
    assertThat(http.get("/articles/" + bare + "/comments").json().get("comments").size()).isZero();
  }

  @Test
  void blankOrMissingBodyIs422() {
    for (Object body : List.of(comment(" "), Map.of(), Map.of("comment", Map.of()))) {
      var reply = writer.post("/articles/" + slug + "/comments", body);
      assertThat(reply.status()).as("%s", body).isEqualTo(422);
      assertThat(error(reply, "body")).isEqualTo("can't be blank");
    }
  }

  @Test
  void unknownArticleIs404() {
    String none = "/articles/no-such-" + unique("s") + "/comments";
    assertThat(http.get(none).status()).isEqualTo(404);
    assertThat(error(http.get(none), "article")).isEqualTo("not found");
    assertThat(writer.post(none, comment("hi")).status()).isEqualTo(404);
    assertThat(writer.delete(none + "/1").status()).isEqualTo(404);
  }

  @Test
  void writingNeedsAToken() {
    long id = addComment(writer, slug, "mine").get("id").asLong();
    assertThat(http.post("/articles/" + slug + "/comments", comment("x")).status()).isEqualTo(401);
    var delete = http.delete("/articles/" + slug + "/comments/" + id);
    assertThat(delete.status()).isEqualTo(401);
    assertThat(error(delete, "token")).isNotBlank();
  }

  @Test
  void onlyTheCommentsAuthorMayDeleteIt() {
    long id = addComment(reader, slug, "reader's words").get("id").asLong();

    // Not even the article's author.
    var forbidden = writer.delete("/articles/" + slug + "/comments/" + id);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(error(forbidden, "comment")).isNotBlank();
    assertThat(idsOf(http.get("/articles/" + slug + "/comments"))).contains(id);

    var deleted = reader.delete("/articles/" + slug + "/comments/" + id);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(idsOf(http.get("/articles/" + slug + "/comments"))).doesNotContain(id);
    var again = reader.delete("/articles/" + slug + "/comments/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(error(again, "comment")).isEqualTo("not found");
  }

  @Test
  void aCommentOfAnotherArticleIs404AndStays() {
    String otherSlug = createArticle(writer, "Other article " + unique("a")).get("slug").asText();
    long id = addComment(writer, otherSlug, "elsewhere").get("id").asLong();

    var reply = writer.delete("/articles/" + slug + "/comments/" + id);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(error(reply, "comment")).isEqualTo("not found");
    assertThat(idsOf(http.get("/articles/" + otherSlug + "/comments"))).contains(id);
  }

  @Test
  void nonNumericOrUnknownIdsAre404() {
    for (String id : List.of("abc", "-1", "0", "99999999999999999999", "987654321")) {
      var reply = writer.delete("/articles/" + slug + "/comments/" + id);
      assertThat(reply.status()).as(id).isEqualTo(404);
      assertThat(error(reply, "comment")).isEqualTo("not found");
    }
  }

  private static List<Long> idsOf(Http.Reply reply) {
    assertThat(reply.status()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().get("comments").forEach(c -> ids.add(c.get("id").asLong()));
    return ids;
  }
}
