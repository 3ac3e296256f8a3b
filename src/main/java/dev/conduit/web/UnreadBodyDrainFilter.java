package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
    CountingRequest counted = new CountingRequest(req);
    try {
      chain.doFilter(counted, res);
    } finally {
      if (res.getStatus() >= 400) {
        drain(counted);
      }
    }
  }

  /**
   * Reads only what is still owed: with a Content-Length, exactly the bytes nobody read, and
   * nothing once they all were. An extra read after the response would meet Jetty's minimum data
   * rate check long after the first byte and abort a connection whose body had arrived whole.
   */
  private void drain(CountingRequest req) {
    long length = req.getContentLengthLong();
    long left = length >= 0 ? Math.min(maxBytes, length - req.bytesRead) : maxBytes;
    if (left <= 0) {
      return;
    }
    try {
      InputStream body = req.getRequest().getInputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // Read through a Reader already, the client went away, or it sends too slowly (Jetty's
      // minimum data rate, 408): Jetty closes the connection; nothing more to do here.
    }
  }

  /** Counts the body bytes the application reads, so the drain knows what is left. */
  private static final class CountingRequest extends HttpServletRequestWrapper {
    private long bytesRead;
    private ServletInputStream stream;

    CountingRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  bytesRead++;
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  bytesRead += n;
                }
                return n;
              }

              @Override
              public int available() throws IOException {
                return in.available();
              }

              @Override
              public void close() throws IOException {
                in.close();
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
