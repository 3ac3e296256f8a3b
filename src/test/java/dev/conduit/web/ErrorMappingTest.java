package dev.conduit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.article.api.NewArticleRequest;
import dev.conduit.user.api.RegisterRequest;
import dev.conduit.user.api.UpdateUserRequest;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The error mapping of the API, in memory (no HTTP server): Bean Validation on the real request
 * records, Jackson's input errors, our own exceptions, Jersey's refusals and bugs, each as the
 * RealWorld body with its status. The contract tests check the same through the whole service.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorMappingTest {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  static {
    JsonSupport.configure(JSON);
  }

  /** Routes that take the real request records, or fail on purpose. */
  @Path("/probe")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public static class Probe {
    @POST
    @Path("/users")
    public Map<String, String> register(@Valid RegisterRequest request) {
      return Map.of("username", request.user().username());
    }

    @PUT
    @Path("/user")
    public Map<String, String> update(@Valid UpdateUserRequest request) {
      return Map.of("ok", "yes");
    }

    @POST
    @Path("/articles")
    public Map<String, String> create(@Valid NewArticleRequest request) {
      return Map.of("title", request.article().title());
    }

    @GET
    @Path("/missing")
    public String missing(@QueryParam("tag") String tag) {
      throw ApiException.notFound("article");
    }

    @GET
    @Path("/bug")
    public String bug() {
      throw new IllegalStateException("SELECT secret FROM somewhere");
    }

    @POST
    @Path("/huge")
    public String huge() {
      throw new BadMessageException(413); // what Jetty's SizeLimitHandler throws mid-read
    }
  }

  static final ResourceExtension RESOURCES =
      ResourceExtension.builder()
          .setMapper(JSON)
          .setRegisterDefaultExceptionMappers(false)
          .addResource(new Probe())
          .addProvider(new StrictInput())
          .addProvider(new ErrorMapper())
          .addProvider(new ErrorMapper.Violations())
          .addProvider(new ErrorMapper.BadMessages(new JsonErrorHandler(1024)))
          .build();

  private static Response post(String path, Object body) {
    byte[] bytes =
        body instanceof byte[] b
            ? b
            : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return RESOURCES
        .target(path)
        .request()
        .post(Entity.entity(bytes, MediaType.APPLICATION_JSON_TYPE));
  }

  private static Response put(String path, String body) {
    return RESOURCES
        .target(path)
        .request()
        .put(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
  }

  /** The status and the whole errors object. */
  private static JsonNode errors(Response response, int status) throws IOException {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
    JsonNode body = JSON.readTree(response.readEntity(String.class));
    assertThat(body.fieldNames()).toIterable().containsExactly("errors");
    return body.get("errors");
  }

  /** JSON written with backticks for quotes. */
  private static JsonNode expected(String json) throws IOException {
    return JSON.readTree(json.replace('`', '"'));
  }

  @Test
  void noBodyNullOrAMissingEnvelopeNamesEveryMissingField() throws IOException {
    var allBlank =
        expected(
            "{`email`:[`can't be blank`],`password`:[`can't be blank`],"
                + "`username`:[`can't be blank`]}");
    for (String body : new String[] {"", "null", " null ", "{}", "{\"user\": null}"}) {
      assertThat(errors(post("/probe/users", body), 422)).as(body).isEqualTo(allBlank);
    }
  }

  @Test
  void aMissingEnvelopeOnAnEditNamesTheEnvelope() throws IOException {
    for (String body : new String[] {"", "null", "{}", "{\"bio\": \"x\"}"}) {
      assertThat(errors(put("/probe/user", body), 422))
          .as(body)
          .isEqualTo(expected("{`user`:[`can't be blank`]}"));
    }
  }

  @Test
  void eachFieldGetsOneMessageTheMostBasicFirst() throws IOException {
    var reply =
        post(
            "/probe/users",
            "{\"user\": {\"username\": \" \", \"email\": \"nope\", \"password\": \"short\"}}");
    assertThat(errors(reply, 422))
        .isEqualTo(
            expected(
                "{`email`:[`is invalid`],`password`:[`is too short (minimum is 8 characters)`],"
                    + "`username`:[`can't be blank`]}"));

    String tooLongAndBad = "a b".repeat(30);
    var username =
        post(
            "/probe/users",
            "{\"user\": {\"username\": \""
                + tooLongAndBad
                + "\", \"email\": \"a\\u0000b@x.io\","
                + " \"password\": \""
                + "é".repeat(37)
                + "\"}}");
    assertThat(errors(username, 422))
        .isEqualTo(
            expected(
                "{`email`:[`must not contain control characters`],"
                    + "`password`:[`is too long (maximum is 72 bytes)`],"
                    + "`username`:[`is too long (maximum is 64 characters)`]}"));
  }

  @Test
  void surroundingWhitespaceIsNotPartOfTheRules() throws IOException {
    var reply =
        post(
            "/probe/users",
            "{\"user\": {\"username\": \"  alice  \", \"email\": \" a@b.co \","
                + " \"password\": \"password1\"}}");
    assertThat(reply.getStatus()).isEqualTo(200);
    var bad =
        post(
            "/probe/users",
            "{\"user\": {\"username\": \"al ice\", \"email\": \"a@b.co\","
                + " \"password\": \"password1\"}}");
    assertThat(errors(bad, 422).at("/username/0").asText())
        .isEqualTo("may only contain letters, digits, '.', '_' and '-'");
  }

  @Test
  void editsRefuseBlankValuesAndOverlongText() throws IOException {
    var reply =
        put(
            "/probe/user",
            "{\"user\": {\"email\": \"\", \"bio\": \"" + "x".repeat(10_001) + "\"}}");
    assertThat(errors(reply, 422))
        .isEqualTo(
            expected(
                "{`bio`:[`is too long (maximum is 10000 characters)`],"
                    + "`email`:[`can't be blank`]}"));
    assertThat(
            put("/probe/user", "{\"user\": {\"bio\": \"line\\nnext\", \"image\": \"\"}}")
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void listElementsAreNamedByTheirList() throws IOException {
    var reply =
        post(
            "/probe/articles",
            "{\"article\": {\"title\": \"t\", \"description\": \"d\", \"body\": \"b\","
                + " \"tagList\": [\"ok\", \"a\\u0007b\"]}}");
    assertThat(errors(reply, 422))
        .isEqualTo(expected("{`tagList`:[`must not contain control characters`]}"));
  }

  @Test
  void brokenJsonIs400AndWrongTypesAre422NamingThePath() throws IOException {
    assertThat(errors(post("/probe/users", "{\"user\": {"), 400))
        .isEqualTo(expected("{`body`:[`is not valid JSON`]}"));
    assertThat(errors(post("/probe/users", "{\"user\": {\"username\": 123}}"), 422))
        .isEqualTo(expected("{`user.username`:[`has the wrong type`]}"));
    assertThat(errors(post("/probe/articles", "{\"article\": {\"tagList\": [1]}}"), 422))
        .isEqualTo(expected("{`article.tagList[0]`:[`has the wrong type`]}"));
  }

  @Test
  void invalidUtf8Is400() throws IOException {
    byte[] overlongNul =
        HexFormat.of().parseHex("7b2275736572223a7b22757365726e616d65223a2261c080227d7d");
    assertThat(errors(post("/probe/users", overlongNul), 400))
        .isEqualTo(expected("{`body`:[`is not valid UTF-8`]}"));
  }

  @Test
  void ourExceptionsKeepTheirStatus() throws IOException {
    assertThat(errors(RESOURCES.target("/probe/missing").request().get(), 404))
        .isEqualTo(expected("{`article`:[`not found`]}"));
    assertThat(errors(post("/probe/huge", "{}"), 413))
        .isEqualTo(expected("{`body`:[`is too large (maximum is 1024 bytes)`]}"));
  }

  @Test
  void controlCharactersInQueryValuesArePathsAre400() throws IOException {
    assertThat(
            errors(
                RESOURCES.target("/probe/missing").queryParam("tag", "a\u0000b").request().get(),
                400))
        .isEqualTo(expected("{`tag`:[`must not contain control characters`]}"));
  }

  @Test
  void jerseysRefusalsAreJsonAndKeepTheirHeaders() throws IOException {
    assertThat(errors(RESOURCES.target("/nowhere").request().get(), 404))
        .isEqualTo(expected("{`request`:[`not found`]}"));
    var wrongMethod = RESOURCES.target("/probe/users").request().delete();
    assertThat(wrongMethod.getHeaderString("Allow")).contains("POST");
    assertThat(errors(wrongMethod, 405)).isEqualTo(expected("{`request`:[`method not allowed`]}"));
  }

  @Test
  void bugsAre500WithNothingInternal() throws IOException {
    var reply = RESOURCES.target("/probe/bug").request().get();
    assertThat(errors(reply, 500)).isEqualTo(expected("{`server`:[`internal error`]}"));
  }
}
