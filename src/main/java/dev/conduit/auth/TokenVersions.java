package dev.conduit.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The current token version of each user, cached so that checking a token costs no database round
 * trip on most requests: one primary-key lookup per user per {@code ttl}, and none after a login or
 * a registration, which put the version they know.
 *
 * <p>A token is valid only while its version equals the user's, and only while the user exists.
 * This instance learns of its own changes at once (password change, revoke task); other instances
 * within {@code ttl}. Caffeine (shipped with Dropwizard) bounds the size and expires entries.
 */
public final class TokenVersions {
  /** Cached for a user id with no row: its tokens name nobody. */
  private static final int NO_SUCH_USER = -1;

  private static final long MAX_USERS = 100_000;

  private final LoadingCache<Long, Integer> versions;

  public TokenVersions(Jdbi jdbi, Duration ttl) {
    this.versions =
        Caffeine.newBuilder()
            .maximumSize(MAX_USERS)
            .expireAfterWrite(ttl)
            .build(
                id ->
                    jdbi.withHandle(
                        h ->
                            h.createQuery("SELECT token_version FROM users WHERE id = :id")
                                .bind("id", id)
                                .mapTo(Integer.class)
                                .findOne()
                                .orElse(NO_SUCH_USER)));
  }

  /** Whether the token's user still exists and has not revoked tokens of this version. */
  public boolean isCurrent(AuthUser caller) {
    return versions.get(caller.id()) == caller.tokenVersion();
  }

  /** A version just read from or written to the row (login, registration, password change). */
  public void remember(long userId, int version) {
    versions.put(userId, version);
  }

  /** Forget what is cached: the next check reads the row (after a revoke, or a failed write). */
  public void forget(long userId) {
    versions.invalidate(userId);
  }
}
