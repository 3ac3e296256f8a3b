package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.HeldTransaction;
import dev.conduit.support.Http;
import dev.conduit.support.TestDatabase;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /user} under concurrency, on PostgreSQL: two edits of different fields both survive.
 * The race is staged with a row lock, so it happens every run: both requests have read the row
 * before either writes.
 */
class ConcurrentUpdatePostgresIT extends ApiTestBase {
  @Override
  protected TestDatabase database() {
    return TestDatabase.postgres();
  }

  @Test
  void aConcurrentBioEditKeepsTheNewPasswordAndEmail() throws Exception {
    String name = unique("race");
    String token = app.register(name);
    long id =
        app.jdbi()
            .withHandle(
                h ->
                    h.select("SELECT id FROM users WHERE username = ?", name)
                        .mapTo(Long.class)
                        .one());
    String newEmail = unique("moved") + "@example.com";
    var client = http.withToken(token);

    CompletableFuture<Http.Reply> credentials;
    CompletableFuture<Http.Reply> bio;
    try (var lock = new HeldTransaction(app.database())) {
      lock.execute("SELECT 1 FROM users WHERE id = ? FOR UPDATE", id);
      credentials =
          CompletableFuture.supplyAsync(
              () ->
                  client.put(
                      "/user",
                      Map.of("user", Map.of("password", "the-new-password", "email", newEmail))));
      lock.awaitWaiters(1);
      bio =
          CompletableFuture.supplyAsync(
              () -> client.put("/user", Map.of("user", Map.of("bio", "edited meanwhile"))));
      lock.awaitWaiters(2);
      lock.commit();
    }

    assertThat(credentials.get().status()).as(credentials.get().toString()).isEqualTo(200);
    assertThat(bio.get().status()).as(bio.get().toString()).isEqualTo(200);
    var login =
        http.post(
            "/users/login",
            Map.of("user", Map.of("email", newEmail, "password", "the-new-password")));
    assertThat(login.status()).as("the new password and email survived: %s", login).isEqualTo(200);
    assertThat(login.json().at("/user/bio").asText()).isEqualTo("edited meanwhile");
  }
}
