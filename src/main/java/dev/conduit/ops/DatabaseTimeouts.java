package dev.conduit.ops;

import io.dropwizard.db.DataSourceFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Driver-level timeouts for PostgreSQL, so that no thread waits forever on a database that stopped
 * answering (a black-holed network gives no error, only silence). The pool's own limits ({@code
 * maxWaitForConnection}, {@code validationQueryTimeout}) cannot help there: a statement timeout is
 * enforced by a cancel request, which is lost in the same silence. Only the socket timeout ends the
 * wait. Values set in the config or in the URL win over these defaults.
 */
public final class DatabaseTimeouts {
  /** Seconds. */
  static final String CONNECT_TIMEOUT = "5";

  static final String LOGIN_TIMEOUT = "5";
  static final String SOCKET_TIMEOUT = "30";

  private DatabaseTimeouts() {}

  public static void applyDefaults(DataSourceFactory database) {
    String url = database.getUrl();
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      return; // H2 rejects settings it does not know
    }
    Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
    properties.putIfAbsent("connectTimeout", CONNECT_TIMEOUT);
    properties.putIfAbsent("loginTimeout", LOGIN_TIMEOUT);
    properties.putIfAbsent("socketTimeout", SOCKET_TIMEOUT);
    database.setProperties(properties);
  }
}
