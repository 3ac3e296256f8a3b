package dev.conduit.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and one-line set-ups for the articles, comments and profiles tests. */
public final class Fixtures {
  /** The contract's timestamps: ISO-8601, UTC, exactly three fractional digits. */
  public static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private Fixtures() {}

  /** {@code {"article": {title, description, body, tagList}}}; null values are left out. */
  public static Map<String, Object> article(
      String title, String description, String body, List<String> tags) {
    var fields = new LinkedHashMap<String, Object>();
    if (title != null) {
      fields.put("title", title);
    }
    if (description != null) {
      fields.put("description", description);
    }
    if (body != null) {
      fields.put("body", body);
    }
    if (tags != null) {
      fields.put("tagList", tags);
    }
    return Map.of("article", fields);
  }

  /** Creates an article through the API as the client's user; returns the "article" node. */
  public static JsonNode createArticle(Http client, String title, String... tags) {
    var reply =
        client.post(
            "/articles", article(title, "About " + title, "Body of " + title, List.of(tags)));
    assertThat(reply.status()).as("create %s: %s", title, reply).isEqualTo(201);
    return reply.json().get("article");
  }

  public static Map<String, Object> comment(String body) {
    return Map.of("comment", Map.of("body", body));
  }

  /** Posts a comment; returns the "comment" node. */
  public static JsonNode addComment(Http client, String slug, String body) {
    var reply = client.post("/articles/" + slug + "/comments", comment(body));
    assertThat(reply.status()).as("comment: %s", reply).isEqualTo(200);
    return reply.json().get("comment");
  }

  /** The single message the error body holds for {@code field}. */
  public static String error(Http.Reply reply, String field) {
    JsonNode messages = reply.json().path("errors").path(field);
    assertThat(messages.isArray()).as("errors.%s in %s", field, reply).isTrue();
    return messages.get(0).asText();
  }
}
