package dev.conduit.web;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** dropwizard-auth's 401, as a RealWorld JSON body. One message for every token failure. */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {
  static final String MESSAGE = "is missing, invalid or expired";

  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of("token", MESSAGE))
        .build();
  }
}
