package dev.conduit.web.text;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Single-line text: no control character and no unpaired surrogate ({@code "\ud800"} has no UTF-8
 * form). PostgreSQL refuses NUL (a 500 if it reached SQL); the others hide text in terminals and
 * logs. Null passes; passwords are only hashed, so they are not restricted.
 */
@Pattern(regexp = PlainText.SINGLE_LINE)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface PlainText {
  /** One character class: matching a 100 kB body needs no recursion. */
  String SINGLE_LINE = "[^\\p{Cc}\\p{Cs}]*";

  String MULTI_LINE = "[\\t\\n\\r[^\\p{Cc}\\p{Cs}]]*";

  /** The message of every length limit on text: {@code @Size(max = 255, message = TOO_LONG)}. */
  String TOO_LONG = "is too long (maximum is {max} characters)";

  String message() default "must not contain control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Multi-line text (article and comment bodies, bio): tab, line feed and carriage return too. */
  @Pattern(regexp = MULTI_LINE)
  @ReportAsSingleViolation
  @Constraint(validatedBy = {})
  @Target({FIELD, TYPE_USE, ANNOTATION_TYPE})
  @Retention(RUNTIME)
  @interface MultiLine {
    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }
}
