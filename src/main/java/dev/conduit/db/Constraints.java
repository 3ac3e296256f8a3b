package dev.conduit.db;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Turns constraint violations into the client errors they mean. */
public final class Constraints {
  /** SQLSTATE for unique_violation; PostgreSQL and H2 both use it. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** A child row names a parent that is gone: PostgreSQL's foreign_key_violation, H2's own code. */
  private static final Set<String> PARENT_MISSING = Set.of("23503", "23506");

  private Constraints() {}

  /**
   * Runs a write; if a unique constraint refuses it (a concurrent request won a race that an
   * earlier check could not see), throws the error the caller supplies instead.
   */
  public static <T> T onUniqueViolation(
      Supplier<T> write, Supplier<? extends RuntimeException> error) {
    try {
      return write.get();
    } catch (JdbiException e) {
      if (isUniqueViolation(e)) {
        throw error.get();
      }
      throw e;
    }
  }

  /**
   * Runs a write that links to other rows (a favorite to its article, a comment to its article and
   * author, a follow to both users); if one of them was deleted after the request looked it up, the
   * foreign key refuses the write and the caller's error (a 404, or a 401 when the caller's own
   * account is the one gone) is thrown instead of a 500. The supplier may query to tell which.
   */
  public static <T> T onForeignKeyViolation(
      Supplier<T> write, Supplier<? extends RuntimeException> error) {
    try {
      return write.get();
    } catch (JdbiException e) {
      if (PARENT_MISSING.stream().anyMatch(state -> hasState(e, state))) {
        throw error.get();
      }
      throw e;
    }
  }

  public static boolean isUniqueViolation(Throwable e) {
    return hasState(e, UNIQUE_VIOLATION);
  }

  private static boolean hasState(Throwable e, String state) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
