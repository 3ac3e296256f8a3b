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
 * Reads the rest of a refused request's body (401, 404, 429...), up to the size limit. Jetty only
 * consumes what has already arrived, then closes the keep-alive connection without saying so, and a
 * client that reuses it gets an empty reply. Reads through Jetty's input, so its minimum data rate
 * still cuts a slow client.
 */
public final class UnreadBodyDrainFilter extends HttpFilter {
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
   * Only what is still owed: a read after the whole body arrived would meet Jetty's minimum data
   * rate check, counted from the first byte, and abort a healthy connection.
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
    } catch (IOException | RuntimeException clientGoneOrTooSlow) {
      // Jetty closes the connection.
    }
  }
}
