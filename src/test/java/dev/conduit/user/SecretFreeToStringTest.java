package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.auth.AuthUser;
import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Records that hold a password, hash, token or email never print them (logs, error reports). */
class SecretFreeToStringTest {
  static final String HASH = "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
  static final String EMAIL = "someone@example.com";
  static final String PASSWORD = "hunter2-hunter2";
  static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

  @Test
  void noRecordPrintsASecret() {
    var user = new User(1, "alice", EMAIL, HASH, "bio", null, 0, Instant.EPOCH, Instant.EPOCH);
    for (Object record :
        new Object[] {
          user,
          new LoginRequest(new LoginRequest.Credentials(EMAIL, PASSWORD)),
          new RegisterRequest(new RegisterRequest.NewUser("alice", EMAIL, PASSWORD)),
          new UpdateUserRequest(new UpdateUserRequest.Changes(EMAIL, "alice", PASSWORD, "b", null)),
          new UserChanges(1, 0, "alice", EMAIL, HASH, null, null),
          UserResponse.of(user, TOKEN),
          new AuthUser(1, 0, TOKEN)
        }) {
      assertThat(record.toString())
          .as(record.getClass().getName())
          .doesNotContain(HASH)
          .doesNotContain(EMAIL)
          .doesNotContain(PASSWORD)
          .doesNotContain(TOKEN);
    }
    assertThat(user.toString()).contains("alice");
  }
}
