package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.events.Event;
import dev.coldstart.events.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's HTTP surface, driven over real sockets with a real interpreter. */
class DashboardServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration LONG = Duration.ofSeconds(90);

  @TempDir Path dir;
  ServerFixture f;

  @BeforeEach
  void start() {
    f = new ServerFixture(dir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void servesThePageAndItsFilesFromTheJar() throws Exception {
    RawHttp page = RawHttp.get(f.url, "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().get("content-type")).startsWith("text/html");
    assertThat(page.headers().get("content-security-policy")).contains("default-src 'none'").contains("connect-src 'self'");
    assertThat(page.body()).contains("<script src=\"/dashboard.js\"").doesNotContain("http://").doesNotContain("https://");
    assertThat(RawHttp.get(f.url, "/dashboard.js").status()).isEqualTo(200);
    assertThat(RawHttp.get(f.url, "/dashboard.css").headers().get("content-type")).startsWith("text/css");
    assertThat(RawHttp.get(f.url, "/dashboard.js").body()).contains("EventSource").doesNotContain("innerHTML");
    assertThat(RawHttp.get(f.url, "/chart.js").body()).contains("ColdstartChart").doesNotContain("innerHTML");
    assertThat(RawHttp.get(f.url, "/chart.css").headers().get("content-type")).startsWith("text/css");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../pom.xml",
        "/../../../../etc/passwd",
        "/%2e%2e/pom.xml",
        "/%2E%2E%2Fpom.xml",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/dashboard.js/../../pom.xml",
        "/./dashboard.js",
        "//etc/passwd",
        "/etc/passwd",
        "/index.html",
        "/dev/coldstart/serve/index.html",
        "/dev/coldstart/cli/Main.class",
        "/dashboard.js%00",
        "/dashboard.js/",
        "/%5c..%5cpom.xml",
        "/api/profiles/..%2f..%2fpom.xml",
        "/api/profiles/../../pom.xml",
        "/api/profiles/%2e%2e%2fsecret.json",
        "/api/profiles/..",
        "/report/..%2f..%2fpom.xml",
        "/report/../../pom.xml",
        "/report/secret.json",
        "/api/profiles/%2fetc%2fpasswd",
        "/api/profiles//etc/passwd",
        "http://127.0.0.1/../pom.xml",
        "file:///etc/passwd"
      })
  void nothingOutsideTheAllowListIsServed(String rawPath) throws Exception {
    Files.writeString(dir.resolve("secret.json"), "{\"schema\":\"coldstart.profile/1\",\"target\":\"SECRET\"}");
    RawHttp r = RawHttp.get(f.url, rawPath);
    assertThat(r.status()).as(rawPath).isIn(400, 404);
    assertThat(r.body()).doesNotContain("<project").doesNotContain("root:").doesNotContain("SECRET").doesNotContain("<html");
  }

  @Test
  void aSymlinkInTheStoreDoesNotEscapeIt() throws Exception {
    Path outside = dir.resolve("outside.json");
    Files.writeString(outside, "{\"schema\":\"coldstart.profile/1\",\"target\":\"SECRET\",\"runs\":1}");
    Path store = Files.createDirectories(dir.resolve(".coldstart"));
    Files.createSymbolicLink(store.resolve("link.json"), outside);
    Files.createDirectories(store.resolve("sub"));
    Files.writeString(store.resolve("sub/inner.json"), "{\"schema\":\"coldstart.profile/1\",\"target\":\"SECRET\"}");
    Files.writeString(store.resolve("baseline.json"), "{\"not\":\"a profile\"}");
    Files.writeString(store.resolve("ok.json"), "{\"schema\":\"coldstart.profile/1\",\"target\":\"-c pass\",\"runs\":3}");

    assertThat(RawHttp.get(f.url, "/api/profiles/link.json").status()).isEqualTo(404);
    assertThat(RawHttp.get(f.url, "/api/profiles/sub%2finner.json").status()).isEqualTo(404);
    assertThat(RawHttp.get(f.url, "/api/profiles/baseline.json").status()).isEqualTo(404);
    RawHttp ok = RawHttp.get(f.url, "/api/profiles/ok.json");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("-c pass");
    JsonNode list = JSON.readTree(RawHttp.get(f.url, "/api/profiles").body()).path("profiles");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("name").asString()).isEqualTo("ok.json");
  }

  @Test
  void answersOnlyToItsOwnHostName() throws Exception {
    String request = "GET / HTTP/1.1\r\nHost: %s\r\n" + RawHttp.bearer(f.url) + "Connection: close\r\n\r\n";
    assertThat(RawHttp.send(f.url, request.formatted("attacker.example:" + f.url.getPort())).status()).isEqualTo(403);
    assertThat(RawHttp.send(f.url, request.formatted("attacker.example")).status()).isEqualTo(403);
    assertThat(RawHttp.send(f.url, request.formatted("localhost:" + f.url.getPort())).status()).isEqualTo(200);
    assertThat(RawHttp.send(f.url, request.formatted("127.0.0.1:" + f.url.getPort())).status()).isEqualTo(200);
  }

  @Test
  void refusesCrossSiteAndNonJsonPosts() throws Exception {
    String body = ServerFixture.startBody("-c pass", 1);
    assertThat(RawHttp.post(f.url, "/api/profile", Map.of("Content-Type", "text/plain"), body).status()).isEqualTo(415);
    assertThat(
            RawHttp.post(
                    f.url,
                    "/api/profile",
                    Map.of("Content-Type", "application/json", "Origin", "http://attacker.example"),
                    body)
                .status())
        .isEqualTo(403);
    assertThat(
            RawHttp.post(
                    f.url,
                    "/api/profile",
                    Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"),
                    body)
                .status())
        .isEqualTo(403);
    assertThat(RawHttp.get(f.url, "/api/profile").status()).isEqualTo(405);
    assertThat(f.server.runner().busy()).isFalse();
    assertThat(f.outcomes).isEmpty();
  }

  @Test
  void validatesTheRequestWithTheCommandLinesRules() throws Exception {
    assertBad("not json", "not JSON");
    assertBad("[1]", "JSON object");
    assertBad("{\"runs\":3}", "either 'target'");
    assertBad(ServerFixture.startBody("", 3), "no target");
    assertBad(ServerFixture.startBody("'not a module!'", 3), "neither a module name nor a script file");
    assertBad(ServerFixture.startBody("json extra", 3), "a MODULE target takes no arguments");
    assertBad(ServerFixture.startBody("-c 'pass' -m json", 3), "give one target");
    assertBad(ServerFixture.startBody("-m", 3), "Missing required parameter");
    assertBad(ServerFixture.startBody("--log /etc/passwd", 3), "--log");
    assertBad(ServerFixture.startBody("missing.py", 3), "no such script: missing.py");
    assertBad(ServerFixture.startBody("-c \"unterminated", 3), "unterminated");
    assertBad(ServerFixture.startBody("-c pass", 0), "'runs' must be between 1 and 1000");
    assertBad(ServerFixture.startBody("-c pass", 1001), "'runs' must be between 1 and 1000");
    assertBad("{\"target\":\"-c pass\",\"runs\":\"3\"}", "'runs' must be a whole number");
    assertBad("{\"target\":\"-c pass\",\"python\":\"/bin/sh\"}", "unknown field 'python'");
    assertBad("{\"target\":\"-c pass\",\"bare\":\"yes\"}", "'bare' must be true or false");
    assertThat(f.outcomes).isEmpty();
  }

  private void assertBad(String body, String message) throws Exception {
    RawHttp r = RawHttp.postJson(f.url, "/api/profile", body);
    assertThat(r.status()).as(body).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").asString()).as(body).contains(message);
  }

  @Test
  void aScriptTargetIsFoundInTheServedDirectory() throws Exception {
    Files.writeString(dir.resolve("app.py"), "import json\n");
    RawHttp r = RawHttp.postJson(f.url, "/api/profile", "{\"argv\":[\"app.py\"],\"runs\":1,\"warmup\":0,\"bare\":false}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    ProfileRunner.Outcome o = f.outcomes.poll(LONG.toSeconds(), TimeUnit.SECONDS);
    assertThat(o).isNotNull();
    assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo("finished");
  }

  @Test
  void aProfileStartedOverHttpIsStreamedSavedAndListed() throws Exception {
    try (EventStream viewer = EventStream.open(f.url)) {
      assertThat(viewer.await("state", LONG).data()).contains("\"job\":null");
      RawHttp started = RawHttp.postJson(f.url, "/api/profile", ServerFixture.startBody("-c \"import json\"", 3));
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      JsonNode job = JSON.readTree(started.body());
      assertThat(job.path("target").asString()).isEqualTo("-c import json");

      List<EventStream.Sse> seen = new ArrayList<>();
      EventStream.Sse finished = viewer.await(e -> e.event().equals("job_finished"), LONG, seen);
      JsonNode result = JSON.readTree(finished.data());
      assertThat(result.path("status").asString()).as(finished.data()).isEqualTo("finished");
      String name = result.path("profile").asString();
      assertThat(seen.get(0).event()).isEqualTo("job_started");
      List<Double> walls =
          seen.stream()
              .filter(e -> e.event().equals("run_finished"))
              .map(e -> JSON.readTree(e.data()).path("wallMs").asDouble())
              .toList();
      assertThat(walls).hasSize(6).allMatch(w -> w > 0); // 3 target + 3 bare, interleaved
      assertThat(seen.get(seen.size() - 2).event()).isEqualTo("done");

      // Saved atomically, listed, readable; its event log holds every run the viewer saw.
      ProfileRunner.Outcome o = f.outcomes.poll(10, TimeUnit.SECONDS);
      assertThat(o.profile()).isEqualTo(name);
      RawHttp profile = RawHttp.get(f.url, "/api/profiles/" + name);
      assertThat(profile.status()).isEqualTo(200);
      assertThat(JSON.readTree(profile.body()).path("runs").asInt()).isEqualTo(3);
      assertThat(RawHttp.get(f.url, "/api/profiles").body()).contains(name);
      RawHttp report = RawHttp.get(f.url, "/report/" + name);
      assertThat(report.status()).isEqualTo(200);
      assertThat(report.body()).contains("coldstart profile").contains("import json");
      List<Event> logged = EventLog.read(o.eventLog());
      assertThat(logged.stream().filter(e -> e instanceof Event.RunFinished).count()).isEqualTo(6).isEqualTo(o.published());
      assertThat(logged.get(logged.size() - 1)).isInstanceOf(Event.Done.class);
      try (var files = Files.list(dir.resolve(".coldstart"))) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
  }

  @Test
  void oneProfileAtATimeAndStopKeepsWhatWasMeasured() throws Exception {
    try (EventStream viewer = EventStream.open(f.url)) {
      String slow = ServerFixture.startBody("-c \"import time; time.sleep(0.3)\"", 100);
      assertThat(RawHttp.postJson(f.url, "/api/profile", slow).status()).isEqualTo(202);
      RawHttp busy = RawHttp.postJson(f.url, "/api/profile", ServerFixture.startBody("-c pass", 1));
      assertThat(busy.status()).isEqualTo(409);
      assertThat(busy.body()).contains("already running");
      List<EventStream.Sse> seen = new ArrayList<>();
      viewer.await(e -> e.event().equals("run_finished") && e.data().contains("\"kind\":\"target\""), LONG, seen);

      // A viewer that arrives now starts from the state: the job and the runs so far.
      try (EventStream late = EventStream.open(f.url)) {
        JsonNode state = JSON.readTree(late.await("state", LONG).data());
        assertThat(state.path("job").path("target").asString()).contains("time.sleep(0.3)");
        assertThat(state.path("runs").size()).isGreaterThanOrEqualTo(1);
      }

      assertThat(RawHttp.postJson(f.url, "/api/profile/stop", "{}").body()).contains("\"stopped\":true");
      JsonNode result = JSON.readTree(viewer.await(e -> e.event().equals("job_finished"), LONG, seen).data());
      assertThat(result.path("status").asString()).isEqualTo("stopped");
      ProfileRunner.Outcome o = f.outcomes.poll(10, TimeUnit.SECONDS);
      List<Event> logged = EventLog.read(o.eventLog());
      assertThat(logged.stream().filter(e -> e instanceof Event.RunFinished).count()).isEqualTo(o.published());
      assertThat(((Event.Done) logged.get(logged.size() - 1)).summary()).contains("stopped");
      assertThat(RawHttp.postJson(f.url, "/api/profile", ServerFixture.startBody("-c pass", 1)).status()).isEqualTo(202);
    }
  }

  @Test
  void aFailingTargetIsReportedNotSaved() throws Exception {
    try (EventStream viewer = EventStream.open(f.url)) {
      assertThat(RawHttp.postJson(f.url, "/api/profile", ServerFixture.startBody("-c \"raise SystemExit(4)\"", 2)).status())
          .isEqualTo(202);
      JsonNode result = JSON.readTree(viewer.await("job_finished", LONG).data());
      assertThat(result.path("status").asString()).isEqualTo("failed");
      assertThat(result.path("error").asString()).contains("the target failed").contains("status 4");
      assertThat(result.path("profile").isNull()).isTrue();
    }
  }
}
