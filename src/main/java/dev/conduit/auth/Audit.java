package dev.conduit.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Security audit events on the logger named {@code audit}: sign-up, login success and failure,
 * throttled logins, password and email changes, rejected tokens. Each is one line whose message is
 * a JSON object; its fields are also put in the MDC for the line, so the production JSON layout
 * shows them as top-level fields ({@code auditEvent}, {@code outcome}, {@code userId}, {@code
 * account}). The request id and client IP come from the MDC as on every line.
 *
 * <p>Never a password, hash, token or email: accounts are named by user id when the caller is
 * authenticated, otherwise by {@link AccountRefs} (a keyed hash of the email).
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Audit() {}

  public static void signUp(String account) {
    event("signup", "success", null, account, null);
  }

  public static void loginSucceeded(String account) {
    event("login", "success", null, account, null);
  }

  public static void loginFailed(String account) {
    event("login", "failure", null, account, "wrong email or password");
  }

  public static void loginThrottled(String account) {
    event("login", "throttled", null, account, "too many failed logins");
  }

  public static void passwordChanged(long userId) {
    event("password.change", "success", userId, null, null);
  }

  public static void emailChanged(long userId) {
    event("email.change", "success", userId, null, null);
  }

  public static void passwordChangeThrottled(long userId) {
    event("password.change", "throttled", userId, null, "credential rate limit");
  }

  public static void tokenRejected() {
    event("token", "rejected", null, null, "invalid, expired or revoked token");
  }

  private static void event(
      String name, String outcome, Long userId, String account, String reason) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("auditEvent", name);
    fields.put("outcome", outcome);
    if (userId != null) {
      fields.put("userId", userId);
    }
    if (account != null) {
      fields.put("account", account);
    }
    if (reason != null) {
      fields.put("reason", reason);
    }
    fields.forEach((k, v) -> MDC.put(k, String.valueOf(v)));
    try {
      LOG.info(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    } finally {
      fields.keySet().forEach(MDC::remove);
    }
  }
}
