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
 * What requests must be before a resource sees them (the request records' constraints do the rest).
 * Path segments and query values name things, so they are {@link PlainText}: a {@code %00} would
 * reach SQL and make PostgreSQL fail (400 naming the parameter, or {@code path}). No JSON body or
 * the literal {@code null} reads as {@code {}}, so the record names each missing field (422)
 * instead of the resource getting null; the filter does it, as Jersey skips reader interceptors
 * without a body. Bodies are well-formed UTF-8 (RFC 8259): Jackson's decoder lets overlong forms
 * through ({@code C0 80} would arrive as a NUL), the JDK's does not (400). Bodies are capped by the
 * size limit, so reading one whole first costs little.
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
    // Only a JSON request can have its missing body read as {}; the headers decide where they
    // tell. A read here, even of a GET's empty body, meets Jetty's minimum-data-rate check, which
    // counts from the request's first byte: under load that was a 408 for a bodiless GET.
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
