package dev.conduit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small JSON-over-HTTP client for tests: one base URL, an optional token, plain replies. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String token;
  private final List<String> headers;

  public Http(String baseUrl) {
    this(baseUrl, null, List.of());
  }

  private Http(String baseUrl, String token, List<String> headers) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.headers = headers;
  }

  /** The same client, sending {@code Authorization: Token <token>}. */
  public Http withToken(String token) {
    return new Http(baseUrl, token, headers);
  }

  /** The same client, sending one more header on every request. */
  public Http withHeader(String name, String value) {
    var more = new ArrayList<>(headers);
    more.add(name);
    more.add(value);
    return new Http(baseUrl, token, List.copyOf(more));
  }

  public Reply get(String path) {
    return send("GET", path, null, null);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** POST a JSON body given as a Java object (maps, lists, records) or as raw text. */
  public Reply post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Reply put(String path, Object body) {
    return send("PUT", path, body, "application/json");
  }

  public Reply send(String method, String path, Object body, String contentType) {
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Token " + token);
    }
    for (int i = 0; i < headers.size(); i += 2) {
      builder.header(headers.get(i), headers.get(i + 1));
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : toJson(body)));
    try {
      var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String toJson(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: status, headers and the body, parsed as JSON on demand. */
  public record Reply(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
