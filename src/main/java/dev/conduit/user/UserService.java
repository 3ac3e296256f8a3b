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
import dev.conduit.web.FieldErrors;
import dev.conduit.web.UnauthorizedException;
import dev.conduit.web.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Registration, login and profile edits, with the validation rules of accounts. */
public class UserService {
  static final int MIN_PASSWORD_LENGTH = 8;
  static final int MAX_USERNAME_LENGTH = 64;
  static final int MAX_EMAIL_LENGTH = 254;
  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_BIO_LENGTH = 10_000;

  /** Usernames appear in URLs ({@code /profiles/{username}}), so no spaces, slashes or '%'. */
  private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}_.-]+");

  /** Deliberately loose: one '@', something on each side, a dot in the domain. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

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
    var in =
        request == null || request.user() == null
            ? new RegisterRequest.NewUser(null, null, null)
            : request.user();
    var errors = new FieldErrors();
    if (errors.requireNonBlank("username", in.username())) {
      checkUsername(errors, in.username());
    }
    if (errors.requireNonBlank("email", in.email())) {
      checkEmail(errors, in.email());
    }
    if (errors.requireNonBlank("password", in.password())) {
      checkPassword(errors, in.password());
    }
    errors.throwIfAny();

    String email = normalizeEmail(in.email());
    String username = in.username().strip();
    var taken = new FieldErrors();
    if (users.usernameTaken(username, 0)) {
      taken.add("username", "has already been taken");
    }
    if (users.emailTaken(email, 0)) {
      taken.add("email", "has already been taken");
    }
    taken.throwIfAny();

    String hash = passwords.hash(in.password());
    long id =
        Constraints.onUniqueViolation(
            () -> users.insert(username, email, hash, now()), () -> takenError(username, email, 0));
    User user = users.findById(id).orElseThrow(UnauthorizedException::new);
    return withNewToken(user);
  }

  public UserResponse login(LoginRequest request) {
    var in =
        request == null || request.user() == null
            ? new LoginRequest.Credentials(null, null)
            : request.user();
    var errors = new FieldErrors();
    errors.requireNonBlank("email", in.email());
    errors.requireNonBlank("password", in.password());
    errors.throwIfAny();

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
    if (request == null || request.user() == null) {
      throw new ValidationException("user", FieldErrors.BLANK);
    }
    var in = request.user();
    var errors = new FieldErrors();
    if (errors.rejectBlankIfPresent("username", in.username())) {
      checkUsername(errors, in.username());
    }
    if (errors.rejectBlankIfPresent("email", in.email())) {
      checkEmail(errors, in.email());
    }
    if (errors.rejectBlankIfPresent("password", in.password())) {
      checkPassword(errors, in.password());
    }
    errors.maxLength("bio", in.bio(), MAX_BIO_LENGTH);
    errors.maxLength("image", in.image(), MAX_URL_LENGTH);
    errors.throwIfAny();

    String username = in.username() == null ? null : in.username().strip();
    String email = in.email() == null ? null : normalizeEmail(in.email());
    var taken = new FieldErrors();
    if (username != null && users.usernameTaken(username, userId)) {
      taken.add("username", "has already been taken");
    }
    if (email != null && users.emailTaken(email, userId)) {
      taken.add("email", "has already been taken");
    }
    taken.throwIfAny();

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
                        throw new UnauthorizedException();
                      }
                      return dao.findById(userId).orElseThrow(UnauthorizedException::new);
                    }),
            () -> takenError(username, email, userId));
    return withNewToken(updated);
  }

  private User find(long userId) {
    // A valid token for a deleted account: the token outlived its user (401, not 404).
    return users.findById(userId).orElseThrow(UnauthorizedException::new);
  }

  /** After a unique violation (a concurrent insert won the race), say which field lost. */
  private ValidationException takenError(String username, String email, long exceptId) {
    var taken = new FieldErrors();
    if (username != null && users.usernameTaken(username, exceptId)) {
      taken.add("username", "has already been taken");
    }
    if (email != null && users.emailTaken(email, exceptId)) {
      taken.add("email", "has already been taken");
    }
    if (taken.isEmpty()) {
      taken.add("user", "conflicts with another account");
    }
    return taken.toException();
  }

  private static void checkUsername(FieldErrors errors, String username) {
    String s = username.strip();
    if (s.length() > MAX_USERNAME_LENGTH) {
      errors.add("username", "is too long (maximum is " + MAX_USERNAME_LENGTH + " characters)");
    } else if (!USERNAME.matcher(s).matches()) {
      errors.add("username", "may only contain letters, digits, '.', '_' and '-'");
    }
  }

  private static void checkEmail(FieldErrors errors, String email) {
    String s = email.strip();
    if (s.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(s).matches()) {
      errors.add("email", "is invalid");
    }
  }

  private static void checkPassword(FieldErrors errors, String password) {
    if (password.length() < MIN_PASSWORD_LENGTH) {
      errors.add("password", "is too short (minimum is " + MIN_PASSWORD_LENGTH + " characters)");
    } else if (password.getBytes(StandardCharsets.UTF_8).length
        > PasswordHasher.MAX_PASSWORD_BYTES) {
      errors.add(
          "password", "is too long (maximum is " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes)");
    }
  }

  static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
