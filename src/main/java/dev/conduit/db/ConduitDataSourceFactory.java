package dev.conduit.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;

/**
 * Dropwizard's pool settings plus two things of ours: the URL may be in Heroku's {@code
 * postgres://user:pass@host/db} form (the driver follows from it), and development may migrate the
 * schema on start-up. Production never does: it migrates in a release phase or a Job.
 */
public class ConduitDataSourceFactory extends DataSourceFactory {

  private boolean migrateOnStart = false;

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
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }
}
