package dev.conduit.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads what is left of a request body before a refusal is sent (401 before the body was looked at,
 * 404 for an unknown slug, ...). Otherwise Jetty, finding unread content that has not arrived yet,
 * closes the keep-alive connection after the response without saying so, and a client that reuses
 * it gets an empty reply. Bounded by the body size limit filter, which runs first.
 */
public final class UnreadBodyDrainFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400) {
      return;
    }
    try {
      // hasEntity() throws once a resource has read (and closed) the body: nothing left then.
      if (!request.hasEntity()) {
        return;
      }
      try (InputStream body = request.getEntityStream()) {
        body.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IllegalStateException alreadyRead) {
      // The body was consumed by the resource.
    } catch (IOException | RuntimeException e) {
      // The client went away or sent too much: the connection is lost either way.
    }
  }
}
