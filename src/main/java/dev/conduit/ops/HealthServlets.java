package dev.conduit.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Probes on the application port, outside Jersey ({@code /api/*}) so that rate limits, auth and the
 * API's filters never touch them.
 *
 * <ul>
 *   <li>{@code /health/live} and {@code /health}: 200 while the process can serve. Never touches
 *       the database, so an outage does not get pods restarted.
 *   <li>{@code /health/ready}: 200 {@code {"status":"ready"}}, or 503 with a short reason.
 * </ul>
 */
public final class HealthServlets {
  private HealthServlets() {}

  public static HttpServlet live() {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, 200, "{\"status\":\"alive\"}");
      }
    };
  }

  public static HttpServlet ready(Readiness readiness) {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<String> reason = readiness.notReadyReason();
        if (reason.isEmpty()) {
          write(resp, 200, "{\"status\":\"ready\"}");
        } else {
          // The reasons are fixed words (Readiness constants): nothing to escape.
          write(resp, 503, "{\"status\":\"unavailable\",\"reason\":\"" + reason.get() + "\"}");
        }
      }
    };
  }

  static void write(HttpServletResponse resp, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
