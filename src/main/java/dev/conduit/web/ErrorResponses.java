package dev.conduit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a RealWorld error body from code that runs outside Jersey (filters, error handlers). */
public final class ErrorResponses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorResponses() {}

  public static byte[] json(ErrorBody body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a map of strings always serialises
    }
  }

  public static void write(HttpServletResponse res, int status, ErrorBody body) throws IOException {
    byte[] bytes = json(body);
    res.setStatus(status);
    res.setContentType("application/json");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }
}
