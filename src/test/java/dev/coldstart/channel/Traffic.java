package dev.coldstart.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many producers and consumers on one channel: blocking consumers iterate, asynchronous ones call
 * {@code getAsync} and cancel a share of their futures at random moments. Returns what each
 * consumer received, in the order it received it.
 */
final class Traffic {
  private Traffic() {}

  static List<List<Tagged>> run(
      Channel<Tagged> channel,
      int producers,
      int valuesPerProducer,
      int blockingConsumers,
      int asyncConsumers,
      double cancelShare,
      long seed)
      throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(producers + blockingConsumers + asyncConsumers);
    try {
      List<Future<List<Tagged>>> consumers = new ArrayList<>();
      for (int c = 0; c < blockingConsumers; c++) {
        consumers.add(pool.submit(() -> channel.stream().toList()));
      }
      for (int c = 0; c < asyncConsumers; c++) {
        SplittableRandom random = new SplittableRandom(seed * 31 + c);
        consumers.add(pool.submit(() -> consumeAsync(channel, cancelShare, random)));
      }
      // Close only after every producer finished, even if one failed, so consumers always end.
      try (channel) {
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
          int producer = p;
          running.add(
              pool.submit(
                  () -> {
                    for (int v = 0; v < valuesPerProducer; v++) {
                      channel.put(new Tagged(producer, v));
                    }
                  }));
        }
        for (Future<?> producer : running) {
          producer.get(60, TimeUnit.SECONDS);
        }
      }
      List<List<Tagged>> results = new ArrayList<>();
      for (Future<List<Tagged>> consumer : consumers) {
        results.add(consumer.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What producers got accepted before a racing close, and what consumers received. */
  record Outcome(List<Tagged> accepted, List<Tagged> received) {}

  /**
   * Producers put (up to 5,000 items each) until the channel refuses; a closer closes it after a random short moment while
   * asynchronous consumers (cancelling a share of their gets) read until the end.
   */
  static Outcome closeWhileBusy(
      Channel<Tagged> channel, int producers, int asyncConsumers, double cancelShare, long seed)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(producers + asyncConsumers);
    try {
      List<Future<List<Tagged>>> consumers = new ArrayList<>();
      for (int c = 0; c < asyncConsumers; c++) {
        SplittableRandom random = new SplittableRandom(seed * 131 + c);
        consumers.add(pool.submit(() -> consumeAsync(channel, cancelShare, random)));
      }
      List<Future<List<Tagged>>> producing = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        producing.add(
            pool.submit(
                () -> {
                  List<Tagged> accepted = new ArrayList<>();
                  for (int v = 0; v < 5_000; v++) {
                    Tagged item = new Tagged(producer, v);
                    try {
                      channel.put(item);
                    } catch (ChannelClosedException closed) {
                      return accepted;
                    }
                    accepted.add(item);
                  }
                  return accepted;
                }));
      }
      long pause = new SplittableRandom(seed).nextLong(50_000, 500_000);
      long until = System.nanoTime() + pause;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      channel.close();
      List<Tagged> accepted = new ArrayList<>();
      for (Future<List<Tagged>> producer : producing) {
        accepted.addAll(producer.get(60, TimeUnit.SECONDS));
      }
      List<Tagged> received = new ArrayList<>();
      for (Future<List<Tagged>> consumer : consumers) {
        received.addAll(consumer.get(60, TimeUnit.SECONDS));
      }
      return new Outcome(accepted, received);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Tagged> consumeAsync(
      Channel<Tagged> channel, double cancelShare, SplittableRandom random) {
    List<Tagged> got = new ArrayList<>();
    while (true) {
      CompletableFuture<Tagged> next = channel.getAsync();
      if (random.nextDouble() < cancelShare) {
        // Spin a random moment so the cancel lands before, during or after a hand-off.
        for (int i = random.nextInt(200); i > 0; i--) {
          Thread.onSpinWait();
        }
        if (next.cancel(false)) {
          continue;
        }
      }
      try {
        got.add(next.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof ChannelClosedException) {
          return got;
        }
        throw e;
      }
    }
  }

  /** Nothing lost, nothing duplicated, and each consumer saw each producer's values ascending. */
  static void assertEveryValueOnceInProducerOrder(
      List<List<Tagged>> perConsumer, int producers, int valuesPerProducer) {
    boolean[][] seen = new boolean[producers][valuesPerProducer];
    long total = 0;
    for (List<Tagged> consumed : perConsumer) {
      int[] last = new int[producers];
      java.util.Arrays.fill(last, -1);
      for (Tagged t : consumed) {
        assertThat(seen[t.producer()][t.value()]).as("duplicate %s", t).isFalse();
        seen[t.producer()][t.value()] = true;
        assertThat(t.value()).as("order of producer %d", t.producer()).isGreaterThan(last[t.producer()]);
        last[t.producer()] = t.value();
        total++;
      }
    }
    assertThat(total).as("values received").isEqualTo((long) producers * valuesPerProducer);
  }
}
