package dev.conduit.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Issues and verifies the API's JWTs: HS256 only. jjwt refuses unsigned ({@code alg: none}) tokens;
 * we also refuse any other algorithm, even an HMAC one the key would be strong enough for, so the
 * algorithm is pinned rather than chosen by the token.
 */
public final class Tokens {
  static final String ALGORITHM = "HS256";

  /** The user's token version at issue time (see {@link TokenVersions}); absent means 0. */
  static final String VERSION_CLAIM = "ver";

  private final SecretKey key;
  private final Duration ttl;
  private final Clock clock;

  /** Immutable and thread-safe: built once, not per request (JFR showed the build per verify). */
  private final JwtParser parser;

  public Tokens(byte[] secret, Duration ttl) {
    this(secret, ttl, Clock.systemUTC());
  }

  Tokens(byte[] secret, Duration ttl, Clock clock) {
    this.key = Keys.hmacShaKeyFor(secret);
    this.ttl = ttl;
    this.clock = clock;
    this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
  }

  public String issue(long userId, int tokenVersion) {
    var now = clock.instant();
    return Jwts.builder()
        .subject(Long.toString(userId))
        .claim(VERSION_CLAIM, tokenVersion)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(ttl)))
        .signWith(key, Jwts.SIG.HS256)
        .compact();
  }

  /** The caller a token names, or empty when it is malformed, tampered, expired or not HS256. */
  public Optional<AuthUser> verify(String token) {
    try {
      var jws = parser.parseSignedClaims(token);
      if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
        return Optional.empty();
      }
      Claims claims = jws.getPayload();
      if (claims.getExpiration() == null || claims.getSubject() == null) {
        return Optional.empty();
      }
      Integer version = claims.get(VERSION_CLAIM, Integer.class);
      return Optional.of(
          new AuthUser(Long.parseLong(claims.getSubject()), version == null ? 0 : version, token));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
