package dev.conduit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conduit.db.Migrations;
import dev.conduit.db.SecretFreeErrors;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DAO and service tier: a database migrated with the real changelog and a Jdbi set up as the
 * application's, with no HTTP and no application. Every feature test extending this runs twice, on
 * H2 (PostgreSQL mode) and on PostgreSQL ({@code @ParameterizedClass}; subclasses only pass the
 * {@link Kind} on). One database per run of a class; every row is deleted after each test, and a
 * failed clean fails the test.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(DataTier.Kind.class)
public abstract class DataTier {
  /** The databases every query must work on. */
  public enum Kind {
    H2(TestDatabase::h2),
    POSTGRES(TestDatabase::postgres);

    private final Supplier<TestDatabase> create;

    Kind(Supplier<TestDatabase> create) {
      this.create = create;
    }
  }

  /** Children first, so no foreign key stops a DELETE. */
  private static final List<String> TABLES =
      List.of("comments", "favorites", "article_tags", "tags", "articles", "follows", "users");

  /** The migrated database of the run in progress (runs are sequential). */
  private static final Map<Kind, TestDatabase> DATABASES = new EnumMap<>(Kind.class);

  protected final TestDatabase database;
  protected final Jdbi jdbi;

  protected DataTier(Kind kind) {
    this.database = DATABASES.get(kind);
    // What JdbiFactory installs for the application's DAOs, and its error hygiene.
    this.jdbi = Jdbi.create(database.url()).installPlugin(new SqlObjectPlugin());
    SecretFreeErrors.configure(jdbi);
  }

  @BeforeParameterizedClassInvocation
  static void migrate(Kind kind) {
    TestDatabase database = kind.create.get();
    DATABASES.put(kind, database);
    Migrations.migrate(Jdbi.create(database.url()));
  }

  @AfterParameterizedClassInvocation
  static void drop(Kind kind) {
    DATABASES.remove(kind).close();
  }

  @AfterEach
  void clean() {
    jdbi.useTransaction(h -> TABLES.forEach(t -> h.execute("DELETE FROM " + t)));
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
