package dev.conduit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the Procfile's web line really maps the class-data sharing archive. The JVM's default
 * {@code -Xshare:auto} starts without an archive that does not map (another JDK, another jar, moved
 * or rebuilt), silently and twice as slow; {@code $JAVA_OPTS} (which the web line expands first)
 * turns that into a failed start and logs where each class came from.
 */
final class ClassDataSharing {
  private final Path classLoadLog;

  ClassDataSharing(Path dir) {
    this.classLoadLog = dir.resolve("class-load.log");
  }

  /** JAVA_OPTS for the web line: no start without the archive, and a log of the class sources. */
  String javaOpts() {
    return "-Xshare:on -Xlog:class+load=info:file=" + classLoadLog;
  }

  /** The service's own classes came from the archive the build wrote, not from the jar. */
  void assertServedFromTheArchive() throws IOException {
    String log = Files.readString(classLoadLog);
    assertThat(log)
        .contains("dev.conduit.ConduitApplication source: shared objects file")
        .contains("dev.conduit.article.ArticleResource source: shared objects file")
        .doesNotContain("dev.conduit.ConduitApplication source: file:");
  }
}
