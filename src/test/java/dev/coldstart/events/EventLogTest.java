package dev.coldstart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  private static final List<Event> ONE_OF_EACH =
      List.of(
          new Event.RunStarted(1, 20, "measure", Instant.parse("2025-01-02T03:04:05.678Z")),
          new Event.RunFinished(1, 20, "measure", 123.456, 560, true),
          new Event.Warning("run 3 printed to stderr: \"oops\"\nsecond line"),
          new Event.Done("20 runs, 0 failed"));

  @Test
  void everyEventTypeRoundTripsThroughOneJsonLine() {
    for (Event event : ONE_OF_EACH) {
      String line = EventLog.toJson(event);
      assertThat(line).doesNotContain("\n").startsWith("{\"type\":\"" + EventLog.typeOf(event) + "\"");
      assertThat(EventLog.fromJson(line)).isEqualTo(event);
    }
  }

  @Test
  void linesAreReadableJsonWithIsoInstants() {
    assertThat(EventLog.toJson(ONE_OF_EACH.get(0)))
        .isEqualTo(
            "{\"type\":\"run_started\",\"index\":1,\"total\":20,\"kind\":\"measure\","
                + "\"at\":\"2025-01-02T03:04:05.678Z\"}");
    assertThat(EventLog.toJson(ONE_OF_EACH.get(1)))
        .isEqualTo(
            "{\"type\":\"run_finished\",\"index\":1,\"total\":20,\"kind\":\"measure\","
                + "\"wallMs\":123.456,\"modules\":560,\"ok\":true}");
  }

  @Test
  void writerFlushesEachEventBeforeReturning(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("sub/events.jsonl");
    EventLogWriter writer = EventLogWriter.open(log);
    List<Event> written = new ArrayList<>();
    for (Event event : ONE_OF_EACH) {
      writer.onEvent(event);
      written.add(event);
      // Still open, nothing closed or flushed by us: the file already holds every line.
      assertThat(EventLog.read(log)).containsExactlyElementsOf(written);
    }
    writer.onClose();
  }

  @Test
  void tornLastLineIsIgnoredAndOtherBadLinesAreErrors(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("events.jsonl");
    String good = EventLog.toJson(ONE_OF_EACH.get(1)) + "\n";
    Files.writeString(log, good + "{\"type\":\"run_fin", StandardCharsets.UTF_8);
    assertThat(EventLog.read(log)).containsExactly(ONE_OF_EACH.get(1));
    Files.writeString(log, good + "{\"type\":\"run_fin\n" + good, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EventLog.read(log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event");
    assertThatThrownBy(() -> EventLog.fromJson("{\"type\":\"party\"}"))
        .hasMessageContaining("unknown event type 'party'");
  }

  // An interrupted run leaves a complete record. A separate JVM publishes
  // through the bus into the log and is killed without warning; every line it finished is there.
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void killedProcessLeavesACompleteLogUpToItsLastEvent(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("events.jsonl");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EndlessPublisher.class.getName(),
                log.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.out").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (lineCount(log) < 200 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(child.isAlive()).as("publisher still running").isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
      child.waitFor(10, TimeUnit.SECONDS);
    }
    List<Event> events = EventLog.read(log);
    assertThat(events.size()).isGreaterThanOrEqualTo(200);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i)).isEqualTo(EndlessPublisher.event(i + 1));
    }
  }

  private static long lineCount(Path log) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    return Files.readString(log, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
  }
}
