package dev.conduit.user;

import static dev.conduit.support.Fixtures.article;
import static dev.conduit.support.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.ApiTestBase;
import dev.conduit.support.Http;
import dev.conduit.support.SqlCounter;
import dev.conduit.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accounts per the RealWorld contract; runs on PostgreSQL and on H2 (see the subclasses). */
abstract class AccountsContract extends ApiTestBase {
  /**
   * Token versions cached for an hour: every revocation below must take effect at once on this
   * instance without waiting for the cache, and the cost test must not see an expiry.
   */
  @Override
  protected ConfigOverride[] overrides() {
    return new ConfigOverride[] {ConfigOverride.config("auth.tokenVersionCacheTtl", "1h")};
  }

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
    // Signed with the server's own secret, but HS512: the key is long enough for HS512, so only the
    // algorithm pin can refuse it.
    String otherAlgorithm =
        Jwts.builder()
            .subject(Long.toString(id))
            .expiration(Date.from(Instant.now().plusSeconds(600)))
            .signWith(key, Jwts.SIG.HS512)
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

  // ---- issue 11: hardening -----------------------------------------------------------------

  @Test
  void aPasswordOverSeventyTwoBytesAtLoginIsTheSame401AsAWrongOne() {
    String name = unique("long");
    register(name, name + "@example.com", "password1");

    var wrong =
        http.post("/users/login", user("email", name + "@example.com", "password", "nope-1234"));
    var tooLong =
        http.post(
            "/users/login", user("email", name + "@example.com", "password", "é".repeat(100)));
    var tooLongUnknown =
        http.post(
            "/users/login",
            user("email", "nobody-" + name + "@example.com", "password", "x".repeat(73)));

    assertThat(tooLong.status()).isEqualTo(401);
    assertThat(tooLongUnknown.status()).isEqualTo(401);
    assertThat(tooLong.body()).isEqualTo(wrong.body()).isEqualTo(tooLongUnknown.body());
  }

  @Test
  void registeringOrChangingToAPasswordOverSeventyTwoBytesIs422() {
    String name = unique("long");
    var reply = register(name, name + "@example.com", "é".repeat(37));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().at("/errors/password/0").asText()).contains("maximum is 72 bytes");

