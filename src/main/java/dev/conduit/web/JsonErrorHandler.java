package dev.conduit.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's own error pages (unknown paths outside {@code /api}, malformed requests, exceptions from
 * filters) as RealWorld JSON instead of HTML that may show a reason or a stack.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  private final long maxBodyBytes;

  public JsonErrorHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** {@link ErrorBody#forStatus}; a 413 names the limit, as validation errors do. */
  public ErrorBody bodyFor(int status) {
    return status == 413
        ? ErrorBody.of("body", "is too large (maximum is " + maxBodyBytes + " bytes)")
        : ErrorBody.forStatus(status);
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback cb) {
    HttpFields.Mutable headers = response.getHeaders();
    String id = headers.get(RequestIdFilter.HEADER);
    if (id == null) {
      id =
          request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String s
              ? s
              : RequestIdFilter.acceptOrGenerate(request.getHeaders().get(RequestIdFilter.HEADER));
      headers.put(RequestIdFilter.HEADER, id);
    }
    if (code >= 500 && cause != null) { // escaped the filters; the request's MDC is gone
      MDC.put(RequestIdFilter.MDC_REQUEST_ID, id);
      try {
        LOG.error("Unhandled error in {}", request.getHttpURI().getPath(), cause);
      } finally {
        MDC.remove(RequestIdFilter.MDC_REQUEST_ID);
      }
    }
    response.write(true, json(code, headers), cb);
  }

  /** Requests Jetty refuses while parsing (bad request line, 431): no request object yet. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable headers) {
    headers.put(RequestIdFilter.HEADER, RequestIdFilter.acceptOrGenerate(null));
    return json(status, headers);
  }

  /** Jetty's default writes no body for unknown methods, e.g. for its own "BAD" requests. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  private ByteBuffer json(int status, HttpFields.Mutable headers) {
    // Jetty's own refusals never met the security-headers filter (whose values these are).
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", SecurityHeadersFilter.CSP);
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(bodyFor(status).json());
  }
}
