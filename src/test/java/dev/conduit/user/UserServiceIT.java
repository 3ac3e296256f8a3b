package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.auth.AuthUser;
import dev.conduit.auth.PasswordHasher;
import dev.conduit.auth.TokenVersions;
import dev.conduit.auth.Tokens;
import dev.conduit.support.DataTier;
import dev.conduit.support.TestApp;
import dev.conduit.support.Users;
import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts at the service tier: what registration, login and edits store, on a migrated Jdbi. */
class UserServiceIT extends DataTier {
  private final PasswordHasher passwords = new PasswordHasher(4);
  private final Tokens tokens =
      new Tokens(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1));
  private UserService users;

  UserServiceIT(Kind kind) {
    super(kind);
  }

  @BeforeEach
  void service() {
    users =
        new UserService(jdbi, passwords, tokens, new TokenVersions(jdbi, Duration.ofMinutes(1)));
  }

  private UserResponse register(String username, String email, String password) {
    return users.register(
        new RegisterRequest(new RegisterRequest.NewUser(username, email, password)));
  }

  private User stored(String username) {
    return jdbi.withExtension(UserDao.class, dao -> dao.findByEmail(Users.email(username)))
        .orElseThrow();
  }

  @Test
  void registrationStoresANormalizedEmailAndAHashNeverThePassword() {
    var reply = register("ann", "  Ann@Example.COM ", "ann's password");

    assertThat(reply.user().email()).isEqualTo("ann@example.com");
    User row = stored("ann");
    assertThat(row.passwordHash()).isNotEqualTo("ann's password").startsWith("$2");
    assertThat(passwords.matches("ann's password", row.passwordHash())).isTrue();
    assertThat(tokens.verify(reply.user().token()))
        .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(row.id()));
  }

  @Test
  void takenUsernamesAndEmailsAreRefusedAndNothingIsStored() {
    register("bob", "bob@example.com", "bob's password");

    assertThat(status(() -> register("bob", "other@example.com", "a password"))).isEqualTo(422);
    assertThat(status(() -> register("robert", "BOB@example.com", "a password"))).isEqualTo(422);
    assertThat(count("users")).isEqualTo(1);
  }

  @Test
  void loginFindsTheAccountByAnyCaseOfItsEmailAndRefusesAWrongPassword() {
    long id = stored(registered("cyd")).id();

    var reply =
        users.login(new LoginRequest(new LoginRequest.Credentials("CYD@example.com", "pw-cyd-1")));
    assertThat(tokens.verify(reply.user().token()))
        .hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(id));
    assertThat(
            status(
                () ->
                    users.login(
                        new LoginRequest(
                            new LoginRequest.Credentials("cyd@example.com", "wrong-pw")))))
        .isEqualTo(401);
    assertThat(
            status(
                () ->
                    users.login(
                        new LoginRequest(
                            new LoginRequest.Credentials("nobody@example.com", "pw-cyd-1")))))
        .isEqualTo(401);
  }

  @Test
  void anEditChangesOnlyItsFieldsAndANewPasswordRevokesEarlierTokens() {
    User before = stored(registered("dee"));
    AuthUser caller = new AuthUser(before.id(), before.tokenVersion(), "token");

    users.update(caller, changes(null, null, "new bio"));
    User bio = stored("dee");
    assertThat(bio.bio()).isEqualTo("new bio");
    assertThat(bio.username()).isEqualTo("dee");
    assertThat(bio.passwordHash()).isEqualTo(before.passwordHash());
    assertThat(bio.tokenVersion()).isEqualTo(before.tokenVersion());

    var reply = users.update(caller, changes(null, "a brand new password", null));
    User after = stored("dee");
    assertThat(after.bio()).isEqualTo("new bio");
    assertThat(after.tokenVersion()).isGreaterThan(before.tokenVersion());
    assertThat(passwords.matches("a brand new password", after.passwordHash())).isTrue();
    assertThat(tokens.verify(reply.user().token()))
        .hasValueSatisfying(t -> assertThat(t.tokenVersion()).isEqualTo(after.tokenVersion()));
    // The caller's token is of the old version now: its next edit is refused, not applied.
    assertThat(status(() -> users.update(caller, changes(null, null, "stale")))).isEqualTo(401);
    assertThat(stored("dee").bio()).isEqualTo("new bio");
  }

  private String registered(String username) {
    register(username, Users.email(username), "pw-" + username + "-1");
    return username;
  }

  private static UpdateUserRequest changes(String username, String password, String bio) {
    return new UpdateUserRequest(
        new UpdateUserRequest.Changes(null, username, password, bio, null));
  }
}
