package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.HeldTransaction;
import dev.conduit.support.Http;
import dev.conduit.support.TestDatabase;
import dev.conduit.support.Users;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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
  void aConcurrentBioEditKeepsTheNewEmailAndImage() throws Exception {
    String name = unique("race");
    var client = http.withToken(app.register(name));
    String newEmail = unique("moved") + "@example.com";

    var replies =
        raceOnTheRow(
            name,
            () ->
                client.put(
                    "/user",
                    Map.of(
                        "user", Map.of("email", newEmail, "image", "https://img.example/a.png"))),
            () -> client.put("/user", Users.update("bio", "edited meanwhile")));

    assertThat(replies[0].status()).as(replies[0].toString()).isEqualTo(200);
    assertThat(replies[1].status()).as(replies[1].toString()).isEqualTo(200);
    var login = http.post("/users/login", Users.login(newEmail, Users.password(name)));
    assertThat(login.status()).as("the new email survived: %s", login).isEqualTo(200);
    assertThat(login.json().at("/user/bio").asText()).isEqualTo("edited meanwhile");
    assertThat(login.json().at("/user/image").asText()).isEqualTo("https://img.example/a.png");
  }

  @Test
  void anEditRacingAPasswordChangeNeverRestoresTheOldPassword() throws Exception {
    String name = unique("race");
    String email = name + "@example.com";
    var client = http.withToken(app.register(name));

    var replies =
        raceOnTheRow(
            name,
            () -> client.put("/user", Users.update("password", "the-new-password")),
            () -> client.put("/user", Users.update("bio", "edited meanwhile")));

    assertThat(replies[0].status()).as(replies[0].toString()).isEqualTo(200);
    // Made with the token the password change revoked: refused, not applied over it.
    assertThat(replies[1].status()).as(replies[1].toString()).isEqualTo(401);
    var login = http.post("/users/login", Users.login(email, "the-new-password"));
    assertThat(login.status()).as("the new password survived: %s", login).isEqualTo(200);
    assertThat(http.post("/users/login", Users.login(email, Users.password(name))).status())
        .isEqualTo(401);
  }

  /**
   * Holds the user's row locked, starts {@code first} and waits until it is queued on the lock,
   * then the same for {@code second}, then releases: both requests have done all their reading
   * before either writes, and they write in order.
   */
  private Http.Reply[] raceOnTheRow(
      String username, Supplier<Http.Reply> first, Supplier<Http.Reply> second) throws Exception {
    CompletableFuture<Http.Reply> a;
    CompletableFuture<Http.Reply> b;
    try (var lock = new HeldTransaction(app.database())) {
      lock.execute("SELECT 1 FROM users WHERE username = ? FOR UPDATE", username);
      a = CompletableFuture.supplyAsync(first);
      lock.awaitWaiters(1);
      b = CompletableFuture.supplyAsync(second);
      lock.awaitWaiters(2);
      lock.commit();
    }
    return new Http.Reply[] {a.get(), b.get()};
  }
}
