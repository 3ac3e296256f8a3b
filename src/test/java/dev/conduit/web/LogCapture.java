package dev.conduit.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the log events of the running application (attach after it started: Dropwizard
 * reconfigures logging on start-up). Events, not text: tests look at their MDC and message.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.setName("test-capture");
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  public synchronized List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The events logged while serving the request with this {@code X-Request-Id}. */
  public List<ILoggingEvent> ofRequest(String requestId) {
    return events().stream()
        .filter(e -> requestId.equals(e.getMDCPropertyMap().get("requestId")))
        .toList();
  }

  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
