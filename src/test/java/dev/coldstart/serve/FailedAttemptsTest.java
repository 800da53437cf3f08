package dev.coldstart.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The wrong-token limit on a clock the test moves. */
class FailedAttemptsTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong now = new AtomicLong(1_000_000 * MS);

  private static InetAddress address(int i) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
  }

  @Test
  void anAddressIsBlockedAfterItsBurstAndFreedAtTheRefillRate() throws Exception {
    FailedAttempts f = new FailedAttempts(5, 2, 100, now::get);
    InetAddress a = address(1);
    for (int i = 0; i < 4; i++) {
      assertThat(f.failed(a)).as("failure " + (i + 1)).isFalse();
      assertThat(f.blocked(a)).isFalse();
    }
    assertThat(f.failed(a)).isTrue(); // the fifth used up the burst
    assertThat(f.blocked(a)).isTrue();
    assertThat(f.retryAfterSeconds(a)).isEqualTo(1);
    now.addAndGet(400 * MS); // 0.8 of a guess back at 2 a second
    assertThat(f.blocked(a)).isTrue();
    now.addAndGet(100 * MS);
    assertThat(f.blocked(a)).isFalse(); // one guess back
    assertThat(f.failed(a)).isTrue();
    assertThat(f.blocked(a)).isTrue();
  }

  @Test
  void theRateOverAMinuteIsBoundedWhateverTheGuesser() throws Exception {
    FailedAttempts f = new FailedAttempts(10, 2, 100, now::get);
    InetAddress a = address(1);
    int guesses = 0;
    for (int ms = 0; ms < 60_000; ms++) { // a guess every millisecond when allowed
      if (!f.blocked(a)) {
        f.failed(a);
        guesses++;
      }
      now.addAndGet(MS);
    }
    assertThat(guesses).isBetween(10 + 119, 10 + 120); // the burst, then 2 a second
  }

  @Test
  void otherAddressesAreNotBlockedByOne() throws Exception {
    FailedAttempts f = new FailedAttempts(3, 1, 100, now::get);
    for (int i = 0; i < 3; i++) {
      f.failed(address(1));
    }
    assertThat(f.blocked(address(1))).isTrue();
    assertThat(f.blocked(address(2))).isFalse();
  }

  @Test
  void memoryIsBoundedAndAFloodFromManyAddressesSharesOneBucket() throws Exception {
    FailedAttempts f = new FailedAttempts(3, 1, 50, now::get);
    for (int i = 0; i < 50; i++) {
      f.failed(address(i)); // 50 addresses, each one guess in: none is full again yet
    }
    assertThat(f.tracked()).isEqualTo(50);
    for (int i = 50; i < 1000; i++) {
      f.failed(address(i));
    }
    assertThat(f.tracked()).isEqualTo(50);
    assertThat(f.blocked(address(999))).isTrue(); // the overflow bucket is spent
    assertThat(f.blocked(address(1))).isFalse(); // a tracked address keeps its own
    now.addAndGet(10_000 * MS); // all full again: they make room for new ones
    f.failed(address(2000));
    assertThat(f.tracked()).isEqualTo(1);
    assertThat(f.blocked(address(2001))).isFalse();
  }
}
