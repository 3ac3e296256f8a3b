package dev.conduit.profile;

import dev.conduit.db.Constraints;
import dev.conduit.profile.api.Profile;
import dev.conduit.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/** Reading profiles and following or unfollowing their owners. */
public class ProfileService {
  /** The {@code viewer} id of an anonymous caller: no account has it. */
  public static final long ANONYMOUS = 0;

  private final FollowDao follows;

  public ProfileService(Jdbi jdbi) {
    this.follows = jdbi.onDemand(FollowDao.class);
  }

  public Profile get(String username, long viewer) {
    return follows.findProfile(username, viewer).orElseThrow(ProfileService::notFound);
  }

  /** Following is idempotent; following yourself is refused with 422 (a profile, not a feed). */
  public Profile follow(long caller, String username) {
    long followee = follows.findUserId(username).orElseThrow(ProfileService::notFound);
    if (followee == caller) {
      throw ApiException.invalid("profile", "cannot follow yourself");
    }
    Constraints.onForeignKeyViolation(
        () -> {
          follows.follow(caller, followee, Instant.now().truncatedTo(ChronoUnit.MILLIS));
          return null;
        },
        // Deleted since the look-up: the profile (404), or else the caller's own account (401).
        () -> follows.findUserId(username).isPresent() ? ApiException.unauthorized() : notFound());
    return get(username, caller);
  }

  /** Unfollowing someone you do not follow is not an error: the end state is what was asked. */
  public Profile unfollow(long caller, String username) {
    long followee = follows.findUserId(username).orElseThrow(ProfileService::notFound);
    follows.unfollow(caller, followee);
    return get(username, caller);
  }

  private static ApiException notFound() {
    return ApiException.notFound("profile");
  }
}
