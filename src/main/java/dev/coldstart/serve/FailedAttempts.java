package dev.coldstart.serve;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wrong tokens per remote address, as a token bucket: an address may present {@code burst} wrong
 * tokens at once, then {@code perSecond} a second; while its bucket is empty, every request from
 * it that presents a token is refused (429) without comparing, the right token included. That is
 * what makes guessing slow (a limit that still let the right token through would not limit
 * guessing at all); its price is that a local process which keeps sending wrong tokens keeps the
 * user's browser out too, for as long as it does (it cannot get in; it could as well have taken
 * the port first).
 *
 * <p>Memory is bounded: at most {@code maxAddresses} buckets, full ones (addresses that stopped
 * failing) are dropped first, and when every tracked bucket is still in use, addresses not yet
 * tracked share one overflow bucket, so a flood from many addresses is limited as one.
 */
final class FailedAttempts {
  private static final long SECOND = 1_000_000_000L;

  private final double burst;
  private final double perSecond;
  private final int maxAddresses;
  private final LongSupplier nanoTime;
  private final Map<InetAddress, Bucket> buckets = new HashMap<>();
  private final Bucket overflow;

  private static final class Bucket {
    double left;
    long at;

    Bucket(double left, long at) {
      this.left = left;
      this.at = at;
    }
  }

  FailedAttempts(int burst, double perSecond, int maxAddresses, LongSupplier nanoTime) {
    if (burst < 1 || perSecond <= 0 || maxAddresses < 1) {
      throw new IllegalArgumentException("burst >= 1, perSecond > 0 and maxAddresses >= 1");
    }
    this.burst = burst;
    this.perSecond = perSecond;
    this.maxAddresses = maxAddresses;
    this.nanoTime = nanoTime;
    this.overflow = new Bucket(burst, nanoTime.getAsLong());
  }

  /** The dashboard's limits: 10 wrong tokens at once, then 2 a second, 4096 addresses tracked. */
  static FailedAttempts standard() {
    return new FailedAttempts(10, 2, 4096, System::nanoTime);
  }

  /** Whether {@code address} is refused for now (its wrong tokens used up its allowance). */
  synchronized boolean blocked(InetAddress address) {
    Bucket b = find(address);
    return b != null && refill(b) < 1;
  }

  /** Seconds until {@code address} may try again (at least 1; for a Retry-After header). */
  synchronized long retryAfterSeconds(InetAddress address) {
    Bucket b = find(address);
    double missing = b == null ? 0 : 1 - refill(b);
    return Math.max(1, (long) Math.ceil(missing / perSecond));
  }

  /**
   * Counts one wrong token from {@code address}.
   *
   * @return true when this one used up its allowance (the moment to say so in the log)
   */
  synchronized boolean failed(InetAddress address) {
    Bucket b = buckets.get(address);
    if (b == null) {
      b = track(address);
    }
    refill(b);
    b.left = Math.max(0, b.left - 1);
    return b.left < 1;
  }

  /** Buckets held (for the bound's test). */
  synchronized int tracked() {
    return buckets.size();
  }

  /** The bucket {@code address} is counted in, or null when it has none (and the map has room). */
  private Bucket find(InetAddress address) {
    Bucket b = buckets.get(address);
    if (b == null && buckets.size() >= maxAddresses) {
      return overflow;
    }
    return b;
  }

  /** A new bucket for {@code address}; when the map is full, full buckets go first. */
  private Bucket track(InetAddress address) {
    long now = nanoTime.getAsLong();
    if (buckets.size() >= maxAddresses) {
      buckets.values().removeIf(b -> refill(b) >= burst); // O(maxAddresses), only while full
    }
    if (buckets.size() >= maxAddresses) {
      return overflow;
    }
    Bucket b = new Bucket(burst, now);
    buckets.put(address, b);
    return b;
  }

  private double refill(Bucket b) {
    long now = nanoTime.getAsLong();
    b.left = Math.min(burst, b.left + (now - b.at) * perSecond / SECOND);
    b.at = now;
    return b.left;
  }
}
