package dev.conduit.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import dev.conduit.support.TestApp;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accounts per the RealWorld contract; runs on PostgreSQL and on H2 (see the subclasses). */
abstract class AccountsContract extends ApiTestBase {

  private static Map<String, Object> user(Object... keyValues) {
    var fields = new java.util.LinkedHashMap<String, Object>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return Map.of("user", fields);
  }

  private Http.Reply register(String username, String email, String password) {
    return http.post("/users", user("username", username, "email", email, "password", password));
  }

  @Test
  void registeringReturns201WithTokenAndNullBioAndImage() {
    String name = unique("reg");
    var reply = register(name, name + "@Example.COM", "correct-horse");

    assertThat(reply.status()).isEqualTo(201);
    var body = reply.json().get("user");
    assertThat(body.get("username").asText()).isEqualTo(name);
    assertThat(body.get("email").asText()).isEqualTo(name.toLowerCase() + "@example.com");
    assertThat(body.get("token").asText()).isNotBlank();
    assertThat(body.get("bio").isNull()).isTrue();
    assertThat(body.get("image").isNull()).isTrue();
    assertThat(body.has("password")).isFalse();
  }

  @Test
  void missingOrBlankFieldsAreNamedEach() {
    var reply = http.post("/users", user("username", " ", "email", ""));

    assertThat(reply.status()).isEqualTo(422);
    var errors = reply.json().get("errors");
    assertThat(errors.get("username").get(0).asText()).isEqualTo("can't be blank");
    assertThat(errors.get("email").get(0).asText()).isEqualTo("can't be blank");
    assertThat(errors.get("password").get(0).asText()).isEqualTo("can't be blank");
  }

  @Test
  void malformedEmailAndShortPasswordAreRefused() {
    var reply = register(unique("bad"), "not-an-email", "short");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/email/0").asText()).isEqualTo("is invalid");
    assertThat(reply.json().at("/errors/password/0").asText()).contains("too short");
  }

  @Test
  void takenUsernameIsRefusedNamingTheField() {
    String name = unique("taken");
    assertThat(register(name, name + "@example.com", "password1").status()).isEqualTo(201);

    var reply = register(name, unique("other") + "@example.com", "password1");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/username/0").asText()).isEqualTo("has already been taken");
    assertThat(reply.json().at("/errors/email").isMissingNode()).isTrue();
  }

  @Test
  void takenEmailIsRefusedWhateverItsCase() {
    String name = unique("mail");
    assertThat(register(name, name + "@example.com", "password1").status()).isEqualTo(201);

    var reply = register(unique("other"), name.toUpperCase() + "@EXAMPLE.com", "password1");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/email/0").asText()).isEqualTo("has already been taken");
  }

  @Test
  void malformedJsonIs400AndWrongTypeIs422_neverA500() {
    var broken = http.post("/users", "{\"user\": {\"username\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().at("/errors/body/0").asText()).isEqualTo("is not valid JSON");

    var wrongType = http.post("/users", "{\"user\": {\"username\": [\"a\"]}}");
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.json().at("/errors/user.username/0").asText())
        .isEqualTo("has the wrong type");

    var notAnObject = http.post("/users", "{\"user\": \"alice\"}");
    assertThat(notAnObject.status()).isEqualTo(422);

    var empty = http.post("/users", "");
    assertThat(empty.status()).isEqualTo(422);
    assertThat(empty.json().at("/errors/username/0").asText()).isEqualTo("can't be blank");
  }

