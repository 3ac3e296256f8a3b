package dev.conduit.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * JSON request bodies before Jackson reads them.
 *
 * <ul>
 *   <li>No body, or the literal {@code null}, reads as {@code {}}: Jersey would hand the resource a
 *       null request, which Bean Validation passes; as an empty object the request record names
 *       each missing field (422), as it does for {@code {}}. Jersey skips reader interceptors when
 *       there is no body, hence the filter half.
 *   <li>Bodies must be well-formed UTF-8 (RFC 8259): Jackson's own decoder lets overlong forms
 *       through ({@code C0 80} would arrive as a NUL); the JDK's refuses them, encoded surrogates
 *       and truncated sequences. 400, field {@code body}. Bodies are capped by the size limit, so
 *       reading one whole first costs little.
 * </ul>
 */
public class JsonBodies implements ContainerRequestFilter, ReaderInterceptor {
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  @Override
  public void filter(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    if (type != null
        && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        && !request.hasEntity()) {
      request.setEntityStream(new ByteArrayInputStream(EMPTY_OBJECT));
    }
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    byte[] body = context.getInputStream().readAllBytes();
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
      body = text.strip().equals("null") ? EMPTY_OBJECT : body;
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "body", "is not valid UTF-8");
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }
}
