package dev.conduit.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bean Validation failures on request bodies ({@code @Valid} records): 422 naming each field by its
 * JSON name, as the hand-written checks do ({@code email}, {@code tagList}), never Dropwizard's
 * default list of "arg0.user.email ..." sentences.
 */
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
  @Override
  public Response toResponse(ConstraintViolationException e) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      List<String> messages =
          errors.computeIfAbsent(field(v.getPropertyPath()), f -> new ArrayList<>());
      if (!messages.contains(v.getMessage())) {
        messages.add(v.getMessage());
      }
    }
    return Response.status(422)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(errors))
        .build();
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
