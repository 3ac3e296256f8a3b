package dev.conduit.ops;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance should get traffic: not draining, the database answers within the health
 * timeout, and its schema has every changeset this build expects. The reason given when not ready
 * is one of a few fixed words, never exception text.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

  public static final String DRAINING = "draining";
  public static final String DATABASE = "database unavailable";
  public static final String SCHEMA = "schema not at expected version";

  private final Drain drain;
  private final Jdbi jdbi;
  private final SchemaVersion schema;
  private final HealthExecutor executor;

  public Readiness(Drain drain, Jdbi jdbi, SchemaVersion schema, HealthExecutor executor) {
    this.drain = drain;
    this.jdbi = jdbi;
    this.schema = schema;
    this.executor = executor;
  }

  /** Empty when ready; otherwise the short reason. */
  public Optional<String> notReadyReason() {
    if (drain.isDraining()) {
      return Optional.of(DRAINING);
    }
    String reason;
    try {
      reason = executor.call(this::probeDatabase);
    } catch (HealthExecutor.ProbeFailed e) {
      LOG.debug(
          "readiness: database probe {} ({})",
          e.getMessage(),
          e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
      return Optional.of(DATABASE);
    }
    // Draining may have started while the probe ran.
    return drain.isDraining() ? Optional.of(DRAINING) : Optional.ofNullable(reason);
  }

  private String probeDatabase() {
    return jdbi.withHandle(
        h -> {
          h.createQuery("SELECT 1").setQueryTimeout(timeoutSeconds()).mapTo(Integer.class).one();
          List<String> pending;
          try {
            pending = schema.pending(h);
          } catch (RuntimeException e) {
            LOG.debug(
                "readiness: cannot read the schema version ({})", e.getClass().getSimpleName());
            return SCHEMA;
          }
          if (!pending.isEmpty()) {
            LOG.debug("readiness: {} pending changesets", pending.size());
            return SCHEMA;
          }
          return null;
        });
  }

  private int timeoutSeconds() {
    return (int) Math.max(1, Math.ceil(executor.timeout().toMilliseconds() / 1000.0));
  }
}
