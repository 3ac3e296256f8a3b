package dev.conduit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conduit.db.Migrations;
import dev.conduit.db.SecretFreeErrors;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The DAO and service tier: a database migrated with the real changelog and a Jdbi set up as the
 * application's, with no HTTP and no application. Feature tests extend this as an abstract contract
 * run twice, by {@code @Nested} subclasses on H2 (PostgreSQL mode) and on PostgreSQL. One database
 * per class; every row is deleted after each test, and a failed clean fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DataTier {
  /** Children first, so no foreign key stops a DELETE. */
  private static final List<String> TABLES =
      List.of("comments", "favorites", "article_tags", "tags", "articles", "follows", "users");

  private final Supplier<TestDatabase> databases;
  protected TestDatabase database;
  protected Jdbi jdbi;

  protected DataTier(Supplier<TestDatabase> databases) {
    this.databases = databases;
  }

  @BeforeAll
  void migrate() {
    database = databases.get();
    // What JdbiFactory installs for the application's DAOs, and its error hygiene.
    jdbi = Jdbi.create(database.url()).installPlugin(new SqlObjectPlugin());
    SecretFreeErrors.configure(jdbi);
    Migrations.migrate(jdbi);
  }

  @AfterEach
  void clean() {
    jdbi.useTransaction(h -> TABLES.forEach(t -> h.execute("DELETE FROM " + t)));
  }

  @AfterAll
  void drop() {
    database.close();
  }

  /** A user row as registration would store it (the hash is a placeholder); returns its id. */
  protected long user(String username) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO users (username, email, password_hash, created_at, updated_at)
                    VALUES (:username, :email, 'not-a-real-hash', :now, :now)""")
                .bind("username", username)
                .bind("email", Users.email(username))
                .bind("now", Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  /** Rows of {@code table}, counted directly. */
  protected long count(String table) {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  /**
   * The HTTP status a refused call carries. Read from the exception rather than its class, so the
   * tier pins what clients see (404, 403, 422...), not how the web layer names its exceptions.
   */
  protected static int status(ThrowingCallable call) {
    Throwable refused = catchThrowable(call);
    assertThat(refused).as("the call was refused").isNotNull();
    if (refused instanceof WebApplicationException web) {
      return web.getResponse().getStatus();
    }
    try {
      return (int) refused.getClass().getMethod("status").invoke(refused);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("not an HTTP error: " + refused, refused);
    }
  }
}
