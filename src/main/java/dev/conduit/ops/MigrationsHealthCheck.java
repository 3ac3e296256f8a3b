package dev.conduit.ops;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Unhealthy while changesets of this build are not applied (run {@code db migrate}). */
public final class MigrationsHealthCheck extends HealthCheck {
  private final Jdbi jdbi;
  private final SchemaVersion schema;

  public MigrationsHealthCheck(Jdbi jdbi, SchemaVersion schema) {
    this.jdbi = jdbi;
    this.schema = schema;
  }

  @Override
  protected Result check() {
    List<String> pending;
    try {
      pending = jdbi.withHandle(schema::pending);
    } catch (RuntimeException e) {
      return Result.builder()
          .unhealthy()
          .withMessage("schema version unknown (" + e.getClass().getSimpleName() + ")")
          .withDetail("expected", schema.expectedCount())
          .build();
    }
    ResultBuilder result =
        Result.builder()
            .withDetail("expected", schema.expectedCount())
            .withDetail("pending", pending.size());
    if (!pending.isEmpty()) {
      return result
          .unhealthy()
          .withMessage("pending migrations")
          .withDetail("pendingChangesets", pending)
          .build();
    }
    return result.healthy().build();
  }
}
