package dev.conduit.auth;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tasks/revoke-sessions?username=alice} on the admin port: every token issued to the
 * user so far stops working (this instance at once, others within the token-version cache TTL). The
 * user logs in again to get a new one. For a stolen token or laptop, or a suspended account.
 */
public final class RevokeSessionsTask extends Task {
  private static final Logger LOG = LoggerFactory.getLogger(RevokeSessionsTask.class);

  private final Jdbi jdbi;
  private final TokenVersions versions;

  public RevokeSessionsTask(Jdbi jdbi, TokenVersions versions) {
    super("revoke-sessions");
    this.jdbi = jdbi;
    this.versions = versions;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    String username =
        parameters.getOrDefault("username", List.of()).stream().findFirst().orElse("");
    if (username.isBlank()) {
      output.println("usage: POST /tasks/revoke-sessions?username=<username>");
      return;
    }
    Optional<Long> id =
        jdbi.inTransaction(
            h -> {
              Optional<Long> found =
                  h.createQuery("SELECT id FROM users WHERE username = :username")
                      .bind("username", username)
                      .mapTo(Long.class)
                      .findOne();
              found.ifPresent(
                  userId ->
                      h.createUpdate(
                              "UPDATE users SET token_version = token_version + 1 WHERE id = :id")
                          .bind("id", userId)
                          .execute());
              return found;
            });
    if (id.isEmpty()) {
      output.println("no user named " + username);
      return;
    }
    versions.forget(id.get());
    LOG.info("revoked all sessions of user id {}", id.get());
    output.println("revoked all sessions of " + username);
  }
}
