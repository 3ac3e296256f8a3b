package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import io.dropwizard.testing.ConfigOverride;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Once the token-version cache no longer vouches for a user (here: TTL 0, so at once), a token of a
 * deleted user is refused on reads as well, including routes where a token is optional. Writes and
 * {@code GET /user} refuse it even while cached (see AccountsContract).
 */
class DeletedUserPostgresIT extends ApiTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Override
  protected ConfigOverride[] overrides() {
    return new ConfigOverride[] {ConfigOverride.config("auth.tokenVersionCacheTtl", "0s")};
  }

  @Test
  void aDeletedUsersTokenIs401OnReadsToo() {
    String other = unique("other");
    app.register(other);
    String name = unique("gone");
    var caller = http.withToken(app.register(name));
    assertThat(caller.get("/articles/feed").status()).isEqualTo(200);

    app.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE username = ?", name));

    for (String path :
        List.of("/user", "/articles/feed", "/articles", "/tags", "/profiles/" + other)) {
      var reply = caller.get(path);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.json().at("/errors/token/0").asText()).isNotBlank();
    }
    assertThat(caller.put("/user", Users.update("bio", "x")).status()).isEqualTo(401);
  }
}
