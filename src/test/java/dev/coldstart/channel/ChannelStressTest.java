package dev.coldstart.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many producers and consumers at once, blocking and asynchronous, with random cancellations:
 * nothing lost, nothing duplicated, each producer's order kept. Sized to run in a few seconds on
 * two shared cores; each test repeats with several seeds so interleavings vary.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelStressTest {

  @Test
  void blockingAndAsyncReadersWithRandomCancellationsLoseAndDuplicateNothing() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      List<List<Tagged>> got = Traffic.run(Channel.unbounded(), 4, 20_000, 2, 4, 0.3, seed);
      Traffic.assertEveryValueOnceInProducerOrder(got, 4, 20_000);
    }
  }

  @Test
  void asyncReadersThatCancelMostOfTheTimeLoseNothing() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      List<List<Tagged>> got = Traffic.run(Channel.unbounded(), 3, 10_000, 0, 6, 0.9, seed);
      Traffic.assertEveryValueOnceInProducerOrder(got, 3, 10_000);
    }
  }

  // The end must not be signalled while a put accepted before close is still handing its item
  // to a reader that is cancelling: that item would be stranded after every reader stopped.
  @Test
  void closeRacingWithPutsAndCancellationsLosesNoAcceptedItem() throws Exception {
    for (long round = 1; round <= 30; round++) {
      Channel<Tagged> channel = Channel.unbounded();
      Traffic.Outcome outcome = Traffic.closeWhileBusy(channel, 3, 4, 0.5, round);
      assertThat(channel.size()).as("items stranded after the end, round %d", round).isZero();
      // Sorted comparison: AssertJ's any-order check is quadratic.
      assertThat(sorted(outcome.received())).as("round %d", round).isEqualTo(sorted(outcome.accepted()));
    }
  }

  private static List<Tagged> sorted(List<Tagged> items) {
    return items.stream()
        .sorted(Comparator.comparingInt(Tagged::producer).thenComparingInt(Tagged::value))
        .toList();
  }

  @Test
  void boundedChannelWithRoomForEverythingLosesNothing() throws Exception {
    Channel<Tagged> channel = Channel.bounded(40_000, Channel.Overflow.FAIL);
    List<List<Tagged>> got = Traffic.run(channel, 4, 10_000, 2, 2, 0.3, 7);
    Traffic.assertEveryValueOnceInProducerOrder(got, 4, 10_000);
    assertThat(channel.dropped()).isZero();
  }

  @Test
  void boundedDropOldestAccountsForEveryItem() throws Exception {
    Channel<Tagged> channel = Channel.bounded(16, Channel.Overflow.DROP_OLDEST);
    List<List<Tagged>> got = Traffic.run(channel, 4, 10_000, 1, 1, 0.3, 11);
    long received = got.stream().mapToLong(List::size).sum();
    // Every item was either received exactly once or counted as dropped.
    assertThat(received + channel.dropped()).isEqualTo(40_000);
    assertThat(got.stream().flatMap(List::stream).distinct().count()).isEqualTo(received);
  }
}
