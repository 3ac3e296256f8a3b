package dev.conduit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * Bad request bodies: syntax errors are 400 ("body is not valid JSON"), well-formed JSON with a
 * value of the wrong type is 422 naming the field's path. The parser's own message is not echoed:
 * it quotes internal class names.
 */
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    if (isSyntaxError(e)) {
      return json(400, ErrorBody.of("body", "is not valid JSON"));
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return json(422, ErrorBody.of(path(mismatch), "has the wrong type"));
    }
    return json(400, ErrorBody.of("body", "could not be read as the expected JSON"));
  }

  /** Broken JSON; a body cut short surfaces as a mapping error about end-of-input. */
  private static boolean isSyntaxError(JsonProcessingException e) {
    if (e instanceof StreamReadException || e.getCause() instanceof StreamReadException) {
      return true;
    }
    String message = e.getOriginalMessage();
    return e instanceof MismatchedInputException
        && message != null
        && message.contains("end-of-input");
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
