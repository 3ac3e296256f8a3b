package dev.conduit.db;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.ManagedPooledDataSource;
import jakarta.validation.constraints.AssertTrue;

/**
 * Dropwizard's pool settings plus two things of ours: the URL may be in Heroku's {@code
 * postgres://user:pass@host/db} form (the driver follows from it), and development may migrate the
 * schema on start-up. Production never does: it migrates in a release phase or a Job.
 */
public class ConduitDataSourceFactory extends DataSourceFactory {

  private boolean migrateOnStart = false;

  public ConduitDataSourceFactory() {
    // Dropwizard's SQL comments ("/* Dao.method */") wrap Jdbi's template engine in one that
    // cannot pre-parse, so every statement was re-lexed (ANTLR) on every execution: a few percent
    // of the CPU of a read (JFR, issue 9). Off, Jdbi parses each template once and caches it.
    setAutoCommentsEnabled(false);
  }

  /** Development's embedded database; production refuses it (data would live in the dyno). */
  private boolean allowH2 = false;

  @AssertTrue(message = "DATABASE_URL must point at PostgreSQL here (H2 is for development)")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public boolean isDatabaseAllowed() {
    return allowH2 || !isH2();
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

  /**
   * Dropwizard's pool, with one tomcat-jdbc option changed: the statement facade wraps every
   * Statement and ResultSet in a reflective proxy only so that equals and hashCode work on closed
   * statements, and every call on a result set went through it (about 2% of a read's CPU in JFR).
   */
  @Override
  public ManagedDataSource build(MetricRegistry metricRegistry, String name) {
    ManagedDataSource dataSource = super.build(metricRegistry, name);
    if (dataSource instanceof ManagedPooledDataSource pooled) {
      pooled.getPoolProperties().setUseStatementFacade(false);
    }
    return dataSource;
  }
}
