package dev.coldstart.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventBusTest {

  private static Event run(int i, int total) {
    return new Event.RunFinished(i, total, "measure", 12.5 + i, 100 + i, i % 7 != 0);
  }

  // Teardown must drain every event, no truncated logs.
  @Test
  void closeDrainsEveryEventToEveryListener(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("events.jsonl");
    List<Event> counted = new CopyOnWriteArrayList<>();
    List<Event> published = new ArrayList<>();
    EventBus bus = new EventBus();
    bus.subscribe("log", EventLogWriter.open(log));
    bus.subscribe("slow", event -> Thread.sleep(0, 100_000));
    bus.subscribe("count", counted::add);
    for (int i = 1; i <= 5_000; i++) {
      Event event = i % 1000 == 0 ? new Event.Warning("w" + i) : run(i, 5_000);
      published.add(event);
      bus.publish(event);
    }
    bus.publish(new Event.Done("5000 runs"));
    published.add(new Event.Done("5000 runs"));
    assertThat(bus.close(Duration.ofSeconds(30))).isTrue();
    assertThat(counted).containsExactlyElementsOf(published);
    assertThat(EventLog.read(log)).containsExactlyElementsOf(published);
    assertThat(bus.problems()).isEmpty();
  }

  // The producer never waits for a listener. A producer that does 50 µs of work per
  // event (a stand-in for measuring) runs with and without a listener that never returns; its
  // rates are compared within one test run (a ratio, not absolute times). Bare publish rates are
  // printed too: with nothing else to do, the stuck listener's growing backlog is what they show.
  @Test
  void listenerThatNeverReturnsDoesNotSlowTheProducer() throws Exception {
    long workWithout = Long.MAX_VALUE;
    long workWith = Long.MAX_VALUE;
    long bareWithout = Long.MAX_VALUE;
    long bareWith = Long.MAX_VALUE;
    for (int round = 0; round < 7; round++) {
      workWithout = Math.min(workWithout, produceTime(2_000, 50_000, false));
      workWith = Math.min(workWith, produceTime(2_000, 50_000, true));
    }
    for (int round = 0; round < 3; round++) {
      bareWithout = Math.min(bareWithout, produceTime(100_000, 0, false));
      bareWith = Math.min(bareWith, produceTime(100_000, 0, true));
    }
    double ratio = (double) workWithout / workWith; // rate with the stuck listener / rate without
    System.out.printf(
        "2000 events with 50 us of work each: %.1f ms without a stuck listener, %.1f ms with one,"
            + " rate ratio %.3f%n",
        workWithout / 1e6, workWith / 1e6, ratio);
    System.out.printf(
        "100000 bare publishes: %.1f ms without, %.1f ms with a stuck listener (backlog grows),"
            + " rate ratio %.2f%n",
        bareWithout / 1e6, bareWith / 1e6, (double) bareWithout / bareWith);
    // A producer that waited for the stuck listener would never finish (the test would time out);
    // one slowed by it would show a ratio well under 1. The margin is wide because this machine's
    // two cores are shared with other builds; quiet runs give about 1.0.
    assertThat(ratio).isGreaterThan(0.5);
  }

  /** Nanoseconds to publish {@code events}, each after {@code workNanos} of busy work. */
  private static long produceTime(int events, long workNanos, boolean withStuckListener)
      throws Exception {
    EventBus bus = new EventBus();
    AtomicLong seen = new AtomicLong();
    CountDownLatch release = new CountDownLatch(1);
    bus.subscribe("count", event -> seen.incrementAndGet());
    if (withStuckListener) {
      bus.subscribe("stuck", event -> release.await());
    } else {
      bus.subscribe("count2", event -> seen.incrementAndGet());
    }
    Event event = run(1, events);
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      long until = System.nanoTime() + workNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      bus.publish(event);
    }
    long elapsed = System.nanoTime() - start;
    release.countDown(); // let the stuck listener go, so close drains it and nothing leaks
    assertThat(bus.close(Duration.ofSeconds(30))).isTrue();
    assertThat(seen.get()).isEqualTo(withStuckListener ? events : 2L * events);
    return elapsed;
  }

  @Test
  void closeIsIdempotent() {
    List<String> closes = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus();
    bus.subscribe(
        "once",
        new EventBus.Listener() {
          @Override
          public void onEvent(Event event) {}

          @Override
          public void onClose() {
            closes.add("closed");
          }
        });
    bus.publish(new Event.Done("x"));
    bus.close();
    bus.close();
    assertThat(bus.close(Duration.ZERO)).isTrue();
    assertThat(closes).containsExactly("closed");
  }

  @Test
  void noThreadOutlivesTheBus(@TempDir Path dir) throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EventBus bus = new EventBus();
    bus.subscribe("log", EventLogWriter.open(dir.resolve("e.jsonl")));
    bus.subscribe("progress", new ProgressLine(new java.io.PrintWriter(new java.io.StringWriter()), true));
    bus.subscribe("bounded", event -> {}, 4, Channel.Overflow.DROP_OLDEST);
    bus.subscribe("left early", event -> {}).close();
    for (int i = 1; i <= 100; i++) {
      bus.publish(run(i, 100));
    }
    assertThat(newThreads(before)).hasSizeGreaterThanOrEqualTo(3);
    bus.close();
    assertThat(newThreads(before)).isEmpty();
  }

  private static Set<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(name -> name.startsWith("coldstart-events-"))
        .collect(Collectors.toSet());
  }

  @Test
  void throwingListenerIsIsolatedAndReported() {
    List<String> reported = new CopyOnWriteArrayList<>();
    List<Event> healthy = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus(reported::add);
    bus.subscribe(
        "broken",
        event -> {
          if (event instanceof Event.Warning) {
            throw new IllegalStateException("disk full");
          }
        });
    bus.subscribe("healthy", healthy::add);
    bus.publish(run(1, 3));
    bus.publish(new Event.Warning("careful"));
    bus.publish(run(2, 3));
    bus.publish(run(3, 3));
    assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
    assertThat(healthy).hasSize(4);
    assertThat(reported)
        .containsExactly("listener 'broken' failed on warning and gets no further events: disk full");
    assertThat(bus.problems()).isEqualTo(reported);
  }

  @Test
  void listenerStillBusyAfterTheGraceIsInterruptedAndReported() {
    EventBus bus = new EventBus();
    bus.subscribe("sleeper", event -> Thread.sleep(Long.MAX_VALUE));
    bus.publish(new Event.Warning("wake up"));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    long start = System.nanoTime();
    assertThat(bus.close(Duration.ofMillis(200))).isFalse(); // not every listener finished in time
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(bus.problems())
        .first()
        .asString()
        .contains("'sleeper' had not finished 0 s after close; interrupting it");
    // It obeyed the interrupt: its thread is gone.
    assertThat(before.stream().filter(t -> t.getName().equals("coldstart-events-sleeper")))
        .allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void publishAndSubscribeAfterCloseFailClearly() {
    EventBus bus = new EventBus();
    bus.close();
    assertThatThrownBy(() -> bus.publish(new Event.Done("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> bus.subscribe("late", event -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void boundedSubscriptionDropsByItsPolicyAndCountsDrops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    List<Event> got = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus();
    EventBus.Subscription viewer =
        bus.subscribe(
            "viewer",
            event -> {
              holding.countDown();
              release.await();
              got.add(event);
            },
            2,
            Channel.Overflow.DROP_OLDEST);
    bus.publish(run(1, 5));
    holding.await(); // run 1 is in the listener's hands; the backlog is empty
    for (int i = 2; i <= 5; i++) {
      bus.publish(run(i, 5));
    }
    release.countDown();
    bus.close();
    assertThat(got).containsExactly(run(1, 5), run(4, 5), run(5, 5));
    assertThat(viewer.dropped()).isEqualTo(2);
  }

  @Test
  void unsubscribedListenerStillGetsWhatWasPublishedBefore() {
    List<Event> got = new CopyOnWriteArrayList<>();
    EventBus bus = new EventBus();
    EventBus.Subscription sub = bus.subscribe("leaver", got::add);
    bus.publish(run(1, 2));
    sub.close();
    bus.publish(run(2, 2));
    bus.close();
    assertThat(got).containsExactly(run(1, 2));
  }

  @Test
  void eventsCarryTheirNumbers() {
    Event.RunStarted started = new Event.RunStarted(7, 20, "measure", Instant.EPOCH);
    assertThat(started.index()).isEqualTo(7);
    assertThatThrownBy(() -> new Event.Warning(null)).isInstanceOf(NullPointerException.class);
  }
}
