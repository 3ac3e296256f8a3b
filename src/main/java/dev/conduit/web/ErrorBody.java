package dev.conduit.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The RealWorld error body: {@code {"errors":{"field":["message", ...]}}}. */
public record ErrorBody(Map<String, List<String>> errors) {
  public static ErrorBody of(String field, String message) {
    return new ErrorBody(Map.of(field, List.of(message)));
  }

  /** This body as a JSON response, for mappers and filters inside Jersey. */
  public Response toResponse(int status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
  }
}
