package dev.conduit.web.text;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An optional field of an edit: absent (null) leaves it as it is, but a value sent is not blank.
 */
@Documented
@Pattern(regexp = "(?s).*[^\\p{javaWhitespace}].*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface NullOrNotBlank {
  String message() default "can't be blank";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
