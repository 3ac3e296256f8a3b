package dev.conduit.profile;

import static dev.conduit.support.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Profiles and follows per the contract; runs on PostgreSQL and on H2 (see the subclasses). */
abstract class ProfilesContract extends ApiTestBase {
  private String celeb;
  private Http fan;

  @BeforeAll
  void users() {
    celeb = unique("celeb");
    app.register(celeb);
    fan = http.withToken(app.register(unique("fan")));
  }

  @Test
  void anyoneCanReadAProfile() {
    var reply = http.get("/profiles/" + celeb);

    assertThat(reply.status()).isEqualTo(200);
    var profile = reply.json().get("profile");
    assertThat(profile.get("username").asText()).isEqualTo(celeb);
    assertThat(profile.get("bio").isNull()).isTrue();
    assertThat(profile.get("image").isNull()).isTrue();
    assertThat(profile.get("following").asBoolean()).isFalse();
    assertThat(profile.size()).isEqualTo(4);
  }

  @Test
  void unknownUsernameIs404WithAnErrorBody() {
    var reply = http.get("/profiles/nobody-" + unique("x"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(error(reply, "profile")).isEqualTo("not found");

    var follow = fan.post("/profiles/nobody-" + unique("x") + "/follow", null);
    assertThat(follow.status()).isEqualTo(404);
    assertThat(fan.delete("/profiles/nobody-" + unique("x") + "/follow").status()).isEqualTo(404);
  }

  @Test
  void followingIsSeenByTheFollowerOnlyAndIsIdempotent() {
    String star = unique("star");
    app.register(star);

    // The official suite sends a body with this POST; it is ignored.
    var followed = fan.post("/profiles/" + star + "/follow", Map.of("user", Map.of("email", "x")));
    assertThat(followed.status()).isEqualTo(200);
    assertThat(followed.json().at("/profile/following").asBoolean()).isTrue();
    var twice = fan.post("/profiles/" + star + "/follow", null);
    assertThat(twice.json().at("/profile/following").asBoolean()).isTrue();

    assertThat(fan.get("/profiles/" + star).json().at("/profile/following").asBoolean()).isTrue();
    assertThat(http.get("/profiles/" + star).json().at("/profile/following").asBoolean()).isFalse();
    try (var h = app.jdbi().open()) {
      int rows =
          h.createQuery(
                  "SELECT count(*) FROM follows f JOIN users u ON u.id = f.followee_id"
                      + " WHERE u.username = :u")
              .bind("u", star)
              .mapTo(Integer.class)
              .one();
      assertThat(rows).as("following twice stores one row").isEqualTo(1);
    }

    var unfollowed = fan.delete("/profiles/" + star + "/follow");
    assertThat(unfollowed.status()).isEqualTo(200);
    assertThat(unfollowed.json().at("/profile/following").asBoolean()).isFalse();
    assertThat(fan.get("/profiles/" + star).json().at("/profile/following").asBoolean()).isFalse();
    // Unfollowing again is not an error: the end state is what was asked for.
    assertThat(fan.delete("/profiles/" + star + "/follow").status()).isEqualTo(200);
  }

  @Test
  void followingYourselfIs422() {
    String me = unique("me");
    var self = http.withToken(app.register(me));
    var reply = self.post("/profiles/" + me + "/follow", null);
    assertThat(reply.status()).isEqualTo(422);
    assertThat(error(reply, "profile")).isEqualTo("cannot follow yourself");
  }

  @Test
  void followingNeedsAToken() {
    var post = http.post("/profiles/" + celeb + "/follow", null);
    assertThat(post.status()).isEqualTo(401);
    assertThat(error(post, "token")).isNotBlank();
    assertThat(http.delete("/profiles/" + celeb + "/follow").status()).isEqualTo(401);
    assertThat(http.withToken("not-a-jwt").post("/profiles/" + celeb + "/follow", null).status())
        .isEqualTo(401);
  }
}
