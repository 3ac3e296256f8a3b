package dev.conduit.user.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.conduit.auth.PasswordHasher;
import dev.conduit.web.text.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * The rules of account fields, shared by sign-up and {@code PUT /user} (whether a field must be
 * present is each request's). Surrounding whitespace is allowed: the service strips it.
 */
public final class AccountRules {
  private AccountRules() {}

  /** Usernames appear in URLs ({@code /profiles/{username}}), so no spaces, slashes or '%'. */
  @PlainText
  @Size(max = 64, message = PlainText.TOO_LONG)
  @Pattern(
      regexp = "\\p{javaWhitespace}*+[\\p{L}\\p{N}_.-]*\\p{javaWhitespace}*",
      message = "may only contain letters, digits, '.', '_' and '-'")
  @Constraint(validatedBy = {})
  @Target(FIELD)
  @Retention(RUNTIME)
  public @interface Username {
    String message() default "is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Deliberately loose: one '@', something on each side, a dot in the domain. */
  @PlainText
  @Size(max = 254, message = "is invalid")
  @Pattern(
      regexp = "\\p{javaWhitespace}*+[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\p{javaWhitespace}*",
      message = "is invalid")
  @Constraint(validatedBy = {})
  @Target(FIELD)
  @Retention(RUNTIME)
  public @interface EmailAddress {
    String message() default "is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Any text (it is only hashed), at least 8 characters and at most what bcrypt reads. */
  @Size(min = 8, message = "is too short (minimum is {min} characters)")
  @Constraint(validatedBy = Password.WithinBcryptLimit.class)
  @Target(FIELD)
  @Retention(RUNTIME)
  public @interface Password {
    String message() default
        "is too long (maximum is " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** bcrypt ignores bytes past 72, so a longer password would not mean what it says. */
    final class WithinBcryptLimit implements ConstraintValidator<Password, String> {
      @Override
      public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null
            || value.getBytes(StandardCharsets.UTF_8).length <= PasswordHasher.MAX_PASSWORD_BYTES;
      }
    }
  }
}
