package dev.conduit.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.db.Migrations;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

  @Test
  void readsEveryChangesetOfTheChangelog() {
    assertThat(SchemaVersion.fromChangelog().expectedCount()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void pendingListsWhatTheDatabaseHasNotApplied() {
    Jdbi jdbi =
        Jdbi.create(
            "jdbc:h2:mem:schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
    SchemaVersion schema = SchemaVersion.fromChangelog();
    Migrations.migrate(jdbi);
    assertThat(jdbi.withHandle(schema::pending)).isEmpty();

    SchemaVersion newer = new SchemaVersion(Set.of("conduit:0001-users", "conduit:9999-future"));
    assertThat(jdbi.withHandle(newer::pending)).containsExactly("conduit:9999-future");
  }
}
