package dev.conduit.web.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A string field holds only the characters {@link Text} allows (null passes: presence is checked
 * elsewhere). {@code multiLine} also admits tab, line feed and carriage return. On request records;
 * a violation becomes a 422 naming the field.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {
  String message() default "must not contain control characters";

  boolean multiLine() default false;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Bean Validation's side of the constraint. */
  final class Validator implements ConstraintValidator<PlainText, String> {
    private boolean multiLine;

    @Override
    public void initialize(PlainText annotation) {
      this.multiLine = annotation.multiLine();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || Text.isAllowed(value, multiLine);
    }
  }
}
