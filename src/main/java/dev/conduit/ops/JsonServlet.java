package dev.conduit.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Never-cached small JSON: probes on the app port (outside Jersey), /version on the admin port. */
final class JsonServlet extends HttpServlet {
  record Answer(int status, String json) {}

  private final transient Supplier<Answer> answer;

  JsonServlet(Supplier<Answer> answer) {
    this.answer = answer;
  }

  static JsonServlet constant(String json) {
    Answer ok = new Answer(200, json);
    return new JsonServlet(() -> ok);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answer a = answer.get();
    byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(a.status());
    resp.setContentType("application/json");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
