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
  String COLUMNS = "id, username, email, password_hash, bio, image, created_at, updated_at";

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

  @SqlUpdate(
      """
      UPDATE users
      SET username = :username, email = :email, password_hash = :passwordHash,
          bio = :bio, image = :image, updated_at = :updatedAt
      WHERE id = :id""")
  void update(@BindMethods User user);
}
