package dev.conduit.user;

import dev.conduit.auth.AuthUser;
import dev.conduit.auth.PasswordHasher;
import dev.conduit.auth.TokenVersions;
import dev.conduit.auth.Tokens;
import dev.conduit.db.Constraints;
import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import dev.conduit.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Registration, login and profile edits. The requests arrive valid (their records carry the rules,
 * see {@code AccountRules}); what is left here needs the database: taken names and emails.
 */
public class UserService {
  private final Jdbi jdbi;
  private final UserDao users;
  private final PasswordHasher passwords;
  private final Tokens tokens;
  private final TokenVersions versions;

  public UserService(Jdbi jdbi, PasswordHasher passwords, Tokens tokens, TokenVersions versions) {
    this.jdbi = jdbi;
    this.users = jdbi.onDemand(UserDao.class);
    this.passwords = passwords;
    this.tokens = tokens;
    this.versions = versions;
  }

  public UserResponse register(RegisterRequest request) {
    var in = request.user();
    String email = normalizeEmail(in.email());
    String username = in.username().strip();
    refuseTaken(username, email, 0);

    String hash = passwords.hash(in.password());
    long id =
        Constraints.onUniqueViolation(
            () -> users.insert(username, email, hash, now()), () -> raced(username, email, 0));
    User user = users.findById(id).orElseThrow(ApiException::unauthorized);
    return withNewToken(user);
  }

  public UserResponse login(LoginRequest request) {
    var in = request.user();
    var user = users.findByEmail(normalizeEmail(in.email()));
    // Verify against a decoy when the email is unknown: both failures take the same time.
    String hash = user.map(User::passwordHash).orElse(passwords.decoyHash());
    boolean matches = passwords.matches(in.password(), hash);
    if (user.isEmpty() || !matches) {
      throw new ApiException(401, "email or password", "is invalid");
    }
    return withNewToken(user.get());
  }

  public UserResponse current(long userId, String token) {
    return UserResponse.of(find(userId), token);
  }

  /** A token for the user's current version, which is then known to be current here too. */
  private UserResponse withNewToken(User user) {
    versions.remember(user.id(), user.tokenVersion());
    return UserResponse.of(user, tokens.issue(user.id(), user.tokenVersion()));
  }

  /**
   * Applies the given changes in one UPDATE that touches only those columns: a refused change
   * leaves the row untouched, and concurrent edits of other fields are kept. A new password revokes
   * every earlier token; the response carries a fresh one.
   */
  public UserResponse update(AuthUser caller, UpdateUserRequest request) {
    long userId = caller.id();
    var in = request.user();
    String username = in.username() == null ? null : in.username().strip();
    String email = in.email() == null ? null : normalizeEmail(in.email());
    refuseTaken(username, email, userId);

    String hash = in.password() == null ? null : passwords.hash(in.password());
    var changes =
        new UserChanges(userId, caller.tokenVersion(), username, email, hash, in.bio(), in.image());
    User updated =
        Constraints.onUniqueViolation(
            () ->
                jdbi.inTransaction(
                    h -> {
                      var dao = h.attach(UserDao.class);
                      if (dao.update(changes, now()) == 0) {
                        throw ApiException.unauthorized();
                      }
                      return dao.findById(userId).orElseThrow(ApiException::unauthorized);
                    }),
            () -> raced(username, email, userId));
    return withNewToken(updated);
  }

  private User find(long userId) {
    // A valid token for a deleted account: the token outlived its user (401, not 404).
    return users.findById(userId).orElseThrow(ApiException::unauthorized);
  }

  /** 422 naming the username and the email (each if given) that another account holds. */
  private void refuseTaken(String username, String email, long exceptId) {
    Map<String, List<String>> taken = new LinkedHashMap<>();
    if (username != null && users.usernameTaken(username, exceptId)) {
      taken.put("username", List.of("has already been taken"));
    }
    if (email != null && users.emailTaken(email, exceptId)) {
      taken.put("email", List.of("has already been taken"));
    }
    if (!taken.isEmpty()) {
      throw new ApiException(422, taken);
    }
  }

  /** After a unique violation (a concurrent insert won the race), say which field lost. */
  private ApiException raced(String username, String email, long exceptId) {
    refuseTaken(username, email, exceptId);
    return ApiException.invalid("user", "conflicts with another account");
  }

  static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
