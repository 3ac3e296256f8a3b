package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request body once a refusal has been produced (401 before the body was
 * looked at, 404, 429 from the rate limiter, ...). Otherwise Jetty, finding unread content that has
 * not arrived yet, closes the keep-alive connection after the response without saying so, and a
 * client that reuses it gets an empty reply. Registered outside every other filter so that it
 * covers refusals from filters, Jersey and Jetty's default servlet alike; reads at most {@code
 * maxBytes} (the body size limit), so an oversized body still just loses its connection.
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

  private void drain(HttpServletRequest req) {
    try {
      InputStream body = req.getInputStream();
      byte[] buffer = new byte[8192];
      long left = maxBytes;
      int n;
      while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // Read through a Reader already, or the client went away: nothing more to do.
    }
  }
}
