package dev.conduit.user;

import dev.conduit.auth.PasswordHasher;
import dev.conduit.auth.Tokens;
import dev.conduit.db.Constraints;
import dev.conduit.user.api.LoginRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UpdateUserRequest;
import dev.conduit.user.api.UserResponse;
import dev.conduit.web.ApiException;
import dev.conduit.web.FieldErrors;
import dev.conduit.web.NotFoundException;
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

  private final UserDao users;
  private final PasswordHasher passwords;
  private final Tokens tokens;

  public UserService(Jdbi jdbi, PasswordHasher passwords, Tokens tokens) {
    this.users = jdbi.onDemand(UserDao.class);
    this.passwords = passwords;
    this.tokens = tokens;
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
    User user = users.findById(id).orElseThrow();
    return UserResponse.of(user, tokens.issue(id));
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
    return UserResponse.of(user.get(), tokens.issue(user.get().id()));
  }

  public UserResponse current(long userId, String token) {
    return UserResponse.of(find(userId), token);
  }

  /** Applies the given changes in one statement: a refused change leaves the row untouched. */
  public UserResponse update(long userId, UpdateUserRequest request) {
    var in =
        request == null || request.user() == null
            ? new UpdateUserRequest.Changes(null, null, null, null, null)
            : request.user();
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

    User current = find(userId);
    String username = in.username() == null ? current.username() : in.username().strip();
    String email = in.email() == null ? current.email() : normalizeEmail(in.email());
    String hash = in.password() == null ? current.passwordHash() : passwords.hash(in.password());
    User changed =
        new User(
            current.id(),
            username,
            email,
            hash,
            in.bio() == null ? current.bio() : emptyToNull(in.bio()),
            in.image() == null ? current.image() : emptyToNull(in.image()),
            current.createdAt(),
            now());

    var taken = new FieldErrors();
    if (!username.equals(current.username()) && users.usernameTaken(username, userId)) {
      taken.add("username", "has already been taken");
    }
    if (!email.equals(current.email()) && users.emailTaken(email, userId)) {
      taken.add("email", "has already been taken");
    }
    taken.throwIfAny();

    Constraints.onUniqueViolation(
        () -> {
          users.update(changed);
          return null;
        },
        () -> takenError(username, email, userId));
    return UserResponse.of(find(userId), tokens.issue(userId));
  }

  private User find(long userId) {
    // A valid token for a deleted account: the token outlived its user.
    return users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
  }

  /** After a unique violation (a concurrent insert won the race), say which field lost. */
  private ValidationException takenError(String username, String email, long exceptId) {
    var taken = new FieldErrors();
    if (users.usernameTaken(username, exceptId)) {
      taken.add("username", "has already been taken");
    }
    if (users.emailTaken(email, exceptId)) {
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

  private static String emptyToNull(String s) {
    return s.isBlank() ? null : s;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
