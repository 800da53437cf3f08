package dev.coldstart.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of the original thread-to-async queue (Opentrons ThreadAsyncQueue, github.com/Opentrons/opentrons pull 9238), one
 * scenario per test, plus the parts this channel adds: idempotent close, waking every reader,
 * cancellation without loss, bounded overflow policies.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ChannelContractTest {

  // Opentrons' test_basic_single_threaded_behavior, first half.
  @Test
  void putAfterCloseFailsClearly() {
    Channel<Integer> channel = Channel.unbounded();
    try (channel) {
      channel.put(1);
    }
    assertThatThrownBy(() -> channel.put(4))
        .isInstanceOf(ChannelClosedException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> channel.put(5)).isInstanceOf(ChannelClosedException.class);
  }

  // Seed: closing twice raised there; here close is idempotent, as the brief asks.
  @Test
  void closingTwiceChangesNothing() throws InterruptedException {
    Channel<Integer> channel = Channel.unbounded();
    channel.put(1);
    channel.close();
    channel.close();
    assertThat(channel.isClosed()).isTrue();
    assertThat(channel.get()).isEqualTo(1);
    assertThatThrownBy(channel::get).isInstanceOf(ChannelClosedException.class);
  }

  // Opentrons' test_basic_single_threaded_behavior, second half.
  @Test
  void closedChannelDrainsInOrderThenSignalsEndEveryTime() throws InterruptedException {
    Channel<Integer> channel = Channel.unbounded();
    try (channel) {
      channel.put(1);
      channel.put(2);
      channel.put(3);
    }
    assertThat(List.of(channel.get(), channel.get(), channel.get())).containsExactly(1, 2, 3);
    // A close done as a sentinel item would end the first reader only; the end must persist.
    assertThatThrownBy(channel::get).isInstanceOf(ChannelClosedException.class);
    assertThatThrownBy(channel::get).isInstanceOf(ChannelClosedException.class);
    assertThat(channel.getAsync()).isCompletedExceptionally();
  }

  // Seed: get_until_closed.
  @Test
  void iterationYieldsEveryItemThenStopsAtClose() {
    Channel<String> channel = Channel.unbounded();
    channel.put("a");
    channel.put("b");
    channel.close();
    List<String> seen = new ArrayList<>();
    for (String s : channel) {
      seen.add(s);
    }
    assertThat(seen).containsExactly("a", "b");
    assertThat(channel.stream().toList()).isEmpty();
  }

  @Test
  void streamWaitsForItemsPutLaterFromAnotherThread() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<List<Integer>> reader = pool.submit(() -> channel.stream().toList());
      for (int i = 0; i < 100; i++) {
        channel.put(i);
      }
      channel.close();
      assertThat(reader.get(10, TimeUnit.SECONDS))
          .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  // Seed: test_multi_thread_producer_consumer (3 producers, 3 consumers, 30,000 values each).
  @Test
  void manyThreadsPassEveryValueOnceInProducerOrder() throws Exception {
    List<List<Tagged>> perConsumer =
        Traffic.run(Channel.unbounded(), 3, 30_000, 3, 0, 0.0, 1L);
    Traffic.assertEveryValueOnceInProducerOrder(perConsumer, 3, 30_000);
  }

  // Seed: test_async. Producer and consumer share one event-loop thread; a getAsync that blocked
  // the loop would deadlock this test.
  @Test
  void asyncConsumerOnTheProducersEventLoopReceivesEverything() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      List<Integer> consumed = new ArrayList<>(); // touched only by the loop thread
      CompletableFuture<Void> consumer = channel.forEachAsync(consumed::add, loop);
      CompletableFuture<Void> producer = new CompletableFuture<>();
      loop.execute(new AsyncProducer(channel, 1000, loop, producer));
      producer.get(10, TimeUnit.SECONDS);
      consumer.get(10, TimeUnit.SECONDS);
      assertThat(consumed).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
    } finally {
      loop.shutdownNow();
    }
  }

  /** Puts one value per loop turn, yielding the loop in between, then closes (seed's putting()). */
  private record AsyncProducer(
      Channel<Integer> channel, int count, ExecutorService loop, CompletableFuture<Void> done)
      implements Runnable {
    private static final ThreadLocal<Integer> NEXT = ThreadLocal.withInitial(() -> 0);

    @Override
    public void run() {
      int next = NEXT.get();
      if (next == count) {
        channel.close();
        done.complete(null);
        return;
      }
      channel.put(next);
      NEXT.set(next + 1);
      loop.execute(this);
    }
  }

  @Test
  void getAsyncCompletesWhenAnItemArrives() throws Exception {
    Channel<String> channel = Channel.unbounded();
    CompletableFuture<String> first = channel.getAsync();
    CompletableFuture<String> second = channel.getAsync();
    assertThat(first).isNotDone();
    channel.put("x");
    channel.put("y");
    // Waiting asynchronous readers are served oldest first.
    assertThat(first.get(1, TimeUnit.SECONDS)).isEqualTo("x");
    assertThat(second.get(1, TimeUnit.SECONDS)).isEqualTo("y");
  }

  @Test
  void closeWakesEveryWaitingReaderBlockingAndAsync() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    int blockingReaders = 4;
    ExecutorService pool = Executors.newFixedThreadPool(blockingReaders);
    try {
      CountDownLatch started = new CountDownLatch(blockingReaders);
      List<Future<Throwable>> blocked = new ArrayList<>();
      for (int i = 0; i < blockingReaders; i++) {
        blocked.add(
            pool.submit(
                () -> {
                  started.countDown();
                  try {
                    channel.get();
                    return null;
                  } catch (ChannelClosedException end) {
                    return end;
                  }
                }));
      }
      List<CompletableFuture<Integer>> async = List.of(channel.getAsync(), channel.getAsync());
      started.await();
      waitUntilParked(blocked);
      channel.close();
      for (Future<Throwable> reader : blocked) {
        assertThat(reader.get(5, TimeUnit.SECONDS)).isInstanceOf(ChannelClosedException.class);
      }
      for (CompletableFuture<Integer> reader : async) {
        assertThatThrownBy(() -> reader.get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ChannelClosedException.class);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeDeliversQueuedItemsBeforeTheEnd() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    channel.put(7);
    channel.close();
    assertThat(channel.getAsync().get(1, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(channel.getAsync()).isCompletedExceptionally();
  }

  @Test
  void cancelledAsyncGetLosesNoItem() throws Exception {
    Channel<String> channel = Channel.unbounded();
    CompletableFuture<String> abandoned = channel.getAsync();
    CompletableFuture<String> patient = channel.getAsync();
    assertThat(abandoned.cancel(false)).isTrue();
    channel.put("only");
    assertThat(patient.get(1, TimeUnit.SECONDS)).isEqualTo("only");
    assertThat(abandoned).isCancelled();
  }

  @Test
  void cancelAfterAnItemWasClaimedReturnsFalseAndTheItemArrives() throws Exception {
    Channel<String> channel = Channel.unbounded();
    CompletableFuture<String> reader = channel.getAsync();
    channel.put("mine");
    assertThat(reader.cancel(false)).isFalse();
    assertThat(reader.complete("other")).isFalse();
    assertThat(reader.get(1, TimeUnit.SECONDS)).isEqualTo("mine");
  }

  @Test
  void dependentStagesAreOrdinaryFutures() throws Exception {
    Channel<String> channel = Channel.unbounded();
    CompletableFuture<String> reader = channel.getAsync();
    CompletableFuture<Integer> length = reader.thenApply(String::length);
    // A dependent is not a reader of the channel: completing it leaves the reader waiting.
    assertThat(length.complete(99)).isTrue();
    channel.put("abc");
    assertThat(reader.get(1, TimeUnit.SECONDS)).isEqualTo("abc");
    assertThat(length.join()).isEqualTo(99);
  }

  @Test
  void timedOutAsyncGetLeavesTheLineAndLosesNoItem() throws Exception {
    Channel<String> channel = Channel.unbounded();
    CompletableFuture<String> impatient = channel.getAsync().orTimeout(1, TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> impatient.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class);
    channel.put("kept");
    assertThat(channel.get()).isEqualTo("kept");
  }

  @Test
  void cancelledLoopStillHandlesTheItemAlreadyOnItsWayThenStops() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try {
      // Hold the loop thread so the next item arrives while the loop is being cancelled.
      CountDownLatch release = new CountDownLatch(1);
      loop.execute(() -> awaitQuietly(release));
      List<Integer> seen = new ArrayList<>();
      CompletableFuture<Void> each = channel.forEachAsync(seen::add, loop);
      channel.put(1); // claimed by the loop's pending getAsync; its handler is queued on the loop
      each.cancel(false);
      release.countDown();
      loop.submit(() -> {}).get(5, TimeUnit.SECONDS); // the loop has handled item 1 by now
      channel.put(2);
      channel.close();
      assertThat(seen).containsExactly(1);
      assertThat(channel.stream().toList()).containsExactly(2);
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void loopStopsWithTheActionsFailure() {
    Channel<Integer> channel = Channel.unbounded();
    channel.put(1);
    channel.put(2);
    CompletableFuture<Void> each =
        channel.forEachAsync(
            i -> {
              throw new IllegalArgumentException("bad item " + i);
            },
            Runnable::run);
    assertThat(each).isCompletedExceptionally();
    assertThatThrownBy(each::join).hasRootCauseMessage("bad item 1");
    assertThat(channel.size()).isEqualTo(1);
  }

  @Test
  void interruptedBlockingGetThrowsAndKeepsItems() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                channel.get();
              } catch (Throwable t) {
                seen.set(t);
              }
            });
    reader.start();
    waitUntilWaiting(reader);
    reader.interrupt();
    reader.join(5000);
    assertThat(seen.get()).isInstanceOf(InterruptedException.class);
    channel.put(3);
    assertThat(channel.get()).isEqualTo(3);
  }

  @Test
  void interruptedIterationRestoresTheFlag() throws Exception {
    Channel<Integer> channel = Channel.unbounded();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                channel.iterator().hasNext();
              } catch (Throwable t) {
                seen.set(t);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    reader.start();
    waitUntilWaiting(reader);
    reader.interrupt();
    reader.join(5000);
    assertThat(seen.get()).isInstanceOf(CancellationException.class);
    assertThat(flag.get()).isTrue();
  }

  @Test
  void boundedDropOldestKeepsTheNewestAndCountsDrops() throws InterruptedException {
    Channel<Integer> channel = Channel.bounded(3, Channel.Overflow.DROP_OLDEST);
    for (int i = 1; i <= 5; i++) {
      channel.put(i);
    }
    channel.close();
    assertThat(channel.dropped()).isEqualTo(2);
    assertThat(channel.stream().toList()).containsExactly(3, 4, 5);
  }

  @Test
  void boundedDropNewestKeepsTheOldestAndCountsDrops() {
    Channel<Integer> channel = Channel.bounded(3, Channel.Overflow.DROP_NEWEST);
    for (int i = 1; i <= 5; i++) {
      channel.put(i);
    }
    channel.close();
    assertThat(channel.dropped()).isEqualTo(2);
    assertThat(channel.stream().toList()).containsExactly(1, 2, 3);
  }

  @Test
  void boundedFailRefusesWhenFullAndCountsRefusals() throws InterruptedException {
    Channel<Integer> channel = Channel.bounded(2, Channel.Overflow.FAIL);
    channel.put(1);
    channel.put(2);
    assertThatThrownBy(() -> channel.put(3))
        .isInstanceOf(ChannelFullException.class)
        .hasMessageContaining("2 items");
    assertThat(channel.dropped()).isEqualTo(1);
    assertThat(channel.get()).isEqualTo(1);
    channel.put(3); // room again
    assertThat(channel.size()).isEqualTo(2);
  }

  @Test
  void boundedChannelHandsStraightToWaitingReadersWithoutCountingThem() throws Exception {
    Channel<Integer> channel = Channel.bounded(1, Channel.Overflow.FAIL);
    CompletableFuture<Integer> a = channel.getAsync();
    CompletableFuture<Integer> b = channel.getAsync();
    channel.put(1);
    channel.put(2);
    channel.put(3);
    assertThat(List.of(a.get(), b.get(), channel.get())).containsExactly(1, 2, 3);
    assertThat(channel.dropped()).isZero();
  }

  @Test
  void rejectsNullItemsAndBadCapacity() {
    Channel<String> channel = Channel.unbounded();
    assertThatThrownBy(() -> channel.put(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Channel.bounded(0, Channel.Overflow.FAIL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntilWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
  }

  /** Gives the pool's readers a moment to park; the test is correct without it, only weaker. */
  private static void waitUntilParked(List<? extends Future<?>> readers)
      throws InterruptedException {
    Thread.sleep(50);
    for (Future<?> reader : readers) {
      assertThat(reader).isNotDone();
    }
  }
}
