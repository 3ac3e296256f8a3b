package dev.conduit.web.sentry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.helpers.NOPAppender;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.Nulls;
import dev.conduit.ops.BuildInfo;
import dev.conduit.web.RequestIdFilter;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.async.AsyncAppenderFactory;
import io.dropwizard.logging.common.filter.LevelFilterFactory;
import io.dropwizard.logging.common.layout.LayoutFactory;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import jakarta.validation.constraints.NotNull;

/**
 * {@code type: sentry} under {@code logging.appenders}: ERROR lines (every unhandled exception)
 * become scrubbed Sentry events tagged with the request id, lower levels breadcrumbs. A no-op while
 * {@code dsn} is empty, so one configuration works with and without {@code SENTRY_DSN}.
 */
@JsonTypeName("sentry")
public class SentryAppenderFactory extends AbstractAppenderFactory<ILoggingEvent> {
  @JsonSetter(nulls = Nulls.SKIP)
  @NotNull
  public String dsn = "";

  @NotNull public String environment = "development";

  /** Defaults to {@code conduit@<build version>} from build-info.properties. */
  public String release;

  @NotNull public String minimumEventLevel = "ERROR";
  @NotNull public String minimumBreadcrumbLevel = "INFO";

  @Override
  public Appender<ILoggingEvent> build(
      LoggerContext context,
      String applicationName,
      LayoutFactory<ILoggingEvent> layoutFactory,
      LevelFilterFactory<ILoggingEvent> levelFilterFactory,
      AsyncAppenderFactory<ILoggingEvent> asyncAppenderFactory) {
    if (dsn.isBlank()) {
      NOPAppender<ILoggingEvent> off = new NOPAppender<>();
      off.setName("sentry-off");
      off.setContext(context);
      off.start();
      return off;
    }
    SentryAppender appender = new SentryAppender();
    appender.setName("sentry");
    appender.setContext(context);
    SentryOptions options = new SentryOptions();
    options.setDsn(dsn.trim());
    options.setEnvironment(environment);
    options.setRelease(
        release != null && !release.isBlank() ? release : "conduit@" + BuildInfo.load().version());
    options.setSendDefaultPii(false);
    options.setAttachServerName(false);
    options.setBeforeSend(new SentryScrubber());
    options.addContextTag(RequestIdFilter.MDC_REQUEST_ID);
    options.setShutdownTimeoutMillis(2_000);
    options.setFlushTimeoutMillis(2_000);
    appender.setOptions(options);
    appender.setMinimumEventLevel(Level.toLevel(minimumEventLevel, Level.ERROR));
    appender.setMinimumBreadcrumbLevel(Level.toLevel(minimumBreadcrumbLevel, Level.INFO));
    appender.addFilter(levelFilterFactory.build(threshold));
    getFilterFactories().forEach(f -> appender.addFilter(f.build()));
    appender.start();
    return appender;
  }
}
