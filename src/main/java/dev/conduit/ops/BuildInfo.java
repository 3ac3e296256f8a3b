package dev.conduit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: from {@code build-info.properties}, which the Maven build fills in. */
public record BuildInfo(String version, String commit, String buildTime) {
  public static final String RESOURCE = "/build-info.properties";

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new BuildInfo(value(p, "version"), value(p, "commit"), value(p, "buildTime"));
  }

  /** Unfiltered placeholders (an IDE build) read as "unknown" rather than "${...}". */
  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
  }
}
