package dev.conduit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
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
    String token = at(NOW).issue(42, 0);

    assertThat(at(NOW.plusSeconds(3599)).verify(token)).map(AuthUser::id).contains(42L);
    assertThat(at(NOW.plusSeconds(3601)).verify(token)).isEmpty();
  }

  @Test
  void aTokenVerifiedBeforeIsRefusedOnceItExpiresAndItsAlterationsNever() {
    var now = new AtomicReference<>(NOW);
    var clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    var tokens = new Tokens(SECRET, Duration.ofHours(1), clock);
    String token = tokens.issue(42, 0);

    assertThat(tokens.verify(token)).map(AuthUser::id).contains(42L); // verified once, then known
    assertThat(tokens.verify(token + "A")).isEmpty();
    assertThat(tokens.verify(token)).map(AuthUser::id).contains(42L);
    now.set(NOW.plusSeconds(3601));
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  void headerIsPinnedToHs256() {
    String header =
        new String(
            java.util.Base64.getUrlDecoder().decode(at(NOW).issue(1, 0).split("\\.")[0]),
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
    assertThat(at(NOW).verify(other.issue(1, 0))).isEmpty();
  }

  @Test
  void garbageIsRefusedNotThrown() {
    assertThat(at(NOW).verify("")).isEmpty();
    assertThat(at(NOW).verify("a.b.c")).isEmpty();
    assertThat(at(NOW).verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")).isEmpty();
  }

  @Test
  void aTokenCarriesItsUsersTokenVersion() {
    assertThat(at(NOW).verify(at(NOW).issue(7, 3))).map(AuthUser::tokenVersion).contains(3);
    // Tokens from before versions existed have no claim: version 0, so a deploy logs nobody out.
    String legacy =
        io.jsonwebtoken.Jwts.builder()
            .subject("7")
            .expiration(java.util.Date.from(NOW.plusSeconds(60)))
            .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(SECRET))
            .compact();
    assertThat(at(NOW).verify(legacy)).map(AuthUser::tokenVersion).contains(0);
  }

  @Test
  void hs512SignedWithTheVerifyingKeyItselfIsRefused() {
    // A key long enough for HS512, so that jjwt alone would accept the token: only the pin refuses.
    byte[] longSecret = "k".repeat(64).getBytes(StandardCharsets.UTF_8);
    var tokens = new Tokens(longSecret, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    String hs512 =
        io.jsonwebtoken.Jwts.builder()
            .subject("1")
            .expiration(java.util.Date.from(NOW.plusSeconds(60)))
            .signWith(
                io.jsonwebtoken.security.Keys.hmacShaKeyFor(longSecret),
                io.jsonwebtoken.Jwts.SIG.HS512)
            .compact();

    assertThat(tokens.verify(tokens.issue(1, 0))).isPresent();
    assertThat(tokens.verify(hs512)).isEmpty();
  }
}
