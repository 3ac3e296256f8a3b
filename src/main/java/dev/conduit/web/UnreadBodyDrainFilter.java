package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.HttpInput;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Reads what is left of a request body once a refusal has been produced (401 before the body was
 * looked at, 404, 429 from the rate limiter, ...). Otherwise Jetty, finding unread content that has
 * not arrived yet, closes the keep-alive connection after the response without saying so, and a
 * client that reuses it gets an empty reply. Registered outside every other filter so that it
 * covers refusals from filters, Jersey and Jetty's default servlet alike; reads at most {@code
 * maxBytes} (the body size limit), so an oversized body still just loses its connection.
 *
 * <p>Hand-written because Jetty only consumes what has already arrived before deciding; reading
 * through Jetty's own input keeps its minimum data rate in force, so a slow client is still cut.
 */
public final class UnreadBodyDrainFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private final long maxBytes;

  public UnreadBodyDrainFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(req, res);
    } finally {
      if (res.getStatus() >= 400) {
        drain(req);
      }
    }
  }

  /**
   * Reads only what is still owed: with a Content-Length, exactly the bytes nobody read (Jetty
   * counts them), and nothing once they all were. An extra read after the response would meet
   * Jetty's minimum data rate check long after the first byte and abort a connection whose body had
   * arrived whole.
   */
  private void drain(HttpServletRequest req) {
    HttpInput body = ServletContextRequest.getServletContextRequest(req).getHttpInput();
    long length = req.getContentLengthLong();
    long left = length >= 0 ? Math.min(maxBytes, length - body.getContentConsumed()) : maxBytes;
    try {
      byte[] buffer = new byte[8192];
      int n;
      while (left > 0
          && !body.isFinished()
          && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or it sends too slowly (Jetty's minimum data rate, 408): Jetty
      // closes the connection; nothing more to do here.
    }
  }
}
