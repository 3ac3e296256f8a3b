package dev.conduit.web;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** dropwizard-auth's 401 with the RealWorld body of {@link ApiException#unauthorized()}. */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.fromResponse(ApiException.unauthorized().body().toResponse(401))
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .build();
  }
}
