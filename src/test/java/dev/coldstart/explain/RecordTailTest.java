package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder's output read while it is written: same log as reading it at the end. */
class RecordTailTest {
  @TempDir Path tmp;

  private static String call(int seq) {
    return "{\"type\":\"call\",\"seq\":" + seq + ",\"depth\":0,\"kind\":\"import\",\"importer\":\"__main__\","
        + "\"file\":\"/p/main.py\",\"line\":" + seq + ",\"statement\":null,\"name\":\"m" + seq
        + "\",\"fromlist\":[],\"level\":0,\"absolute\":\"m" + seq + "\",\"modules\":[],\"ok\":true,\"error\":null}\n";
  }

  private static final String START = "{\"type\":\"start\",\"version\":[3,12,1],\"preloaded\":[\"sys\"]}\n";
  private static final String END =
      "{\"type\":\"end\",\"reason\":\"return\",\"modules\":[{\"name\":\"sys\",\"kind\":\"builtin\"}],\"lines\":[]}\n";

  /** Writes {@code text} in pieces that cut records (and UTF-8 sequences) anywhere, with pauses. */
  private static void writeSlowly(Path file, String text) throws IOException, InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int at = 0; at < bytes.length; at += 37) {
        out.write(bytes, at, Math.min(37, bytes.length - at));
        out.flush();
        if (at % (37 * 20) == 0) {
          Thread.sleep(2);
        }
      }
    }
  }

  @Test
  void readingWhileWrittenGivesTheSameLogAsReadingAtTheEnd() throws Exception {
    StringBuilder text = new StringBuilder(START);
    for (int i = 1; i <= 300; i++) {
      text.append(call(i).replace("main.py", "mäin-€.py"));
    }
    text.append(END);
    Path file = tmp.resolve("imports.jsonl");
    RecordTail tail = RecordTail.follow(file);
    Thread.sleep(20); // the file does not exist yet: the tail waits for it
    writeSlowly(file, text.toString());
    ImportLog log = tail.stop().finish();
    ImportLog whole = ImportLog.parse(text.toString());
    assertThat(log.calls()).hasSize(300).isEqualTo(whole.calls());
    assertThat(log.calls().get(7).file()).isEqualTo("/p/mäin-€.py");
    assertThat(log.complete()).isTrue();
    assertThat(log.modules()).isEqualTo(whole.modules());
  }

  @Test
  void theEndRecordAndAllAfterItAreLeftForFinishInOrder() throws Exception {
    StringBuilder text = new StringBuilder(START);
    for (int i = 1; i <= 50; i++) {
      text.append(call(i));
    }
    // An atexit handler imports after the first end; an update end follows.
    text.append(END).append(call(51));
    text.append(
        "{\"type\":\"end\",\"reason\":\"atexit\",\"update\":true,"
            + "\"modules\":[{\"name\":\"atexit\",\"kind\":\"builtin\"}],\"gone\":[],\"lines\":[]}\n");
    Path file = tmp.resolve("atexit.jsonl");
    RecordTail tail = RecordTail.follow(file);
    writeSlowly(file, text.toString());
    Thread.sleep(10 * RecordTail.POLL_MS); // let the tail see all of it before stop()
    RecordTail.Stopped stopped = tail.stop();
    // However far the tail got, the end record is never parsed while following.
    assertThat(stopped.rest()).contains(END).endsWith("\"lines\":[]}\n");
    ImportLog log = stopped.finish();
    ImportLog whole = ImportLog.parse(text.toString());
    assertThat(log.calls()).hasSize(51).isEqualTo(whole.calls());
    assertThat(log.modules()).isEqualTo(whole.modules());
    assertThat(log.modules()).extracting(ImportLog.LoadedModule::name).contains("sys", "atexit");
  }

  @Test
  void aCutLastRecordIsIgnoredAndADamagedOneInTheMiddleIsNot() throws Exception {
    Path cut = tmp.resolve("cut.jsonl");
    RecordTail tail = RecordTail.follow(cut);
    writeSlowly(cut, START + call(1) + "{\"type\":\"ca");
    ImportLog log = tail.stop().finish();
    assertThat(log.calls()).hasSize(1);
    assertThat(log.complete()).isFalse();

    Path damaged = tmp.resolve("damaged.jsonl");
    RecordTail tail2 = RecordTail.follow(damaged);
    writeSlowly(damaged, START + "{not json\n" + call(2) + END);
    RecordTail.Stopped stopped = tail2.stop();
    assertThatThrownBy(stopped::finish).isInstanceOf(UserError.class).hasMessageContaining("damaged at line 2");
  }

  @Test
  void aFileNeverWrittenGivesNothingToParse() {
    RecordTail.Stopped s = RecordTail.follow(tmp.resolve("never.jsonl")).stop();
    assertThatThrownBy(s::finish).isInstanceOf(UserError.class).hasMessageContaining("did not start");
  }
}
