package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Usernames are unique regardless of case, profile URLs find a user whatever the case, and every
 * response that carries a token says {@code Cache-Control: no-store}. On PostgreSQL and on H2.
 */
abstract class UsernamesContract extends ApiTestBase {

  private Http.Reply register(String username, String email) {
    return http.post(
        "/users",
        Map.of("user", Map.of("username", username, "email", email, "password", "password1")));
  }

  @Test
  void aUsernameThatDiffersOnlyInCaseIsTaken() {
    String name = unique("alice");
    assertThat(register(name, name + "@example.com").status()).isEqualTo(201);

    var reply = register(name.toUpperCase(Locale.ROOT), unique("other") + "@example.com");

    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
    assertThat(reply.json().at("/errors/username/0").asText()).isEqualTo("has already been taken");
  }

  @Test
  void renamingToAnotherUsersNameInOtherCaseIsRefused_butOwnCaseChangeIsAllowed() {
    String taken = unique("bob");
    app.register(taken);
    String mine = unique("carol");
    String token = app.register(mine);

    var clash =
        http.withToken(token)
            .put("/user", Map.of("user", Map.of("username", taken.toUpperCase(Locale.ROOT))));
    assertThat(clash.status()).as(clash.body()).isEqualTo(422);
    assertThat(clash.json().at("/errors/username/0").asText()).isEqualTo("has already been taken");

    String recased = mine.substring(0, 1).toUpperCase(Locale.ROOT) + mine.substring(1);
    var own = http.withToken(token).put("/user", Map.of("user", Map.of("username", recased)));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().at("/user/username").asText()).isEqualTo(recased);
  }

  @Test
  void theDatabaseItselfRefusesACaseVariant() {
    String name = unique("dave");
    app.register(name);

    // Past the service's check, as two concurrent sign-ups would be: the schema must refuse.
    assertThatThrownBy(
            () ->
                app.jdbi()
                    .useHandle(
                        h ->
                            h.createUpdate(
                                    """
                                    INSERT INTO users (username, email, password_hash, created_at,
                                                       updated_at)
                                    VALUES (:u, :e, 'x', :now, :now)""")
                                .bind("u", name.toUpperCase(Locale.ROOT))
                                .bind("e", unique("dup") + "@example.com")
                                .bind("now", Instant.now())
                                .execute()))
        .satisfies(
            e ->
                assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                    .contains("users_username_lower"));
  }

  @Test
  void profilesArticlesAndFollowsFindAUserWhateverTheCase() {
    String name = unique("erin");
    String erin = app.register(name);
    String viewer = app.register(unique("frank"));
    var article =
        http.withToken(erin)
            .post(
                "/articles",
                Map.of("article", Map.of("title", "t " + name, "description", "d", "body", "b")));
    assertThat(article.status()).as(article.body()).isEqualTo(201);
    String upper = name.toUpperCase(Locale.ROOT);

    var profile = http.get("/profiles/" + upper);
    assertThat(profile.status()).as(profile.body()).isEqualTo(200);
    assertThat(profile.json().at("/profile/username").asText()).isEqualTo(name);

    var follow = http.withToken(viewer).post("/profiles/" + upper + "/follow", "");
    assertThat(follow.status()).as(follow.body()).isEqualTo(200);
    assertThat(http.withToken(viewer).get("/profiles/" + name).json().at("/profile/following"))
        .hasToString("true");

    var byAuthor = http.get("/articles?author=" + upper);
    assertThat(byAuthor.json().at("/articlesCount").asInt()).isEqualTo(1);
  }

  @Test
  void everyResponseCarryingATokenIsNoStore() {
    String name = unique("gina");
    var registered = register(name, name + "@example.com");
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("Cache-Control")).isEqualTo("no-store");

    var login =
        http.post(
            "/users/login",
            Map.of("user", Map.of("email", name + "@example.com", "password", "password1")));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");

    String token = login.json().at("/user/token").asText();
    assertThat(http.withToken(token).get("/user").header("Cache-Control")).isEqualTo("no-store");
    var update = http.withToken(token).put("/user", Map.of("user", Map.of("bio", "hi")));
    assertThat(update.status()).isEqualTo(200);
    assertThat(update.header("Cache-Control")).isEqualTo("no-store");
  }
}
