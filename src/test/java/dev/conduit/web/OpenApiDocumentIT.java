package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.support.TestApp;
import dev.conduit.support.TestDatabase;
import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served in development describes the service's own API: every route the
 * running application serves (method and path) is in it.
 */
class OpenApiDocumentIT {

  @Test
  void everyRouteTheServiceServesIsDocumented() {
    try (TestDatabase db = TestDatabase.h2();
        TestApp app = TestApp.start(db)) {
      var reply = app.http().get("/openapi.json");
      assertThat(reply.status()).isEqualTo(200);
      JsonNode document = reply.json();
      assertThat(document.path("openapi").asText()).startsWith("3.");
      assertThat(document.at("/servers/0/url").asText()).isEqualTo("/api");

      List<String> served = routes(app.environment());
      assertThat(served).isNotEmpty().contains("POST /users/login", "GET /user");
      for (String route : served) {
        String[] parts = route.split(" ", 2);
        assertThat(documented(document, parts[1], parts[0]))
            .as("%s is in the OpenAPI document", route)
            .isTrue();
      }
    }
  }

  /** Every resource method registered with Jersey, as "METHOD /path" (OPTIONS/HEAD left out). */
  static List<String> routes(Environment env) {
    List<String> routes = new ArrayList<>();
    for (Class<?> type : env.jersey().getResourceConfig().getClasses()) {
      collect(type, routes);
    }
    for (Object instance : env.jersey().getResourceConfig().getSingletons()) {
      collect(instance.getClass(), routes);
    }
    return routes;
  }

  private static void collect(Class<?> type, List<String> routes) {
    if (!Resource.isAcceptable(type)
        || !type.isAnnotationPresent(jakarta.ws.rs.Path.class)
        || type == OpenApiResource.class) {
      return;
    }
    Resource resource = Resource.from(type);
    add(resource.getPath(), resource.getResourceMethods(), routes);
    for (Resource child : resource.getChildResources()) {
      add(join(resource.getPath(), child.getPath()), child.getResourceMethods(), routes);
    }
  }

  private static void add(String path, List<ResourceMethod> methods, List<String> routes) {
    for (ResourceMethod m : methods) {
      routes.add(m.getHttpMethod() + " " + normalize(path));
    }
  }

  private static String join(String a, String b) {
    return (a.endsWith("/") ? a.substring(0, a.length() - 1) : a)
        + (b.startsWith("/") ? b : "/" + b);
  }

  private static String normalize(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** Path templates compare by shape: {slug} and {id} are both "{}". */
  private static boolean documented(JsonNode document, String path, String method) {
    String shape = path.replaceAll("\\{[^}]+}", "{}");
    var names = document.path("paths").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.replaceAll("\\{[^}]+}", "{}").equals(shape)) {
        return document.path("paths").path(name).has(method.toLowerCase(Locale.ROOT));
      }
    }
    return false;
  }
}