  @Test
  void loginComparesEmailsCaseInsensitively() {
    String name = unique("login");
    register(name, name + "@example.com", "password1");

    var reply =
        http.post(
            "/users/login",
            user("email", name.toUpperCase() + "@Example.com", "password", "password1"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/user/username").asText()).isEqualTo(name);
    assertThat(reply.json().at("/user/token").asText()).isNotBlank();
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSame401() {
    String name = unique("pw");
    register(name, name + "@example.com", "password1");

    var wrongPassword =
        http.post("/users/login", user("email", name + "@example.com", "password", "password2"));
    var unknownEmail =
        http.post(
            "/users/login",
            user("email", "nobody-" + name + "@example.com", "password", "password1"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    assertThat(wrongPassword.json().at("/errors/email or password/0").asText())
        .isEqualTo("is invalid");
  }

  @Test
  void loginWithMissingFieldsIs422() {
    var reply = http.post("/users/login", user("email", ""));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/email/0").asText()).isEqualTo("can't be blank");
    assertThat(reply.json().at("/errors/password/0").asText()).isEqualTo("can't be blank");
  }

  @Test
  void currentUserNeedsAValidToken() {
    String name = unique("me");
    String token = app.register(name);

    var ok = http.withToken(token).get("/user");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().at("/user/username").asText()).isEqualTo(name);
    assertThat(ok.json().at("/user/token").asText()).isEqualTo(token);

    assertThat(http.get("/user").status()).isEqualTo(401);
    assertThat(http.get("/user").json().at("/errors/token/0").asText()).isNotBlank();
    assertThat(http.withHeader("Authorization", "Bearer " + token).get("/user").status())
        .isEqualTo(401);
    assertThat(http.withToken("not.a.jwt").get("/user").status()).isEqualTo(401);
  }

  @Test
  void tamperedExpiredForeignAndUnsignedTokensAre401() {
    String token = app.register(unique("tok"));
    long id = Long.parseLong(claims(token).split("\"sub\":\"")[1].split("\"")[0]);
    var key = Keys.hmacShaKeyFor(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
    var longKey =
        Keys.hmacShaKeyFor(
            (TestApp.JWT_SECRET + TestApp.JWT_SECRET).getBytes(StandardCharsets.UTF_8));

    // Payload changed to another subject, signature kept.
    String[] parts = token.split("\\.");
    String otherPayload =
        b64(
            "{\"sub\":\""
                + (id + 1)
                + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600)
                + "}");
    String tampered = parts[0] + "." + otherPayload + "." + parts[2];

    String expired =
        Jwts.builder()
            .subject(Long.toString(id))
            .expiration(Date.from(Instant.now().minusSeconds(60)))
            .signWith(key, Jwts.SIG.HS256)
            .compact();
    String foreign =
        Jwts.builder()
            .subject(Long.toString(id))
            .expiration(Date.from(Instant.now().plusSeconds(600)))
            .signWith(
                Keys.hmacShaKeyFor(
                    "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256)
            .compact();
    // Signed with our secret but HS512: the algorithm is pinned, so still refused.
    String otherAlgorithm =
        Jwts.builder()
            .subject(Long.toString(id))
            .expiration(Date.from(Instant.now().plusSeconds(600)))
            .signWith(longKey, Jwts.SIG.HS512)
            .compact();
    String unsigned =
        b64("{\"alg\":\"none\"}")
            + "."
            + b64(
                "{\"sub\":\"" + id + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}")
            + ".";
    // Valid in every way: proves the key above is the server's, so the refusals mean something.
    String valid =
        Jwts.builder()
            .subject(Long.toString(id))
            .expiration(Date.from(Instant.now().plusSeconds(600)))
            .signWith(key, Jwts.SIG.HS256)
            .compact();

    assertThat(http.withToken(valid).get("/user").status()).isEqualTo(200);
    for (String bad : new String[] {tampered, expired, foreign, otherAlgorithm, unsigned}) {
      assertThat(http.withToken(bad).get("/user").status()).as(bad).isEqualTo(401);
    }
  }

  @Test
  void aBadTokenIsRefusedEvenWhereAuthenticationIsOptional() {
    String token = app.register(unique("opt"));

    assertThat(http.get("/articles").status()).isEqualTo(200);
    assertThat(http.withToken(token).get("/articles").status()).isEqualTo(200);
    var tampered = http.withToken(token + "x").get("/articles");
    assertThat(tampered.status()).isEqualTo(401);
    assertThat(tampered.json().at("/errors/token/0").asText()).isNotBlank();
    assertThat(http.withHeader("Authorization", "Basic YTpi").get("/tags").status()).isEqualTo(401);
  }

  @Test
  void updateChangesOnlyTheGivenFields() {
    String name = unique("upd");
    String token = app.register(name);

    var reply =
        http.withToken(token)
            .put("/user", user("bio", "I write", "image", "https://img.example/x.png"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/user/bio").asText()).isEqualTo("I write");
    assertThat(reply.json().at("/user/image").asText()).isEqualTo("https://img.example/x.png");
    assertThat(reply.json().at("/user/username").asText()).isEqualTo(name);

    var cleared = http.withToken(token).put("/user", user("image", ""));
    assertThat(cleared.json().at("/user/image").isNull()).isTrue();
    assertThat(cleared.json().at("/user/bio").asText()).isEqualTo("I write");
  }

  @Test
  void newPasswordAndEmailWorkForLogin() {
    String name = unique("chg");
    String token = app.register(name);
    String newEmail = "New-" + name + "@example.com";

    var reply =
        http.withToken(token).put("/user", user("email", newEmail, "password", "brand-new-pass"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/user/email").asText()).isEqualTo(newEmail.toLowerCase());

    assertThat(
            http.post("/users/login", user("email", newEmail, "password", "brand-new-pass"))
                .status())
        .isEqualTo(200);
    assertThat(
            http.post("/users/login", user("email", newEmail, "password", "password-" + name))
                .status())
        .isEqualTo(401);
  }

  @Test
  void updatingToATakenEmailOrUsernameChangesNothing() {
    String taken = unique("owner");
    app.register(taken);
    String name = unique("mover");
    String token = app.register(name);

    var reply =
        http.withToken(token)
            .put(
                "/user",
                user("email", taken.toUpperCase() + "@example.com", "bio", "should not stick"));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/email/0").asText()).isEqualTo("has already been taken");

    var reply2 =
        http.withToken(token).put("/user", user("username", taken, "bio", "should not stick"));
    assertThat(reply2.status()).isEqualTo(422);
    assertThat(reply2.json().at("/errors/username/0").asText()).isEqualTo("has already been taken");

    var me = http.withToken(token).get("/user").json().get("user");
    assertThat(me.get("username").asText()).isEqualTo(name);
    assertThat(me.get("email").asText()).isEqualTo(name.toLowerCase() + "@example.com");
    assertThat(me.get("bio").isNull()).isTrue();
  }

  @Test
  void blankOrInvalidValuesOnUpdateAreRefused() {
    String token = app.register(unique("blank"));
    var reply =
        http.withToken(token)
            .put("/user", user("username", "", "email", "nope", "password", "short"));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/username/0").asText()).isEqualTo("can't be blank");
    assertThat(reply.json().at("/errors/email/0").asText()).isEqualTo("is invalid");
    assertThat(reply.json().at("/errors/password/0").asText()).contains("too short");
    assertThat(http.put("/user", user("bio", "x")).status()).isEqualTo(401);
  }

  @Test
  void passwordsAreStoredAsBcryptHashes() {
    String name = unique("hash");
    app.register(name);

    String stored =
        app.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT password_hash FROM users WHERE username = :u")
                        .bind("u", name)
                        .mapTo(String.class)
                        .one());

    assertThat(stored).startsWith("$2a$").doesNotContain("password-" + name);
  }

  private static String claims(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
