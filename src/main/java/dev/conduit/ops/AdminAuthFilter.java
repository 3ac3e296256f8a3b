package dev.conduit.ops;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.base.Preconditions;
import com.google.common.base.Strings;
import com.google.common.hash.Hashing;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Basic auth on the admin port when ADMIN_PASSWORD is set; /ping and /healthcheck stay open. */
public final class AdminAuthFilter extends HttpFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
  static final Set<String> OPEN_PATHS = Set.of("/ping", "/healthcheck");

  private final byte[] credentialsDigest;

  public AdminAuthFilter(String user, String password) {
    Preconditions.checkArgument(!Strings.isNullOrEmpty(password), "admin password is empty");
    this.credentialsDigest = Hashing.sha256().hashString(user + ":" + password, UTF_8).asBytes();
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getServletPath() + Strings.nullToEmpty(req.getPathInfo());
    String header = req.getHeader("Authorization");
    if (OPEN_PATHS.contains(path) || authorized(header)) {
      chain.doFilter(req, resp);
      return;
    }
    String why = header == null ? "no credentials" : "wrong credentials";
    LOG.warn("admin: rejected {} {} from {} ({})", req.getMethod(), path, req.getRemoteAddr(), why);
    resp.setStatus(401);
    resp.setHeader("WWW-Authenticate", "Basic realm=\"conduit-admin\", charset=\"UTF-8\"");
    resp.setContentType("text/plain;charset=utf-8");
    resp.getWriter().write("authentication required\n");
  }

  /** The decoded {@code user:password} as a whole: a user id has no colon (RFC 7617). */
  boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      byte[] given = Base64.getDecoder().decode(header.substring(6).strip());
      // Digests have one length: isEqual then leaks neither content nor length of the secret.
      return MessageDigest.isEqual(credentialsDigest, Hashing.sha256().hashBytes(given).asBytes());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
