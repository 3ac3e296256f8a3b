package dev.conduit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conduit.auth.AuthFactory;
import dev.conduit.db.ConduitDataSourceFactory;
import dev.conduit.ops.OpsFactory;
import dev.conduit.web.EdgeFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The service's configuration: one validated sub-factory per concern, nothing else. */
public class ConduitConfiguration extends Configuration {

  @Valid @NotNull private ConduitDataSourceFactory database = new ConduitDataSourceFactory();

  @Valid @NotNull private AuthFactory auth = new AuthFactory();

  @Valid @NotNull private EdgeFactory edge = new EdgeFactory();
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

  @JsonProperty("edge")
  public EdgeFactory getEdge() {
    return edge;
  }

  @JsonProperty("edge")
  public void setEdge(EdgeFactory edge) {
    this.edge = edge;
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
