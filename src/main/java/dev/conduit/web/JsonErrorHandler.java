package dev.conduit.web;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's error pages, as RealWorld JSON. Jetty answers some requests itself: unknown paths outside
 * {@code /api}, malformed requests, exceptions thrown by filters, {@code sendError} calls. Its
 * stock handler writes HTML (or plain text) with the reason and, optionally, a stack trace; this
 * one writes {@code {"errors":{"request":["not found"]}}}, or {@code {"errors":{"server":
 * ["internal error"]}}} for 5xx, whatever the {@code Accept} header says.
 *
 * <p>Two flavours: {@link #forServer()} replaces the server-wide handler (parse errors before any
 * context), {@link Context} the application context's.
 */
public final class JsonErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  private JsonErrorHandler() {}

  public static org.eclipse.jetty.server.handler.ErrorHandler forServer() {
    return new Server();
  }

  /** The status's reason, or "internal error" under "server" for 5xx; never exception text. */
  public static ErrorBody bodyFor(int status) {
    if (status >= 500) {
      return ErrorBody.of("server", "internal error");
    }
    String reason = HttpStatus.getMessage(status);
    return ErrorBody.of(
        "request", reason == null ? "request failed" : reason.toLowerCase(Locale.ROOT));
  }

  static void writeJson(
      Request request, Response response, Callback callback, int status, Throwable cause) {
    HttpFields.Mutable headers = response.getHeaders();
    String id = headers.get(RequestIdFilter.HEADER);
    if (id == null) {
      Object attribute = request.getAttribute(RequestIdFilter.ATTRIBUTE);
      id =
          attribute instanceof String s
              ? s
              : RequestIdFilter.acceptOrGenerate(request.getHeaders().get(RequestIdFilter.HEADER));
      headers.put(RequestIdFilter.HEADER, id);
    }
    if (status >= 500 && cause != null) {
      // Exceptions that escaped the filters (Jersey's mapper logs its own); the MDC of the
      // request is gone by now, so put the id back for this line.
      MDC.put(RequestIdFilter.MDC_REQUEST_ID, id);
      try {
        LOG.error("Unhandled error in {}", request.getHttpURI().getPath(), cause);
      } finally {
        MDC.remove(RequestIdFilter.MDC_REQUEST_ID);
      }
    }
    addSafetyHeaders(headers);
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(ErrorResponses.json(bodyFor(status))), callback);
  }

  static void addSafetyHeaders(HttpFields.Mutable headers) {
    if (!headers.contains("X-Content-Type-Options")) {
      headers.put("X-Content-Type-Options", "nosniff");
    }
    if (!headers.contains("Content-Security-Policy")) {
      headers.put("Content-Security-Policy", SecurityHeadersFilter.CSP);
    }
  }

  static ByteBuffer badMessage(int status, HttpFields.Mutable fields) {
    fields.put(RequestIdFilter.HEADER, RequestIdFilter.acceptOrGenerate(null));
    addSafetyHeaders(fields);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(ErrorResponses.json(bodyFor(status)));
  }

  private static final class Server extends org.eclipse.jetty.server.handler.ErrorHandler {
    Server() {
      setShowStacks(false);
      setShowCauses(false);
      setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      writeJson(request, response, callback, code, cause);
    }

    @Override
    protected boolean generateAcceptableResponse(
        Request request,
        Response response,
        Callback callback,
        String contentType,
        List<Charset> charsets,
        int code,
        String message,
        Throwable cause) {
      writeJson(request, response, callback, code, cause);
      return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      return badMessage(status, fields);
    }

    /** Jetty's default writes no body for unknown methods, e.g. for its own "BAD" requests. */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }
  }

  /** For the application's servlet context ({@code setErrorHandler} on it). */
  public static final class Context extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    public Context() {
      setShowStacks(false);
      setShowCauses(false);
      setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      writeJson(request, response, callback, code, cause);
    }

    @Override
    protected boolean generateAcceptableResponse(
        Request request,
        Response response,
        Callback callback,
        String contentType,
        List<Charset> charsets,
        int code,
        String message,
        Throwable cause) {
      writeJson(request, response, callback, code, cause);
      return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      return badMessage(status, fields);
    }

    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }
  }
}
