package dev.conduit.web;

import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies must be well-formed UTF-8 (RFC 8259 requires it of JSON). Jackson's own decoder is
 * lenient about overlong forms, so {@code C0 80} would arrive as a NUL; the JDK's decoder refuses
 * overlong forms, encoded surrogates and truncated sequences. Bodies are already capped by the body
 * size limit, so reading one whole before parsing costs little. 400, field {@code body}.
 */
public class StrictUtf8Interceptor implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    byte[] body = context.getInputStream().readAllBytes();
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "body", "is not valid UTF-8");
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }
}