    String token = app.register(unique("long"));
    var update = http.withToken(token).put("/user", user("password", "x".repeat(73)));
    assertThat(update.status()).isEqualTo(422);
    assertThat(update.json().at("/errors/password/0").asText()).contains("maximum is 72 bytes");
  }

  @Test
  void aTokenWhoseUserWasDeletedIs401OnEveryRouteThatUsesTheAccount() {
    String authorToken = app.register(unique("author"));
    String slug = createArticle(http.withToken(authorToken), "Still here " + unique("t"));
    String authorName =
        http.withToken(authorToken).get("/user").json().at("/user/username").asText();
    String name = unique("gone");
    String token = app.register(name);
    assertThat(http.withToken(token).get("/user").status()).isEqualTo(200);

    app.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE username = ?", name));

    var caller = http.withToken(token);
    for (var reply :
        List.of(
            caller.get("/user"),
            caller.put("/user", user("bio", "ghost")),
            caller.post("/articles", article("Ghost " + unique("t"), "d", "b", List.of())),
            caller.post("/articles/" + slug + "/favorite", null),
            caller.post("/articles/" + slug + "/comments", comment("boo")),
            caller.post("/profiles/" + authorName + "/follow", null))) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
      assertThat(reply.json().at("/errors/token/0").asText()).isNotBlank();
    }
    long orphans =
        app.jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT count(*) FROM articles a LEFT JOIN users u ON u.id = a.author_id"
                                + " WHERE u.id IS NULL")
                        .mapTo(Long.class)
                        .one());
    assertThat(orphans).isZero();
  }

  @Test
  void changingThePasswordRevokesEveryEarlierTokenAndReturnsAWorkingOne() {
    String name = unique("rev");
    String first = app.register(name);
    String second =
        http.post(
                "/users/login",
                user("email", name + "@example.com", "password", "password-" + name))
            .json()
            .at("/user/token")
            .asText();

    var changed = http.withToken(first).put("/user", user("password", "a-new-password"));
    assertThat(changed.status()).isEqualTo(200);
    String fresh = changed.json().at("/user/token").asText();

    assertThat(http.withToken(first).get("/user").status()).isEqualTo(401);
    assertThat(http.withToken(second).get("/user").status()).isEqualTo(401);
    assertThat(http.withToken(second).get("/articles").status()).isEqualTo(401);
    assertThat(http.withToken(fresh).get("/user").status()).isEqualTo(200);
    // Other changes keep the session.
    var bio = http.withToken(fresh).put("/user", user("bio", "still me"));
    assertThat(bio.status()).isEqualTo(200);
    assertThat(http.withToken(fresh).get("/user").status()).isEqualTo(200);
  }

  @Test
  void theRevokeSessionsTaskEndsEveryTokenOfOneUser() throws Exception {
    String name = unique("ops");
    String token = app.register(name);
    String bystander = app.register(unique("other"));

    var task =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            app.adminUrl() + "/tasks/revoke-sessions?username=" + name))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(task.statusCode()).isEqualTo(200);
    assertThat(task.body()).contains("revoked all sessions of " + name);
    assertThat(http.withToken(token).get("/user").status()).isEqualTo(401);
    assertThat(http.withToken(bystander).get("/user").status()).isEqualTo(200);
    var again =
        http.post(
            "/users/login", user("email", name + "@example.com", "password", "password-" + name));
    assertThat(http.withToken(again.json().at("/user/token").asText()).get("/user").status())
        .isEqualTo(200);
  }

  @Test
  void aMissingOrNullEnvelopeOnUpdateIs422NamingIt() {
    String token = app.register(unique("env"));
    for (String body : List.of("{\"user\": null}", "null", "{}", "{\"bio\": \"x\"}")) {
      var reply = http.withToken(token).put("/user", body);
      assertThat(reply.status()).as(body).isEqualTo(422);
      assertThat(reply.json().at("/errors/user/0").asText()).as(body).isEqualTo("can't be blank");
    }
    assertThat(http.withToken(token).get("/user").json().at("/user/bio").isNull()).isTrue();
  }

  @Test
  void numbersBooleansAndObjectsAreNotStrings() {
    var number =
        http.post(
            "/users",
            "{\"user\": {\"username\": 123, \"email\": \"a@b.co\", \"password\": \"password1\"}}");
    assertThat(number.status()).isEqualTo(422);
    assertThat(number.json().at("/errors/user.username/0").asText())
        .isEqualTo("has the wrong type");

    String token = app.register(unique("types"));
    var bool = http.withToken(token).put("/user", "{\"user\": {\"bio\": true}}");
    assertThat(bool.status()).isEqualTo(422);
    assertThat(bool.json().at("/errors/user.bio/0").asText()).isEqualTo("has the wrong type");
  }

  @Test
  void controlCharactersAreRefusedNamingTheFieldButNewlinesInTheBioAreText() {
    var nul = register("nul" + unique("x"), "a\u0000b@example.com", "password1");
    assertThat(nul.status()).isEqualTo(422);
    assertThat(nul.json().at("/errors/email/0").asText())
        .isEqualTo("must not contain control characters");

    String token = app.register(unique("ctl"));
    var escape = http.withToken(token).put("/user", user("bio", "red \u001b[31m text"));
    assertThat(escape.status()).isEqualTo(422);
    assertThat(escape.json().at("/errors/bio/0").asText())
        .isEqualTo("must not contain control characters");

    var lines = http.withToken(token).put("/user", user("bio", "line one\nline two\tend"));
    assertThat(lines.status()).isEqualTo(200);
    assertThat(lines.json().at("/user/bio").asText()).isEqualTo("line one\nline two\tend");
  }

  @Test
  void checkingATokenVersionCostsNoStatementOnceCached() {
    String token = app.register(unique("cheap"));
    var caller = http.withToken(token);
    try (var counter = SqlCounter.install(app.application().jdbi())) {
      List<String> sql =
          counter.during(
              () -> {
                for (int i = 0; i < 5; i++) {
                  assertThat(caller.get("/tags").status()).isEqualTo(200);
                }
              });
      // The tags themselves may come from ReadCache (issue 9): at most one statement each.
      assertThat(sql).as("tags statements only, no token look-up").hasSizeLessThanOrEqualTo(5);
      assertThat(sql).allMatch(statement -> statement.contains("FROM tags"));
      assertThat(sql).noneMatch(statement -> statement.contains("token_version"));
    }
  }

  private static String createArticle(Http client, String title) {
    var reply = client.post("/articles", article(title, "d", "b", List.of()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().at("/article/slug").asText();
  }
}
