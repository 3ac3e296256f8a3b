package dev.conduit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every request gets an id, the caller's {@code X-Request-Id} when safe to echo and log, on the
 * response and in the logging context with the client address and a valid W3C traceparent.
 */
public class RequestIdFilter extends HttpFilter {
  public static final String HEADER = "X-Request-Id";

  /** For code that runs outside this filter's MDC scope. */
  public static final String ATTRIBUTE = "conduit.requestId";

  public static final String MDC_REQUEST_ID = "requestId";
  public static final String MDC_TRACEPARENT = "traceparent";
  public static final String MDC_CLIENT_IP = "clientIp";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  // version-traceid-parentid-flags; version ff and all-zero ids are invalid per the W3C spec.
  private static final Pattern TRACEPARENT =
      Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String id = acceptOrGenerate(req.getHeader(HEADER));
    req.setAttribute(ATTRIBUTE, id);
    res.setHeader(HEADER, id);
    MDC.put(MDC_REQUEST_ID, id);
    MDC.put(MDC_CLIENT_IP, req.getRemoteAddr());
    String traceparent = validTraceparent(req.getHeader("traceparent"));
    if (traceparent != null) {
      MDC.put(MDC_TRACEPARENT, traceparent);
    }
    try {
      chain.doFilter(req, res);
    } finally {
      MDC.remove(MDC_REQUEST_ID);
      MDC.remove(MDC_CLIENT_IP);
      MDC.remove(MDC_TRACEPARENT);
    }
  }

  static String acceptOrGenerate(String incoming) {
    return incoming != null && SAFE_ID.matcher(incoming).matches()
        ? incoming
        : randomUuid().toString();
  }

  /**
   * {@code UUID.randomUUID()}'s one shared SecureRandom was a lock every request thread queued on
   * under load (JFR); a request id needs to be unique, not secret.
   */
  static UUID randomUuid() {
    var random = ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
    long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(high, low);
  }

  static String validTraceparent(String header) {
    String value = header == null ? "" : header.trim();
    return value.length() == 55 && TRACEPARENT.matcher(value).matches() ? value : null;
  }
}
