package dev.conduit.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /version} on the admin port: version, git commit and build time. */
public final class VersionServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final String json;

  public VersionServlet(BuildInfo info, ObjectMapper mapper) throws IOException {
    this.json = mapper.writeValueAsString(info);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    HealthServlets.write(resp, 200, json);
  }
}
