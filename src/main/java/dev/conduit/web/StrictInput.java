package dev.conduit.web;

import dev.conduit.web.text.PlainText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What requests must be before a resource sees them; the request records' constraints do the rest.
 * Path and query values are {@link PlainText} (a {@code %00} would make PostgreSQL fail). A missing
 * or {@code null} JSON body reads as {@code {}}, so the record names each missing field. Bodies
 * must be well-formed UTF-8: Jackson lets overlong forms through ({@code C0 80} becomes a NUL).
 */
@PreMatching
public class StrictInput implements ContainerRequestFilter, ReaderInterceptor {
  private static final Predicate<String> PLAIN =
      Pattern.compile(PlainText.SINGLE_LINE).asMatchPredicate();
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  @Override
  public void filter(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    Optional<String> field =
        !PLAIN.test(uri.getPath(true))
            ? Optional.of("path")
            : uri.getQueryParameters(true).entrySet().stream()
                .filter(p -> !PLAIN.test(p.getKey()) || !p.getValue().stream().allMatch(PLAIN))
                .map(p -> PLAIN.test(p.getKey()) ? p.getKey() : "query")
                .findFirst();
    if (field.isPresent()) {
      request.abortWith(
          ErrorBody.of(field.get(), "must not contain control characters").toResponse(400));
      return;
    }
    // Decided from the headers: a read here, even of a GET's empty body, meets Jetty's minimum
    // data rate check, counted from the first byte (a 408 under load).
    MediaType type = request.getMediaType();
    if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && hasNoBody(request)) {
      request.setEntityStream(new ByteArrayInputStream(EMPTY_OBJECT));
    }
  }

  private static boolean hasNoBody(ContainerRequestContext request) {
    return request.getLength() == 0
        || request.getLength() < 0
            && request.getHeaderString("Transfer-Encoding") == null
            && !request.hasEntity();
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    byte[] body = context.getInputStream().readAllBytes();
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
      context.setInputStream(
          new ByteArrayInputStream(text.strip().equals("null") ? EMPTY_OBJECT : body));
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "body", "is not valid UTF-8");
    }
    return context.proceed();
  }
}
