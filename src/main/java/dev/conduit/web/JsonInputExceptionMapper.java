package dev.conduit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * Bad request bodies: broken JSON (a body cut short included) is 400 "body is not valid JSON";
 * well-formed JSON with a value of the wrong type is 422 naming the field's path ({@code
 * user.username}, {@code article.tagList[0]}). The parser's own message is never echoed: it quotes
 * internal class names.
 */
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    boolean cutShort =
        e instanceof MismatchedInputException
            && String.valueOf(e.getOriginalMessage()).contains("end-of-input");
    if (e instanceof StreamReadException
        || e.getCause() instanceof StreamReadException
        || cutShort) {
      return ErrorBody.of("body", "is not valid JSON").toResponse(400);
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String path =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return ErrorBody.of(path, "has the wrong type").toResponse(422);
    }
    return ErrorBody.of("body", "could not be read as the expected JSON").toResponse(400);
  }
}
