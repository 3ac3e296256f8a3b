package dev.conduit.web;

import dev.conduit.ConduitApplication;
import dev.conduit.ConduitConfiguration;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real application plus two test-only ways to fail, registered only here: a resource that
 * throws inside Jersey, and a servlet filter that throws outside it (Jetty's error path). Their
 * messages look like what must never reach a client: SQL and a password.
 */
public class FailingApplication extends ConduitApplication {
  static final String SECRET_IN_MESSAGE = "password=hunter2-not-for-clients";
  static final String SQL_IN_MESSAGE = "SELECT password_hash FROM users WHERE id = 1";

  @Override
  public void run(ConduitConfiguration config, Environment env) {
    super.run(config, env);
    env.jersey().register(new FailingResource());
    env.servlets()
        .addFilter(
            "failing-filter",
            new HttpFilter() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doFilter(
                  jakarta.servlet.http.HttpServletRequest req,
                  jakarta.servlet.http.HttpServletResponse res,
                  jakarta.servlet.FilterChain chain) {
                throw new IllegalStateException(SQL_IN_MESSAGE + " " + SECRET_IN_MESSAGE);
              }
            })
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/failing-filter");
  }

  /** {@code GET /api/test-failures/boom}: logs a line, then throws. */
  @Path("/test-failures")
  public static class FailingResource {
    private static final Logger LOG = LoggerFactory.getLogger(FailingResource.class);

    @GET
    @Path("/boom")
    public String boom() {
      LOG.warn("about to fail on purpose");
      throw new IllegalStateException(
          "ERROR: relation \"users\" failed: " + SQL_IN_MESSAGE + " " + SECRET_IN_MESSAGE);
    }
  }
}
