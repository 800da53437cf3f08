package dev.coldstart.stats;

import java.util.Arrays;

/** Checks and sorts run samples; shared by the estimators. */
final class Samples {
  private Samples() {}

  /** A sorted copy; rejects an empty sample and values that are not finite (a caller's bug). */
  static double[] sorted(double[] sample, String what) {
    if (sample == null || sample.length == 0) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (double value : sample) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(what + " holds " + value);
      }
    }
    double[] copy = sample.clone();
    Arrays.sort(copy);
    return copy;
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
    }
  }
}
