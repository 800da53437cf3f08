package dev.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SideWorkTest {

  @Test
  void withASpareCpuTheWorkRunsOnItsOwnThreadBeforeAnyoneAsks() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    SideWork<Integer> w =
        SideWork.start(
            "test",
            () -> {
              thread.set(Thread.currentThread().getName());
              ran.countDown();
              return 42;
            },
            true);
    assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran without join").isTrue();
    assertThat(w.join()).isEqualTo(42);
    assertThat(thread.get()).isEqualTo("coldstart-side test").isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void sideWorkRunsOneTaskAtATimeInTheOrderStarted() {
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    java.util.List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.List<SideWork<Integer>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      all.add(
          SideWork.start(
              "n" + i,
              () -> {
                most.accumulateAndGet(busy.incrementAndGet(), Math::max);
                order.add(n);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                busy.decrementAndGet();
                return n;
              },
              true));
    }
    // A join may run a task itself, so the lane is left to finish alone before anything is joined.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (order.size() < 8 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    for (SideWork<Integer> w : all) {
      w.join();
    }
    assertThat(most).hasValue(1);
    assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void workOnTheLaneMayJoinWorkStartedAfterIt() {
    AtomicReference<SideWork<String>> later = new AtomicReference<>();
    CountDownLatch laterStarted = new CountDownLatch(1);
    SideWork<String> first =
        SideWork.start(
            "first",
            () -> {
              try {
                laterStarted.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return "first+" + later.get().join();
            },
            true);
    later.set(SideWork.start("later", () -> "later", true));
    laterStarted.countDown();
    assertThat(first.join()).isEqualTo("first+later");
  }

  @Test
  void droppedWorkThatHasNotStartedNeverRuns() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    SideWork<String> blocker =
        SideWork.start(
            "blocker",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "blocked";
            },
            true);
    AtomicInteger runs = new AtomicInteger();
    for (boolean spare : new boolean[] {true, false}) {
      SideWork<Integer> w = SideWork.start("dropped", runs::incrementAndGet, spare);
      w.drop();
      assertThatThrownBy(w::join).isInstanceOf(java.util.concurrent.CancellationException.class);
    }
    release.countDown();
    assertThat(blocker.join()).isEqualTo("blocked");
    assertThat(runs).hasValue(0);
  }

  @Test
  void droppingWorkThatIsRunningLetsItFinish() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    SideWork<Integer> w =
        SideWork.start(
            "running",
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return finished.incrementAndGet();
            },
            true);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    w.drop();
    release.countDown();
    assertThat(w.join()).isEqualTo(1);
    assertThat(finished).hasValue(1);
  }

  @Test
  void withoutASpareCpuTheWorkWaitsForTheFirstJoinAndRunsOnce() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Thread> thread = new AtomicReference<>();
    SideWork<String> w =
        SideWork.start(
            "test",
            () -> {
              runs.incrementAndGet();
              thread.set(Thread.currentThread());
              return "done";
            },
            false);
    Thread.sleep(50);
    assertThat(runs).hasValue(0);
    assertThat(w.join()).isEqualTo("done");
    assertThat(w.join()).isEqualTo("done");
    assertThat(runs).hasValue(1);
    assertThat(thread.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void aFailureReachesTheCallerAsItWasThrownEitherWay() {
    for (boolean spare : new boolean[] {true, false}) {
      SideWork<Object> w =
          SideWork.start("test", () -> { throw new IllegalStateException("broken " + spare); }, spare);
      assertThatThrownBy(w::join).isInstanceOf(IllegalStateException.class).hasMessage("broken " + spare);
      assertThatThrownBy(w::join).as("again").isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void anInterruptDoesNotCutTheWaitShortAndIsKept() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    SideWork<String> w =
        SideWork.start(
            "test",
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return "finished";
            },
            true);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue(); // on the lane, not run by join
    Thread.currentThread().interrupt();
    Thread.ofPlatform().start(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release.countDown();
    });
    assertThat(w.join()).isEqualTo("finished");
    assertThat(Thread.interrupted()).as("interrupt flag kept (and cleared here)").isTrue();
  }

  @Test
  void theLaneRunsAtTheLowestPriorityOnLinux() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))
            && new ProcessBuilder("renice", "--version").start().waitFor() == 0,
        "Linux with util-linux renice");
    // /proc/thread-self/stat: field 19 is the nice value (after the command name in parentheses).
    CountDownLatch ran = new CountDownLatch(1);
    SideWork<String> w =
        SideWork.start(
            "nice",
            () -> {
              String stat = readStat();
              ran.countDown();
              return stat;
            },
            true);
    assertThat(ran.await(10, TimeUnit.SECONDS)).as("ran on the lane, not by join").isTrue();
    String stat = w.join();
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    assertThat(fields[19 - 3]).isEqualTo("19");
  }

  private static String readStat() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void whileTheLaneIsHeldQuietNoSideWorkRunsAndQuietWaitsForTheTaskRunningNow() throws InterruptedException {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    SideWork<Integer> first =
        SideWork.start(
            "running when quiet is asked",
            () -> {
              running.incrementAndGet();
              firstStarted.countDown();
              try {
                releaseFirst.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              running.decrementAndGet();
              return 1;
            },
            true);
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // quiet() must not return while the first task still runs.
    CountDownLatch quietHeld = new CountDownLatch(1);
    AtomicReference<SideWork.Quiet> held = new AtomicReference<>();
    Thread measurer =
        Thread.ofPlatform()
            .start(
                () -> {
                  held.set(SideWork.quiet());
                  quietHeld.countDown();
                });
    assertThat(quietHeld.await(200, TimeUnit.MILLISECONDS)).as("quiet waits for the running task").isFalse();
    releaseFirst.countDown();
    assertThat(quietHeld.await(10, TimeUnit.SECONDS)).isTrue();
    measurer.join();
    assertThat(running).hasValue(0);
    AtomicInteger ranDuringQuiet = new AtomicInteger();
    SideWork<Integer> queued =
        SideWork.start(
            "queued while quiet",
            () -> {
              ranDuringQuiet.incrementAndGet();
              return 2;
            },
            true);
    Thread.sleep(200);
    assertThat(ranDuringQuiet).as("nothing starts on the lane while it is held").hasValue(0);
    held.get().close();
    assertThat(first.join()).isEqualTo(1);
    assertThat(queued.join()).isEqualTo(2);
    assertThat(ranDuringQuiet).hasValue(1);
  }

  @Test
  void workQueuedWhileQuietCanBeJoinedOnTheCallersThread() {
    try (SideWork.Quiet q = SideWork.quiet()) {
      AtomicReference<String> thread = new AtomicReference<>();
      SideWork<Integer> w =
          SideWork.start(
              "joined while quiet",
              () -> {
                thread.set(Thread.currentThread().getName());
                return 3;
              },
              true);
      assertThat(w.join()).isEqualTo(3);
      assertThat(thread.get()).isEqualTo(Thread.currentThread().getName());
    }
  }

  @Test
  void aKnownValueIsReturnedAsIs() {
    assertThat(SideWork.done("x").join()).isEqualTo("x");
    assertThat(SideWork.done(null).join()).isNull();
  }
}
