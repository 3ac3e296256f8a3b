package dev.conduit.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP basic auth for the admin port, when {@code ADMIN_PASSWORD} is set. {@code /ping} and {@code
 * /healthcheck} stay open for platform probes; everything else (metrics, threads, tasks, version)
 * needs the credentials. Both user and password are compared in constant time over their SHA-256
 * digests, so neither the content nor the length of the secret leaks through timing. Failures are
 * logged with the path and client address only, never with what was supplied.
 */
public final class AdminAuthFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
  static final Set<String> OPEN_PATHS = Set.of("/ping", "/healthcheck");

  private final byte[] userDigest;
  private final byte[] passwordDigest;

  public AdminAuthFilter(String user, String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("admin password must not be empty");
    }
    this.userDigest = sha256(user);
    this.passwordDigest = sha256(password);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    String path = path(req);
    if (OPEN_PATHS.contains(path) || authorized(req.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    LOG.warn(
        "admin: rejected {} {} from {} ({})",
        req.getMethod(),
        path,
        req.getRemoteAddr(),
        req.getHeader("Authorization") == null ? "no credentials" : "wrong credentials");
    resp.setStatus(401);
    resp.setHeader("WWW-Authenticate", "Basic realm=\"conduit-admin\", charset=\"UTF-8\"");
    resp.setContentType("text/plain;charset=utf-8");
    resp.getWriter().write("authentication required\n");
  }

  /** Visible for tests: true only for {@code Basic base64(user:password)} with both right. */
  boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    // Both comparisons always run: no early exit on a wrong user name.
    boolean userOk = MessageDigest.isEqual(userDigest, sha256(decoded.substring(0, colon)));
    boolean passwordOk =
        MessageDigest.isEqual(passwordDigest, sha256(decoded.substring(colon + 1)));
    return userOk & passwordOk;
  }

  private static String path(HttpServletRequest req) {
    String servletPath = req.getServletPath() == null ? "" : req.getServletPath();
    String info = req.getPathInfo() == null ? "" : req.getPathInfo();
    String path = servletPath + info;
    return path.isEmpty() ? "/" : path;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
