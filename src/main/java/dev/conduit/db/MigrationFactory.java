package dev.conduit.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * How {@code db migrate} (and the other {@code db} commands) reach the database.
 *
 * <ul>
 *   <li>{@code url}: a direct, session-level connection (MIGRATION_DATABASE_URL). When the service
 *       talks to PostgreSQL through PgBouncer in transaction mode, migrations must not: their
 *       session settings below travel as a start-up parameter that PgBouncer refuses or drops, and
 *       DDL such as {@code CREATE INDEX CONCURRENTLY} cannot run inside a pooled transaction. Blank
 *       means the service's own URL.
 *   <li>{@code lockTimeout}: a DDL statement that cannot get its lock within this gives up. Without
 *       it, an ALTER waiting behind one long transaction makes every later query on that table
 *       queue behind the ALTER: the whole API stalls until the long transaction ends.
 *   <li>{@code statementTimeout}: no migration statement holds its locks longer than this.
 * </ul>
 */
public class MigrationFactory {
  private String url = "";

  @NotNull
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
  private Duration lockTimeout = Duration.seconds(5);

  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 24, unit = TimeUnit.HOURS)
  private Duration statementTimeout = Duration.minutes(2);

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url == null ? "" : url.strip();
  }

  @JsonProperty
  public Duration getLockTimeout() {
    return lockTimeout;
  }

  @JsonProperty
  public void setLockTimeout(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }

  @JsonProperty
  public Duration getStatementTimeout() {
    return statementTimeout;
  }

  @JsonProperty
  public void setStatementTimeout(Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  /** PostgreSQL's start-up {@code options}: session settings in force before the first query. */
  String sessionOptions() {
    return "-c lock_timeout="
        + lockTimeout.toMilliseconds()
        + " -c statement_timeout="
        + statementTimeout.toMilliseconds();
  }
}
