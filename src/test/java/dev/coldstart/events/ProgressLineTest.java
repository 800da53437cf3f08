package dev.coldstart.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final StringWriter screen = new StringWriter();
  private long now;

  private ProgressLine line(boolean terminal) {
    return new ProgressLine(new PrintWriter(screen), terminal, () -> now);
  }

  private static Event started(int i) {
    return new Event.RunStarted(i, 20, "measure", Instant.EPOCH);
  }

  private static Event finished(int i) {
    return new Event.RunFinished(i, 20, "measure", 400, 10, true);
  }

  @Test
  void writesNothingWhenTheStreamIsNotATerminal() {
    ProgressLine progress = line(false);
    progress.onEvent(started(1));
    progress.onEvent(finished(1));
    progress.onEvent(new Event.Done("ok"));
    progress.onClose();
    assertThat(screen.toString()).isEmpty();
  }

  @Test
  void showsRunNumberThenTimeLeftFromTheMeanRun() {
    ProgressLine progress = line(true);
    for (int i = 1; i <= 6; i++) {
      progress.onEvent(started(i));
      now += TimeUnit.MILLISECONDS.toNanos(500);
      progress.onEvent(finished(i));
    }
    progress.onEvent(started(7));
    // 6 runs in 3 s: 0.5 s each, 14 to go.
    assertThat(progress.text()).isEqualTo("run 7/20, ~7 s left");
    assertThat(screen.toString()).startsWith("\rrun 1/20\r").endsWith("\rrun 7/20, ~7 s left");
  }

  @Test
  void shorterLineCoversTheLongerOneAndDoneClearsIt() {
    ProgressLine progress = line(true);
    progress.onEvent(started(1));
    now += TimeUnit.SECONDS.toNanos(100);
    progress.onEvent(finished(1)); // "run 1/20, ~31 min 40 s left"
    now += TimeUnit.SECONDS.toNanos(1);
    progress.onEvent(new Event.Warning("slow disk"));
    screen.getBuffer().setLength(0);
    progress.onEvent(new Event.RunStarted(2, 0, "measure", Instant.EPOCH)); // total unknown
    assertThat(screen.toString()).isEqualTo("\rrun 2, 1 warning" + " ".repeat(22));
    screen.getBuffer().setLength(0);
    progress.onEvent(new Event.Done("done"));
    assertThat(screen.toString()).isEqualTo("\r" + " ".repeat(16) + "\r");
    screen.getBuffer().setLength(0);
    progress.onClose(); // already clear: nothing more
    assertThat(screen.toString()).isEmpty();
  }

  @Test
  void closeClearsALineLeftByAnInterruptedRun() {
    ProgressLine progress = line(true);
    progress.onEvent(started(3));
    progress.onClose();
    assertThat(screen.toString()).isEqualTo("\rrun 3/20\r        \r");
  }

  @Test
  void timeLeftReadsNaturally() {
    assertThat(ProgressLine.describeLeft(TimeUnit.MILLISECONDS.toNanos(400))).isEqualTo("<1 s");
    assertThat(ProgressLine.describeLeft(TimeUnit.SECONDS.toNanos(3))).isEqualTo("~3 s");
    assertThat(ProgressLine.describeLeft(TimeUnit.SECONDS.toNanos(120))).isEqualTo("~2 min");
    assertThat(ProgressLine.describeLeft(TimeUnit.SECONDS.toNanos(125))).isEqualTo("~2 min 5 s");
    assertThat(ProgressLine.describeLeft(TimeUnit.SECONDS.toNanos(3 * 3600 + 60 * 7)))
        .isEqualTo("~3 h 7 min");
  }
}
