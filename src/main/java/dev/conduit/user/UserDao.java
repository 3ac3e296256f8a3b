package dev.conduit.user;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Accounts. Emails are stored lower-cased, so equality here is case-insensitive equality; usernames
 * keep the case they were registered with and are compared with {@code lower()} on both sides.
 */
@RegisterConstructorMapper(User.class)
public interface UserDao {
  String COLUMNS =
      "id, username, email, password_hash, bio, image, token_version, created_at, updated_at";

  @SqlUpdate(
      """
      INSERT INTO users (username, email, password_hash, created_at, updated_at)
      VALUES (:username, :email, :passwordHash, :now, :now)""")
  @GetGeneratedKeys("id")
  long insert(String username, String email, String passwordHash, Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
  Optional<User> findById(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
  Optional<User> findByEmail(String email);

  /** Usernames are unique regardless of case (changelog 0008), so at most one row matches. */
  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(:username)")
  Optional<User> findByUsername(String username);

  @SqlQuery(
      "SELECT count(*) > 0 FROM users WHERE lower(username) = lower(:username) AND id <> :exceptId")
  boolean usernameTaken(String username, long exceptId);

  @SqlQuery("SELECT count(*) > 0 FROM users WHERE email = :email AND id <> :exceptId")
  boolean emailTaken(String email, long exceptId);

  /**
   * One statement that changes only the given fields (null keeps the column), so concurrent edits
   * of different fields cannot undo each other: no read-modify-write of the whole row. A new
   * password also raises the token version, which revokes every token issued before. Only while the
   * caller's token version is current: a request made with a token revoked meanwhile (another
   * instance's cache may not know yet) changes nothing and gets no fresh token. Returns the number
   * of rows changed (0: the user no longer exists, or the token was revoked).
   */
  @SqlUpdate(
      """
      UPDATE users
      SET username = COALESCE(:username, username),
          email = COALESCE(:email, email),
          password_hash = COALESCE(:passwordHash, password_hash),
          token_version = CASE WHEN :newPassword THEN token_version + 1 ELSE token_version END,
          bio = CASE WHEN :clearBio THEN NULL ELSE COALESCE(:bio, bio) END,
          image = CASE WHEN :clearImage THEN NULL ELSE COALESCE(:image, image) END,
          updated_at = :now
      WHERE id = :id AND token_version = :tokenVersion""")
  int update(@BindMethods UserChanges changes, Instant now);
}
