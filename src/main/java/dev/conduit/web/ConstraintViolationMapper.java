package dev.conduit.web;

import dev.conduit.web.text.NullOrNotBlank;
import dev.conduit.web.text.PlainText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one mapper for invalid request records ({@code @Valid} parameters): 422 naming each field by
 * its JSON name ({@code email}, {@code tagList}), never Dropwizard's default "arg0.user.email ..."
 * sentences. One message per field, the most basic one: a blank username is "can't be blank", not
 * also "may only contain letters...".
 */
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
  /** Presence first, then characters, then length; any other rule after these. */
  private static final List<Class<?>> FIRST =
      List.of(
          NotNull.class,
          NotBlank.class,
          NullOrNotBlank.class,
          PlainText.class,
          PlainText.MultiLine.class,
          Size.class);

  @Override
  public Response toResponse(ConstraintViolationException e) {
    Map<String, List<String>> errors = new TreeMap<>();
    e.getConstraintViolations().stream()
        .sorted(
            Comparator.comparingInt(ConstraintViolationMapper::rank)
                .thenComparing(ConstraintViolation::getMessage))
        .forEach(v -> errors.putIfAbsent(field(v.getPropertyPath()), List.of(v.getMessage())));
    return new ErrorBody(errors).toResponse(422);
  }

  private static int rank(ConstraintViolation<?> v) {
    int rank = FIRST.indexOf(v.getConstraintDescriptor().getAnnotation().annotationType());
    return rank < 0 ? FIRST.size() : rank;
  }

  /** The last property on the path: "create.arg1.article.tagList[0].<list element>" is tagList. */
  static String field(Path path) {
    String name = "body";
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.PROPERTY) {
        name = node.getName();
      }
    }
    return name;
  }
}
