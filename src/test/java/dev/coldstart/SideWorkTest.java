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
    assertThat(thread.get()).isEqualTo("coldstart-test").isNotEqualTo(Thread.currentThread().getName());
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
  void anInterruptDoesNotCutTheWaitShortAndIsKept() {
    CountDownLatch release = new CountDownLatch(1);
    SideWork<String> w =
        SideWork.start(
            "test",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return "finished";
            },
            true);
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
  void aKnownValueIsReturnedAsIs() {
    assertThat(SideWork.done("x").join()).isEqualTo("x");
    assertThat(SideWork.done(null).join()).isNull();
  }
}
