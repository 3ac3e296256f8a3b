package dev.conduit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/** The RealWorld error body: {@code {"errors":{"field":["message", ...]}}}. */
public record ErrorBody(Map<String, List<String>> errors) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static ErrorBody of(String field, String message) {
    return new ErrorBody(Map.of(field, List.of(message)));
  }

  /** A bare status: its reason under "request"; 5xx never says more than "internal error". */
  public static ErrorBody forStatus(int status) {
    String reason = HttpStatus.getMessage(status);
    return status >= 500
        ? of("server", "internal error")
        : of("request", reason == null ? "request failed" : reason.toLowerCase(Locale.ROOT));
  }

  /** This body as a JSON response, for mappers and filters inside Jersey. */
  public Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }

  /** For code outside Jersey (servlet filters, Jetty's error handler). */
  public byte[] json() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a map of strings always serialises
    }
  }

  public void write(HttpServletResponse res, int status) throws IOException {
    byte[] bytes = json();
    res.setStatus(status);
    res.setContentType("application/json");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }
}
