package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;

/**
 * StrictInput's request filter never reads the body of a request that is not JSON, nor of one whose
 * headers say whether it has a body: Jetty's minimum-data-rate check counts from the request's
 * first byte, so even reading the empty body of a GET that waited a few milliseconds in the queue
 * was refused with 408.
 */
class StrictInputTest {
  /** A body that must not be touched. */
  private static final InputStream UNTOUCHABLE =
      new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("the filter read the body");
        }

        @Override
        public int available() {
          return 0;
        }
      };

  private static ContainerRequest request(String method) {
    var request =
        new ContainerRequest(
            URI.create("http://localhost/api/"),
            URI.create("http://localhost/api/tags?limit=1"),
            method,
            null,
            new MapPropertiesDelegate(),
            null);
    request.setEntityStream(UNTOUCHABLE);
    return request;
  }

  @Test
  void aGetWithoutBodyHeadersIsNeverRead() {
    var get = request("GET");
    assertThatCode(() -> new StrictInput().filter(get)).doesNotThrowAnyException();
    assertThat(get.getEntityStream()).isSameAs(UNTOUCHABLE);
  }

  @Test
  void anAuthenticatedDeleteWithoutContentTypeIsNeverRead() {
    var delete = request("DELETE");
    delete.header(HttpHeaders.AUTHORIZATION, "Token abc");
    assertThatCode(() -> new StrictInput().filter(delete)).doesNotThrowAnyException();
    assertThat(delete.getEntityStream()).isSameAs(UNTOUCHABLE);
  }

  @Test
  void aChunkedJsonPostKeepsItsBody() {
    var post = request("POST");
    post.header(HttpHeaders.CONTENT_TYPE, "application/json");
    post.header("Transfer-Encoding", "chunked");
    new StrictInput().filter(post);
    assertThat(post.getEntityStream()).isSameAs(UNTOUCHABLE);
  }

  @Test
  void aDeclaredEmptyBodyIsAnEmptyObject() throws IOException {
    var post = request("PUT");
    post.header(HttpHeaders.CONTENT_TYPE, "application/json");
    post.header(HttpHeaders.CONTENT_LENGTH, "0");
    new StrictInput().filter(post);
    assertThat(post.getEntityStream()).isInstanceOf(ByteArrayInputStream.class);
  }
}
