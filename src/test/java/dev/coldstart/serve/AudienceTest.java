package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.events.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The viewers' backlogs: bounded, never blocking the publisher, complete for a viewer that keeps up. */
class AudienceTest {
  private static Event run(int i) {
    return new Event.RunFinished(i, 0, "target", 12.5, 3, true);
  }

  @Test
  void aViewerStuckInWriteNeitherBlocksThePublisherNorGrows() throws Exception {
    Audience a = new Audience(Duration.ofMillis(1));
    Audience.Viewer stuck = a.join();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OutputStream never =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writing.countDown();
            try {
              release.await(); // A client that never reads: the socket write never returns.
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        a.stream(stuck, never);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    for (int i = 1; i <= 100_000; i++) {
      a.event(run(i));
    }
    double perEventMicros = (System.nanoTime() - t0) / 1e3 / 100_000;
    long[] backlog = a.backlogs().get(0);
    assertThat(backlog[0]).isEqualTo(Audience.BACKLOG);
    assertThat(backlog[1]).isEqualTo(100_000 - Audience.BACKLOG); // the oldest went
    assertThat(perEventMicros).isLessThan(200); // no waiting: a few microseconds, whatever the viewer does
    release.countDown();
    a.close();
    writer.join(10_000);
    assertThat(writer.isAlive()).isFalse();
  }

  @Test
  void aViewerThatKeepsUpGetsEveryEventInOrderAndALateOneStartsFromTheState() throws Exception {
    Audience a = new Audience(Duration.ofMillis(5));
    var info = JsonMapper.builder().build().createObjectNode().put("id", "job-1").put("target", "-c pass");
    a.jobStarted(info);
    a.event(run(1));
    Audience.Viewer late = a.join();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        a.stream(late, out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 2; i <= 1000; i++) {
      a.event(run(i));
      if (i % 100 == 0) {
        Thread.sleep(10);
      }
    }
    a.jobFinished(JsonMapper.builder().build().createObjectNode().put("id", "job-1").put("status", "finished"));
    a.close();
    writer.join(10_000);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("event: state\ndata: {\"job\":{\"id\":\"job-1\"");
    assertThat(text.substring(0, text.indexOf("\n\n"))).contains("\"index\":1,");
    int last = 1;
    for (String block : text.split("\n\n")) {
      if (block.startsWith("event: run_finished")) {
        int index = Integer.parseInt(block.replaceAll("(?s).*\"index\":(\\d+).*", "$1"));
        assertThat(index).isEqualTo(last + 1);
        last = index;
      }
    }
    assertThat(last).isEqualTo(1000);
    assertThat(text).doesNotContain("event: dropped").endsWith("event: job_finished\ndata: {\"id\":\"job-1\",\"status\":\"finished\"}\n\n");
    assertThat(a.viewers()).isZero();
  }

  @Test
  void aViewerThatWentAwayIsForgotten() throws Exception {
    Audience a = new Audience(Duration.ofMillis(1));
    Audience.Viewer v = a.join();
    OutputStream gone =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }
        };
    a.stream(v, gone);
    assertThat(a.viewers()).isZero();
    a.event(run(1)); // Publishing to nobody is fine.
  }
}
