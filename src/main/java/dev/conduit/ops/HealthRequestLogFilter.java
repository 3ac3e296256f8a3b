package dev.conduit.ops;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.dropwizard.logging.common.filter.FilterFactory;

/**
 * Keeps probe traffic ({@code /health*}) out of the request log: platforms hit these paths every
 * few seconds and would drown the log. Added to every request-log appender by {@link OpsWiring}.
 */
public final class HealthRequestLogFilter implements FilterFactory<IAccessEvent> {
  @Override
  public Filter<IAccessEvent> build() {
    return new Filter<>() {
      @Override
      public FilterReply decide(IAccessEvent event) {
        String uri = event.getRequestURI();
        return isProbe(uri) ? FilterReply.DENY : FilterReply.NEUTRAL;
      }
    };
  }

  static boolean isProbe(String uri) {
    return uri != null && (uri.equals("/health") || uri.startsWith("/health/"));
  }
}
