package dev.conduit.support;

import dev.conduit.ConduitApplication;
import dev.conduit.ConduitConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The real application, booted in-process from {@code config.yml} on random loopback ports against
 * a {@link TestDatabase} (migrated on start, as development does). Overrides adjust single
 * settings, e.g. {@code ConfigOverride.config("auth.tokenTtl", "1s")}.
 */
public final class TestApp implements AutoCloseable {
  /**
   * A fixed secret so tests can mint tokens of their own (expired, foreign-signed, ...). Over 64
   * bytes, so that even HS512 can be signed with it: the algorithm pin, not the key size, must be
   * what refuses such a token.
   */
  public static final String JWT_SECRET =
      "test-secret-that-is-at-least-64-bytes-long-so-that-hs512-could-sign-with-it!!";

  private final DropwizardTestSupport<ConduitConfiguration> support;
  private final TestDatabase database;

  private TestApp(DropwizardTestSupport<ConduitConfiguration> support, TestDatabase database) {
    this.support = support;
    this.database = database;
  }

  public static TestApp start(TestDatabase database, ConfigOverride... extra) {
    return start(ConduitApplication.class, database, extra);
  }

  /**
   * The same, with a subclass of the application: for test-only resources or filters (e.g. one that
   * throws, to see what an unhandled error looks like from outside).
   */
  public static TestApp start(
      Class<? extends ConduitApplication> application,
      TestDatabase database,
      ConfigOverride... extra) {
    return start(application, database, database.url(), extra);
  }

  /**
   * The application reaching {@code database} through another URL, e.g. a TCP proxy the test
   * breaks. (A second {@code database.url} override would not do: Dropwizard applies overrides of
   * one key in no fixed order.)
   */
  public static TestApp startVia(
      String databaseUrl, TestDatabase database, ConfigOverride... extra) {
    return start(ConduitApplication.class, database, databaseUrl, extra);
  }

  private static TestApp start(
      Class<? extends ConduitApplication> application,
      TestDatabase database,
      String databaseUrl,
      ConfigOverride... extra) {
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("database.url", databaseUrl));
    overrides.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
    overrides.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
    overrides.add(ConfigOverride.config("auth.jwtSecret", JWT_SECRET));
    // The cheapest bcrypt cost: tests register hundreds of users; production uses 12.
    overrides.add(ConfigOverride.config("auth.bcryptCost", "4"));
    overrides.add(ConfigOverride.config("logging.level", "WARN"));
    overrides.addAll(List.of(extra));
    var support =
        new DropwizardTestSupport<>(
            application, "config.yml", overrides.toArray(ConfigOverride[]::new));
    try {
      support.before();
    } catch (Exception e) {
      throw new IllegalStateException("application did not start on " + database, e);
    }
    return new TestApp(support, database);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + support.getLocalPort() + "/api";
  }

  public String appRoot() {
    return "http://127.0.0.1:" + support.getLocalPort();
  }

  public String adminUrl() {
    return "http://127.0.0.1:" + support.getAdminPort();
  }

  public int port() {
    return support.getLocalPort();
  }

  public int adminPort() {
    return support.getAdminPort();
  }

  public Http http() {
    return new Http(baseUrl());
  }

  public TestDatabase database() {
    return database;
  }

  /** Direct database access for assertions on what was (or was not) stored. */
  public Jdbi jdbi() {
    return Jdbi.create(database.url());
  }

  /** The running application's environment (its Jersey resources, health checks, ...). */
  public io.dropwizard.core.setup.Environment environment() {
    return support.getEnvironment();
  }

  public ConduitConfiguration configuration() {
    return support.getConfiguration();
  }

  public ConduitApplication application() {
    return (ConduitApplication) support.getApplication();
  }

  /** Registers a user through the API; returns its token. */
  public String register(String username) {
    return Users.register(http(), username);
  }

  @Override
  public void close() {
    support.after();
  }
}
