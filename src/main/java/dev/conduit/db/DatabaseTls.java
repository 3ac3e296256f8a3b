package dev.conduit.db;

import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS to PostgreSQL, in the driver's own terms ({@code sslmode}, {@code sslrootcert}). The CA may
 * come as a file path or as the PEM text itself (platforms inject secrets as variables, not files):
 * text is written once to a private temporary file, because the driver reads a file.
 *
 * <p>When a mode is set, start-up opens one connection first and turns a TLS refusal into a
 * sentence that says what is wrong and which setting to fix, instead of a driver stack trace.
 */
final class DatabaseTls {
  private static final Map<String, Path> PEM_FILES = new ConcurrentHashMap<>();
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  private DatabaseTls() {}

  static Map<String, String> driverProperties(String sslMode, String sslRootCert) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (!sslMode.isBlank()) {
      properties.put("sslmode", sslMode);
    }
    if (!sslRootCert.isBlank()) {
      properties.put("sslrootcert", rootCertFile(sslRootCert).toString());
    }
    return properties;
  }

  private static Path rootCertFile(String value) {
    if (value.startsWith("-----BEGIN")) {
      return PEM_FILES.computeIfAbsent(value, DatabaseTls::writePem);
    }
    Path file = Path.of(value);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "database.sslRootCert (DATABASE_SSLROOTCERT): no readable CA file at " + file);
    }
    return file;
  }

  private static Path writePem(String pem) {
    try {
      Path file =
          Files.createTempFile(
              "conduit-db-ca-",
              ".pem",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, normalizedPem(pem), StandardCharsets.US_ASCII);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the database CA to a temporary file", e);
    }
  }

  /**
   * PEM blocks rebuilt line by line: a certificate that went through an environment variable and a
   * quoted YAML value arrives with its line breaks folded into spaces.
   */
  static String normalizedPem(String text) {
    Matcher m = PEM_BLOCK.matcher(text);
    StringBuilder pem = new StringBuilder();
    while (m.find()) {
      String body = m.group(2).replaceAll("\\s+", "");
      pem.append("-----BEGIN ").append(m.group(1)).append("-----\n");
      for (int i = 0; i < body.length(); i += 64) {
        pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
      }
      pem.append("-----END ").append(m.group(1)).append("-----\n");
    }
    if (pem.isEmpty()) {
      throw new IllegalArgumentException(
          "database.sslRootCert (DATABASE_SSLROOTCERT) starts like PEM but holds no certificate");
    }
    return pem.toString();
  }

  /**
   * With an explicit sslmode: one connection now, so that a TLS refusal stops start-up with a clear
   * message. Other failures (the database is down) are left to the pool and the health checks, as
   * without TLS.
   */
  static void checkAtStartUp(DataSourceFactory database) {
    String mode = database.getProperties().getOrDefault("sslmode", "");
    if (mode.isBlank()) {
      return;
    }
    Properties props = new Properties();
    props.putAll(database.getProperties());
    if (database.getUser() != null) {
      props.setProperty("user", database.getUser());
    }
    if (database.getPassword() != null) {
      props.setProperty("password", database.getPassword());
    }
    try (Connection ignored = DriverManager.getConnection(database.getUrl(), props)) {
      // TLS as configured works.
    } catch (SQLException e) {
      String problem = tlsProblem(e, mode, DatabaseUrl.parse(database.getUrl()).toString());
      if (problem != null) {
        throw new IllegalStateException("database TLS (sslMode " + mode + "): " + problem);
      }
    }
  }

  /** What a TLS failure means for the operator; null when the failure is not about TLS. */
  static String tlsProblem(SQLException e, String mode, String where) {
    String text = messages(e);
    if (text.contains("could not be verified by hostnameverifier")) {
      return "the server's certificate does not name the host in the database URL ("
          + where
          + "); connect by a name the certificate holds";
    }
    if (text.contains("PKIX") || text.contains("certification path")) {
      return "the server's certificate is not signed by the CA in sslRootCert"
          + " (DATABASE_SSLROOTCERT); give the CA file or bundle of this server";
    }
    if (text.contains("does not support SSL")) {
      return "the server at " + where + " does not offer TLS, and this mode requires it";
    }
    if (text.contains("no encryption")) {
      return "the server at "
          + where
          + " refuses unencrypted connections; set sslMode (DATABASE_SSLMODE) to verify-full";
    }
    if (text.contains("SSL") || text.contains("certificate")) {
      return "the TLS handshake failed: " + e.getMessage();
    }
    return null;
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
