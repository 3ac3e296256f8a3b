package dev.conduit.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  /**
   * Tokens that passed {@link #parse}, with what they name, so that a client's next requests skip
   * the HMAC and the two JSON documents (5% of an authenticated request's CPU in JFR, issue 9).
   * Only valid tokens get in; each hit still checks the expiry against the clock.
   */
  private final Cache<String, Verified> verified =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();

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
    Verified known = verified.getIfPresent(token);
    if (known == null) {
      known = parse(token);
      if (known == null) {
        return Optional.empty();
      }
      verified.put(token, known);
    }
    return known.expires().isAfter(clock.instant()) ? Optional.of(known.user()) : Optional.empty();
  }

  private Verified parse(String token) {
    try {
      var jws = parser.parseSignedClaims(token);
      if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
        return null;
      }
      Claims claims = jws.getPayload();
      if (claims.getExpiration() == null || claims.getSubject() == null) {
        return null;
      }
      Integer version = claims.get(VERSION_CLAIM, Integer.class);
      var user =
          new AuthUser(Long.parseLong(claims.getSubject()), version == null ? 0 : version, token);
      return new Verified(user, claims.getExpiration().toInstant());
    } catch (JwtException | IllegalArgumentException e) {
      return null;
    }
  }

  private record Verified(AuthUser user, Instant expires) {}
}
