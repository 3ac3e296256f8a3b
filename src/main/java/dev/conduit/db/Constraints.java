package dev.conduit.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Turns constraint violations into the client errors they mean. */
public final class Constraints {
  /** SQLSTATE for unique_violation; PostgreSQL and H2 both use it. */
  private static final String UNIQUE_VIOLATION = "23505";

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

  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
