package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token door, over real sockets: without the token nothing is served and nothing runs; with it,
 * as a bearer header or as the cookie the printed URL sets, everything works; wrong tokens are
 * limited; the profile folder is the user's own.
 */
class DashboardAccessTest {
  @TempDir Path dir;
  ServerFixture f;
  Path pwned;

  @BeforeEach
  void start() throws Exception {
    f = new ServerFixture(dir);
    pwned = dir.resolve("pwned");
    Path store = Files.createDirectories(dir.resolve(".coldstart"));
    Files.writeString(store.resolve("ok.json"), "{\"schema\":\"coldstart.profile/1\",\"target\":\"SECRET\",\"runs\":3}");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** What the report's curl sends: a target that writes a file. */
  private String pwnBody() {
    return ServerFixture.startBody("-c \"open('" + pwned + "','w').write('x')\"", 1);
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /",
    "HEAD, /",
    "GET, /dashboard.js",
    "GET, /dashboard.css",
    "GET, /chart.js",
    "GET, /chart.css",
    "GET, /api/info",
    "GET, /api/history?entry=json",
    "GET, /api/state",
    "GET, /api/events",
    "GET, /api/profiles",
    "GET, /api/profiles/ok.json",
    "GET, /report/ok.json",
    "GET, /nowhere",
    "POST, /api/profile",
    "POST, /api/profile/stop",
  })
  void withoutTheTokenEveryPathAnswers401AndNoTargetRuns(String method, String path) throws Exception {
    String body = method.equals("POST") ? pwnBody() : "";
    for (Map<String, String> credentials :
        new Map[] {
          Map.of(),
          Map.of("Authorization", "Bearer " + AccessToken.random().value()),
          Map.of("Authorization", "Basic " + f.token.value()),
          Map.of("Cookie", "coldstart-" + f.url.getPort() + "=" + AccessToken.random().value()),
          Map.of("Cookie", "coldstart-1=" + f.token.value()), // the right value under another dashboard's name
        }) {
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + f.url.getAuthority() + "\r\n");
      req.append("Content-Type: application/json\r\nConnection: close\r\n");
      credentials.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
      RawHttp r = RawHttp.send(f.door, req.toString());
      assertThat(r.status()).as(method + " " + path + " " + credentials.keySet()).isEqualTo(401);
      assertThat(r.headers()).doesNotContainKey("set-cookie");
      assertThat(r.body()).doesNotContain("SECRET").doesNotContain("<html").doesNotContain(dir.toString()).hasSizeLessThan(120);
    }
    Thread.sleep(300);
    assertThat(f.server.runner().busy()).isFalse();
    assertThat(f.outcomes).isEmpty();
    assertThat(pwned).doesNotExist();
  }

  @Test
  void theReportedCurlWritesNothingWithoutTheTokenAndRunsWithIt() throws Exception {
    RawHttp refused = RawHttp.postJson(f.door, "/api/profile", pwnBody());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(refused.headers().get("www-authenticate")).startsWith("Bearer");
    assertThat(f.outcomes.poll(2, TimeUnit.SECONDS)).isNull();
    assertThat(pwned).doesNotExist();

    RawHttp started = RawHttp.postJson(f.url, "/api/profile", pwnBody()); // the same, with the bearer header
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    ProfileRunner.Outcome o = f.outcomes.poll(90, TimeUnit.SECONDS);
    assertThat(o).isNotNull();
    assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo("finished");
    assertThat(pwned).exists();
  }

  @Test
  void thePrintedUrlSetsAStrictHttpOnlyCookieThatOpensTheApi() throws Exception {
    assertThat(f.url.toString()).isEqualTo("http://127.0.0.1:" + f.url.getPort() + "/?token=" + f.token.value());
    RawHttp page = RawHttp.get(f.door, "/?token=" + f.token.value());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/dashboard.js\"");
    String cookie = page.headers().get("set-cookie");
    assertThat(cookie)
        .startsWith("coldstart-" + f.url.getPort() + "=" + f.token.value() + ";")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/");
    Map<String, String> withCookie = Map.of("Cookie", "theme=dark; " + cookie.substring(0, cookie.indexOf(';')));
    assertThat(RawHttp.get(f.door, "/api/state", withCookie).status()).isEqualTo(200);
    assertThat(RawHttp.get(f.door, "/report/ok.json", withCookie).status()).isIn(200, 422);
    assertThat(RawHttp.get(f.door, "/api/profiles/ok.json", withCookie).body()).contains("SECRET");
    RawHttp started =
        RawHttp.post(
            f.door,
            "/api/profile",
            Map.of("Content-Type", "application/json", "Cookie", withCookie.get("Cookie"), "Origin", "http://" + f.url.getAuthority()),
            ServerFixture.startBody("-c pass", 1));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(f.outcomes.poll(90, TimeUnit.SECONDS).status()).isEqualTo("finished");
  }

  @Test
  void aWrongTokenInTheUrlGetsNoCookie() throws Exception {
    RawHttp r = RawHttp.get(f.door, "/?token=" + AccessToken.random().value());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers()).doesNotContainKey("set-cookie");
    assertThat(r.body()).contains("open the address that 'coldstart serve' printed").doesNotContain("<html");
    // The token opens the page only: elsewhere in a URL it is not a credential (it would end up in logs).
    assertThat(RawHttp.get(f.door, "/api/state?token=" + f.token.value()).status()).isEqualTo(401);
  }

  @Test
  void wrongTokensAreLimitedPerAddressAndNeverLogged() throws Exception {
    URI wrong = URI.create(f.door + "?token=" + AccessToken.random().value());
    for (int i = 0; i < 10; i++) {
      assertThat(RawHttp.get(wrong, "/api/state").status()).as("guess " + (i + 1)).isEqualTo(401);
    }
    RawHttp limited = RawHttp.get(wrong, "/api/state");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers().get("retry-after")).matches("[1-9]\\d*");
    // While the address is limited the right token is refused too: otherwise guessing would not be slowed.
    assertThat(RawHttp.get(f.url, "/api/state").status()).isEqualTo(429);
    // A request with no token at all is no guess: 401 as always.
    assertThat(RawHttp.get(f.door, "/api/state").status()).isEqualTo(401);
    assertThat(f.log).anyMatch(l -> l.contains("too many wrong tokens from 127.0.0.1"));
    assertThat(String.join("\n", f.log)).doesNotContain(f.token.value());
    Thread.sleep(1_100); // 2 guesses a second come back
    assertThat(RawHttp.get(f.url, "/api/state").status()).isEqualTo(200);
  }

  @Test
  void manyTokensInOneRequestAreGuessesNotAWayAroundTheLimit() throws Exception {
    StringBuilder req = new StringBuilder("GET /api/state HTTP/1.1\r\nHost: " + f.url.getAuthority() + "\r\nConnection: close\r\n");
    for (int i = 0; i < 20; i++) {
      req.append("Authorization: Bearer ").append(AccessToken.random().value()).append("\r\n");
    }
    req.append("Authorization: Bearer ").append(f.token.value()).append("\r\n\r\n");
    assertThat(RawHttp.send(f.door, req.toString()).status()).isEqualTo(401);
    assertThat(RawHttp.get(f.url, "/api/state").status()).isEqualTo(429);
  }
}
