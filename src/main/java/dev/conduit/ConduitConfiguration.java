package dev.conduit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conduit.auth.AuthFactory;
import dev.conduit.db.ConduitDataSourceFactory;
import dev.conduit.ops.OpsFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The service's configuration: one validated sub-factory per concern, nothing else. */
public class ConduitConfiguration extends Configuration {

  @Valid @NotNull private ConduitDataSourceFactory database = new ConduitDataSourceFactory();

  @Valid @NotNull private AuthFactory auth = new AuthFactory();

  @Valid @NotNull private OpsFactory ops = new OpsFactory();

  @JsonProperty("database")
  public ConduitDataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty("database")
  public void setDatabase(ConduitDataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty("auth")
  public AuthFactory getAuth() {
    return auth;
  }

  @JsonProperty("auth")
  public void setAuth(AuthFactory auth) {
    this.auth = auth;
  }

  @JsonProperty("ops")
  public OpsFactory getOps() {
    return ops;
  }

  @JsonProperty("ops")
  public void setOps(OpsFactory ops) {
    this.ops = ops;
  }
}
