package dev.conduit.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A database address as platforms hand it out. Heroku and most PaaS give {@code
 * postgres://user:pass@host:port/db}; JDBC wants {@code jdbc:postgresql://host:port/db} with the
 * credentials apart. Both forms are accepted, and H2 URLs pass through for development.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  /**
   * Parses either form; the message of the exception never contains the URL (it may hold a
   * password).
   */
  public static DatabaseUrl parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is not set (nor JDBC_DATABASE_URL)");
    }
    String url = raw.strip();
    if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
      return new DatabaseUrl(url, Optional.empty(), Optional.empty());
    }
    if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
      return fromPlatformUrl(url);
    }
    throw new IllegalArgumentException(
        "DATABASE_URL must start with postgres://, postgresql://, jdbc:postgresql: or jdbc:h2:");
  }

  private static DatabaseUrl fromPlatformUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a valid URL", e);
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("DATABASE_URL must name a host and a database");
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath();
    if (uri.getRawQuery() != null) {
      jdbc += "?" + uri.getRawQuery();
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        password = Optional.of(decode(userInfo.substring(colon + 1)));
      }
    }
    return new DatabaseUrl(jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  public String driverClass() {
    return isH2() ? "org.h2.Driver" : "org.postgresql.Driver";
  }

  /** Never prints credentials: safe for logs and error messages. */
  @Override
  public String toString() {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
  }
}
