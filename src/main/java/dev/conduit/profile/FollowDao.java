package dev.conduit.profile;

import dev.conduit.profile.api.Profile;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Profiles and the follows between users. {@code viewer} is the caller's id, or 0 for an anonymous
 * caller (no account has id 0, so {@code following} is then false without a special case).
 * Usernames match regardless of case ({@code /profiles/Alice} is alice's profile, shown with the
 * username as registered); they are unique regardless of case, so at most one row matches.
 */
@RegisterConstructorMapper(Profile.class)
public interface FollowDao {

  /** One statement: the profile and whether the viewer follows it (primary-key probe). */
  @SqlQuery(
      """
      SELECT u.username, u.bio, u.image,
             EXISTS (SELECT 1 FROM follows f
                     WHERE f.follower_id = :viewer AND f.followee_id = u.id) AS following
      FROM users u WHERE lower(u.username) = lower(:username)""")
  Optional<Profile> findProfile(String username, long viewer);

  @SqlQuery("SELECT id FROM users WHERE lower(username) = lower(:username)")
  Optional<Long> findUserId(String username);

  /** Idempotent: following twice leaves one row (the primary key absorbs the repeat). */
  @SqlUpdate(
      """
      INSERT INTO follows (follower_id, followee_id, created_at)
      VALUES (:follower, :followee, :now)
      ON CONFLICT DO NOTHING""")
  void follow(long follower, long followee, Instant now);

  @SqlUpdate("DELETE FROM follows WHERE follower_id = :follower AND followee_id = :followee")
  void unfollow(long follower, long followee);
}
