package dev.conduit.support;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A PostgreSQL transaction a test holds open to stage a race deterministically: it takes row locks
 * (an uncommitted DELETE, a SELECT ... FOR UPDATE), the test starts requests that must wait on
 * those locks, {@link #awaitWaiters} sees them queued, and {@link #commit} lets them go.
 */
public final class HeldTransaction implements AutoCloseable {
  private final TestDatabase database;
  private final Connection connection;

  public HeldTransaction(TestDatabase database) throws SQLException {
    if (!database.isPostgres()) {
      throw new IllegalStateException("lock waits are observed through pg_stat_activity");
    }
    this.database = database;
    this.connection = database.connect();
    connection.setAutoCommit(false);
  }

  /** Runs one statement inside the held transaction; returns the rows it changed. */
  public int execute(String sql, Object... args) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      if (st.execute()) {
        return 0;
      }
      return st.getUpdateCount();
    }
  }

  /**
   * Waits until {@code count} other sessions of this database wait for a lock. Not a timing
   * assertion: the deadline only stops a broken test from hanging.
   */
  public void awaitWaiters(int count) throws Exception {
    try (Connection probe = database.connect();
        PreparedStatement st =
            probe.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
      await(count + " session(s) waiting for a lock")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                try (var rs = st.executeQuery()) {
                  rs.next();
                  return rs.getInt(1) >= count;
                }
              });
    }
  }

  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.rollback();
    }
    connection.close();
  }
}
