package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.events.Event;
import dev.coldstart.events.EventLog;
import dev.coldstart.testing.Pythons;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code coldstart serve} in a real JVM, stopped by a real signal in the middle of a profile: the
 * profile stops, what it measured is saved, its event log is complete, the server is closed, and
 * the exit status says which signal it was.
 */
class ServeSignalTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130, SIGINT", "TERM, 143, SIGTERM"})
  void aSignalStopsTheProfileDrainsItsLogAndClosesTheServer(String signal, int exit, String name) throws Exception {
    Path py = Pythons.python3();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main",
                "serve", "--port", "0", "--dir", dir.toString(), "--python", py.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errCopy = Thread.ofPlatform().start(() -> copy(p, err));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).as(err.toString(StandardCharsets.UTF_8)).startsWith("coldstart dashboard: http://127.0.0.1:");
      URI url = URI.create(first.substring(first.indexOf("http")));

      List<EventStream.Sse> seen = new ArrayList<>();
      try (EventStream viewer = EventStream.open(url)) {
        String body = ServerFixture.startBody("-c \"import time; time.sleep(0.2)\"", 200);
        assertThat(RawHttp.postJson(url, "/api/profile", body).status()).isEqualTo(202);
        // Let three measured runs finish, then signal.
        for (int i = 0; i < 3; i++) {
          viewer.await(e -> e.event().equals("run_finished") && !e.data().contains("warm-up"), Duration.ofSeconds(90), seen);
        }
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("serve exits after SIG" + signal).isTrue();
      }
      errCopy.join(10_000);
      String stderr = err.toString(StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(stderr).isEqualTo(exit);
      assertThat(stderr).contains(name + ": stopping").contains("job-1 stopped: saved").contains("dashboard stopped");
      assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(url.getRawQuery()).matches("token=[A-Za-z0-9_-]{43}"); // a new random token, printed in the URL
      assertThat(stderr).doesNotContain(url.getRawQuery().substring(6)); // and nowhere else

      // The server is closed.
      assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close()).isInstanceOf(ConnectException.class);

      // The event log is complete: every run the viewer saw is in it, and it ends with Done.
      Path store = dir.resolve(".coldstart");
      Path log;
      Path saved;
      try (Stream<Path> s = Files.list(store)) {
        List<Path> files = s.toList();
        log = files.stream().filter(f -> f.toString().endsWith(".events.jsonl")).findFirst().orElseThrow();
        saved = files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        assertThat(files).noneMatch(f -> f.toString().endsWith(".tmp"));
      }
      List<Event> events = EventLog.read(log);
      List<Integer> logged =
          events.stream().filter(e -> e instanceof Event.RunFinished).map(e -> ((Event.RunFinished) e).index()).toList();
      List<Integer> viewed =
          seen.stream().filter(e -> e.event().equals("run_finished")).map(e -> JSON.readTree(e.data()).path("index").asInt()).toList();
      assertThat(logged).containsAll(viewed).isSorted().doesNotHaveDuplicates();
      assertThat(events.get(events.size() - 1)).isInstanceOf(Event.Done.class);
      assertThat(((Event.Done) events.get(events.size() - 1)).summary()).contains("stopped");
      // The saved profile holds exactly the measured target runs of the log.
      JsonNode profile = JSON.readTree(Files.readString(saved));
      long targetRuns =
          events.stream().filter(e -> e instanceof Event.RunFinished r && r.kind().equals("target")).count();
      assertThat(profile.path("runs").asLong()).isEqualTo(targetRuns).isGreaterThanOrEqualTo(1);
      assertThat(profile.path("stoppedBy").asString()).contains("interrupted");
    } finally {
      p.destroyForcibly();
    }
  }

  @org.junit.jupiter.api.Test
  void aNonLoopbackHostIsWarnedAbout() throws Exception {
    Path py = Pythons.python3();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                javaBin, "-cp", System.getProperty("java.class.path"), "dev.coldstart.cli.Main",
                "serve", "--host", "0.0.0.0", "--port", "0", "--dir", dir.toString(), "--python", py.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errCopy = Thread.ofPlatform().start(() -> copy(p, err));
    try {
      String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(first).startsWith("coldstart dashboard: http://");
      URI url = URI.create(first.substring(first.indexOf("http")));
      assertThat(RawHttp.get(url, "/api/state").status()).isEqualTo(200);
      new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      errCopy.join(10_000);
      assertThat(p.exitValue()).isEqualTo(143);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: listening on 0.0.0.0, not a loopback address");
    } finally {
      p.destroyForcibly();
    }
  }

  private static void copy(Process p, ByteArrayOutputStream to) {
    try (var in = p.getErrorStream()) {
      in.transferTo(to);
    } catch (IOException ignored) {
      // The process ended.
    }
  }
}
