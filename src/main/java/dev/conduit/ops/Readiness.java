package dev.conduit.ops;

import com.codahale.metrics.Counter;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance should get traffic: not draining, the database answers within the health
 * timeout, and its schema has every changeset this build expects. The reason given when not ready
 * is one of a few fixed words, never exception text.
 *
 * <p>Probes are cheap to send and this path skips rate limits and host checks, so the database part
 * is not run per request: its result is kept for {@code ops.readinessInterval} and recomputed by
 * one caller at a time (Caffeine loads a key once; concurrent callers wait for that load). However
 * many probes arrive, the pool sees at most one readiness checkout per interval. Draining is not
 * cached: it shows on the next probe.
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
  private final Counter probes;
  private final LoadingCache<Boolean, Optional<String>> databaseResult;

  /**
   * @param interval how long a database result is reused; zero probes on every call
   * @param probes counts database probes actually run (metric {@code ops.readiness.probes})
   */
  public Readiness(
      Drain drain,
      Jdbi jdbi,
      SchemaVersion schema,
      HealthExecutor executor,
      Duration interval,
      Counter probes) {
    this.drain = drain;
    this.jdbi = jdbi;
    this.schema = schema;
    this.executor = executor;
    this.probes = probes;
    this.databaseResult =
        interval.isZero()
            ? null
            : Caffeine.newBuilder()
                .expireAfterWrite(interval)
                // Load in the caller's thread: the probe already runs on the bounded executor.
                .executor(Runnable::run)
                .build(key -> databaseReason());
  }

  /** Empty when ready; otherwise the short reason. */
  public Optional<String> notReadyReason() {
    if (drain.isDraining()) {
      return Optional.of(DRAINING);
    }
    Optional<String> reason =
        databaseResult == null ? databaseReason() : databaseResult.get(Boolean.TRUE);
    // Draining may have started while the probe ran.
    return drain.isDraining() ? Optional.of(DRAINING) : reason;
  }

  /**
   * {@code /health/ready}: 200 {@code {"status":"ready"}}, or 503 with the reason (a fixed word:
   * nothing to escape).
   */
  JsonServlet.Answer answer() {
    return notReadyReason()
        .map(
            r ->
                new JsonServlet.Answer(
                    503, "{\"status\":\"unavailable\",\"reason\":\"" + r + "\"}"))
        .orElseGet(() -> new JsonServlet.Answer(200, "{\"status\":\"ready\"}"));
  }

  /** Runs the database probe (bounded by the health timeout); empty when the database is fine. */
  private Optional<String> databaseReason() {
    probes.inc();
    try {
      return Optional.ofNullable(executor.call(this::probeDatabase));
    } catch (HealthExecutor.ProbeFailed e) {
      LOG.debug(
          "readiness: database probe {} ({})",
          e.getMessage(),
          e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
      return Optional.of(DATABASE);
    }
  }

  private String probeDatabase() {
    return jdbi.withHandle(
        h -> {
          h.createQuery("SELECT 1")
              .setQueryTimeout(executor.queryTimeoutSeconds())
              .mapTo(Integer.class)
              .one();
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
}
