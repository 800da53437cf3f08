package dev.coldstart.explain;

/**
 * A time estimate in microseconds: the median over runs and a 95 % interval around it.
 *
 * <p>Sums ({@link #plus}) add medians, lows and highs separately. For the interval that is
 * conservative: it holds if the per-module errors all go the same way, and is wider than the
 * interval of a sum of independent errors would be. We keep it because per-module timings of one
 * run are not independent (a slow run is slow everywhere).
 */
public record ModuleCost(double median, double low, double high) {
  public static final ModuleCost ZERO = new ModuleCost(0, 0, 0);

  public ModuleCost {
    if (!(low <= median && median <= high)) {
      throw new IllegalArgumentException(
          "interval must hold the median: " + low + " <= " + median + " <= " + high);
    }
  }

  /** A single measurement, or a figure without an interval. */
  public static ModuleCost exactly(double micros) {
    return new ModuleCost(micros, micros, micros);
  }

  public ModuleCost plus(ModuleCost other) {
    return new ModuleCost(median + other.median, low + other.low, high + other.high);
  }
}
