package dev.conduit.web.sentry;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Last look at every event before it leaves the process: no credentials, cookies or bodies, and
 * anything like a token, password, bcrypt hash or email address in a text is masked.
 */
public final class SentryScrubber implements SentryOptions.BeforeSendCallback {
  static final String FILTERED = "[Filtered]";

  private static final Pattern SENSITIVE_KEY =
      Pattern.compile("(?i).*(authorization|cookie|password|passwd|secret|token|api[-_]?key).*");
  // A JWT (three base64url parts), "Token xxx"/"Bearer xxx", and key=value or "key":"value" pairs.
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(Token|Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "(?i)(\"?(?:password|passwd|secret|token|jwt_secret)\"?\\s*[:=]\\s*\"?)[^\"&,\\s}]+");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]+:)[^@/\\s]+@");
  // A bcrypt hash ($2a$12$ + 53 characters), wherever it appears (e.g. a bound argument).
  private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
  // Email addresses are personal data: events name users by id, never by address.
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]+");

  @Override
  public SentryEvent execute(SentryEvent event, Hint hint) {
    Request request = event.getRequest();
    if (request != null) {
      request.setCookies(null);
      request.setData(null);
      request.setQueryString(scrub(request.getQueryString()));
      scrubMap(request.getHeaders());
      scrubMap(request.getEnvs());
      scrubMap(request.getOthers());
    }
    Message message = event.getMessage();
    if (message != null) {
      message.setMessage(scrub(message.getMessage()));
      message.setFormatted(scrub(message.getFormatted()));
    }
    if (event.getExceptions() != null) {
      for (SentryException e : event.getExceptions()) {
        e.setValue(scrub(e.getValue()));
      }
    }
    scrubMap(event.getTags());
    for (Map.Entry<String, Object> context : event.getContexts().entrySet()) {
      scrubMap(context.getValue() instanceof Map<?, ?> map ? map : null);
    }
    if (event.getBreadcrumbs() != null) {
      for (Breadcrumb crumb : event.getBreadcrumbs()) {
        crumb.setMessage(scrub(crumb.getMessage()));
      }
    }
    return event;
  }

  static String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = JWT.matcher(text).replaceAll(FILTERED);
    out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + FILTERED);
    out = SECRET_PAIR.matcher(out).replaceAll("$1" + FILTERED);
    out = BCRYPT.matcher(out).replaceAll(FILTERED);
    out = URL_PASSWORD.matcher(out).replaceAll("$1" + FILTERED + "@");
    return EMAIL.matcher(out).replaceAll(FILTERED);
  }

  /** Values under a sensitive key are dropped; other string values are scrubbed. */
  @SuppressWarnings("unchecked")
  private static void scrubMap(Map<?, ?> map) {
    if (map != null) {
      ((Map<Object, Object>) map)
          .replaceAll(
              (k, v) ->
                  SENSITIVE_KEY.matcher(String.valueOf(k)).matches()
                      ? FILTERED
                      : v instanceof String text ? scrub(text) : v);
    }
  }
}
