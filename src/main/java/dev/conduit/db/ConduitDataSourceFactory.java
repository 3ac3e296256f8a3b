package dev.conduit.db;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dropwizard's pool settings plus things of ours: the URL may be in Heroku's {@code
 * postgres://user:pass@host/db} form (the driver follows from it); development may migrate the
 * schema on start-up (production never does: it migrates in a release phase or a Job); TLS with a
 * verified server; PgBouncer in transaction mode; and the {@code db} commands' own direct
 * connection with lock and statement timeouts ({@link #forMigrations()}).
 */
public class ConduitDataSourceFactory extends DataSourceFactory {

  private boolean migrateOnStart = false;

  public ConduitDataSourceFactory() {
    // Dropwizard's SQL comments ("/* Dao.method */") wrap Jdbi's template engine in one that
    // cannot pre-parse, so every statement was re-lexed (ANTLR) on every execution: a few percent
    // of the CPU of a read (JFR, issue 9). Off, Jdbi parses each template once and caches it.
    setAutoCommentsEnabled(false);
  }

  /**
   * True when {@code url} leads to PgBouncer in transaction pooling mode: consecutive transactions
   * of one pooled connection may then run on different server connections, so a server-side
   * prepared statement (pgjdbc names one {@code S_n} after {@code prepareThreshold} uses) may not
   * exist where the next transaction runs. {@code prepareThreshold=0} keeps every statement unnamed
   * (parsed per execution), as pgjdbc's and PgBouncer's documentation advise. The {@code db}
   * commands then need {@code migration.url}: a direct connection.
   */
  private boolean transactionPooler = false;

  /** The {@code db} commands' own connection and timeouts (see {@link MigrationFactory}). */
  @Valid @NotNull private MigrationFactory migration = new MigrationFactory();

  /**
   * libpq's sslmode names; blank keeps the driver's default ({@code prefer}). {@code verify-full}
   * encrypts and checks that the server's certificate is signed by {@link #sslRootCert} and names
   * the host in the URL.
   */
  @Pattern(
      regexp = "|disable|allow|prefer|require|verify-ca|verify-full",
      message = "must be one of disable, allow, prefer, require, verify-ca, verify-full")
  private String sslMode = "";

  /** The CA certificate(s) that sign the server's: a PEM file, or the PEM text itself. */
  private String sslRootCert = "";

  /** Development's embedded database; production refuses it (data would live in the dyno). */
  private boolean allowH2 = false;

  @AssertTrue(message = "DATABASE_URL must point at PostgreSQL here (H2 is for development)")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isDatabaseAllowed() {
    return allowH2 || !isH2();
  }

  @AssertTrue(
      message =
          "sslMode verify-ca and verify-full need sslRootCert (DATABASE_SSLROOTCERT): the CA file"
              + " or PEM bundle that signs the database server's certificate")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isSslRootCertGivenWhenVerifying() {
    return !sslMode.startsWith("verify-") || !sslRootCert.isBlank();
  }

  /**
   * Driver-level timeouts (seconds), so that no thread waits forever on a database that stopped
   * answering (a black-holed network gives no error, only silence). The pool's own limits ({@code
   * maxWaitForConnection}, {@code validationQueryTimeout}) cannot help there: a statement timeout
   * is enforced by a cancel request, which is lost in the same silence; only the socket timeout
   * ends the wait. Set here, in {@link #build}, so the {@code db} commands get them too. Values in
   * the config or the URL win.
   */
  static final Map<String, String> DRIVER_TIMEOUTS =
      Map.of("connectTimeout", "5", "loginTimeout", "5", "socketTimeout", "30");

  /** The pool, with the timeouts, TLS (and pooler) settings handed to the driver first. */
  @Override
  public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
    if (!isH2()) {
      Map<String, String> properties = new LinkedHashMap<>(getProperties());
      DRIVER_TIMEOUTS.forEach(properties::putIfAbsent);
      properties.putAll(DatabaseTls.driverProperties(sslMode, sslRootCert));
      if (transactionPooler) {
        properties.put("prepareThreshold", "0");
      }
      setProperties(properties);
      DatabaseTls.checkAtStartUp(this);
    }
    ManagedDataSource dataSource = super.build(metricRegistry, name);
    // tomcat-jdbc's statement facade wraps every Statement and ResultSet in a reflective proxy
    // only so that equals and hashCode work on closed statements; every call on a result set went
    // through it (about 2% of a read's CPU in JFR, issue 9).
    if (dataSource instanceof ManagedPooledDataSource pooled) {
      pooled.getPoolProperties().setUseStatementFacade(false);
    }
    return dataSource;
  }

  /**
   * The settings the {@code db} commands use: the migration URL when one is set (else this one),
   * the same credentials, driver properties and TLS, a pool of one, and the session's lock and
   * statement timeouts.
   */
  public ConduitDataSourceFactory forMigrations() {
    if (transactionPooler && migration.getUrl().isBlank()) {
      throw new IllegalStateException(
          "database.transactionPooler is on (DATABASE_TRANSACTION_POOLER): the db commands need a"
              + " direct connection to PostgreSQL, not the pooler; set MIGRATION_DATABASE_URL");
    }
    ConduitDataSourceFactory m = new ConduitDataSourceFactory();
    m.setAllowH2(allowH2);
    m.setSslMode(sslMode);
    m.setSslRootCert(sslRootCert);
    if (migration.getUrl().isBlank()) {
      m.setRawUrl(getUrl(), getDriverClass());
      m.setUser(getUser());
      m.setPassword(getPassword());
    } else {
      m.setUrl(migration.getUrl());
    }
    m.setInitialSize(1);
    m.setMinSize(1);
    m.setMaxSize(1);
    getValidationQuery().ifPresent(m::setValidationQuery);
    Map<String, String> properties = new LinkedHashMap<>(getProperties());
    if (!m.isH2()) {
      properties.put("options", migration.sessionOptions());
      properties.put("ApplicationName", "conduit-migrate");
      // The socket may be silent for as long as a statement is allowed to run, and a bit more.
      properties.put(
          "socketTimeout",
          Long.toString(migration.getStatementTimeout().toSeconds() + SOCKET_TIMEOUT_MARGIN_S));
    }
    m.setProperties(properties);
    return m;
  }

  private static final long SOCKET_TIMEOUT_MARGIN_S = 30;

  private void setRawUrl(String jdbcUrl, String driverClass) {
    super.setUrl(jdbcUrl);
    setDriverClass(driverClass);
  }

  @JsonProperty
  public boolean isTransactionPooler() {
    return transactionPooler;
  }

  @JsonProperty
  public void setTransactionPooler(boolean transactionPooler) {
    this.transactionPooler = transactionPooler;
  }

  @JsonProperty
  public MigrationFactory getMigration() {
    return migration;
  }

  @JsonProperty
  public void setMigration(MigrationFactory migration) {
    this.migration = migration;
  }

  @JsonProperty
  public String getSslMode() {
    return sslMode;
  }

  @JsonProperty
  public void setSslMode(String sslMode) {
    this.sslMode = sslMode == null ? "" : sslMode.strip();
  }

  @JsonProperty
  public String getSslRootCert() {
    return sslRootCert;
  }

  @JsonProperty
  public void setSslRootCert(String sslRootCert) {
    this.sslRootCert = sslRootCert == null ? "" : sslRootCert.strip();
  }

  @Override
  @JsonProperty("url")
  public void setUrl(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    super.setUrl(parsed.jdbcUrl());
    setDriverClass(parsed.driverClass());
    parsed.user().ifPresent(this::setUser);
    parsed.password().ifPresent(this::setPassword);
  }

  public boolean isH2() {
    return getUrl() != null && getUrl().startsWith("jdbc:h2:");
  }

  @JsonProperty
  public boolean isAllowH2() {
    return allowH2;
  }

  @JsonProperty
  public void setAllowH2(boolean allowH2) {
    this.allowH2 = allowH2;
  }

  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }
}
