package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class DatabaseChecksTest {
  @Test
  void anUnreadableChangelogMakesTheMigrationsCheckUnhealthyWithoutAskingTheDatabase()
      throws Exception {
    var failed =
        CompletableFuture.<SchemaVersion>failedFuture(new IllegalStateException("cannot read"));
    // Never connected: the check must answer before it would need the database.
    Jdbi unreachable = Jdbi.create("jdbc:postgresql://127.0.0.1:1/none");

    Result result = DatabaseChecks.migrations(unreachable, failed::join).call();

    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage()).isEqualTo("changelog of this build unreadable");
  }
}
