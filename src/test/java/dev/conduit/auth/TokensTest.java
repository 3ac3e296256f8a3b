package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokensTest {
  static final byte[] SECRET =
      "unit-test-secret-that-is-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  Tokens at(Instant instant) {
    return new Tokens(SECRET, Duration.ofHours(1), Clock.fixed(instant, ZoneOffset.UTC));
  }

  @Test
  void aTokenNamesItsUserUntilItExpires() {
    String token = at(NOW).issue(42);

    assertThat(at(NOW.plusSeconds(3599)).verify(token)).map(AuthUser::id).contains(42L);
    assertThat(at(NOW.plusSeconds(3601)).verify(token)).isEmpty();
  }

  @Test
  void headerIsPinnedToHs256() {
    String header =
        new String(
            java.util.Base64.getUrlDecoder().decode(at(NOW).issue(1).split("\\.")[0]),
            StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"HS256\"");
  }

  @Test
  void aTokenFromAnotherSecretIsRefused() {
    var other =
        new Tokens(
            "another-secret-that-is-also-32-bytes-long".getBytes(StandardCharsets.UTF_8),
            Duration.ofHours(1),
            Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(at(NOW).verify(other.issue(1))).isEmpty();
  }

  @Test
  void garbageIsRefusedNotThrown() {
    assertThat(at(NOW).verify("")).isEmpty();
    assertThat(at(NOW).verify("a.b.c")).isEmpty();
    assertThat(at(NOW).verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")).isEmpty();
  }
}
