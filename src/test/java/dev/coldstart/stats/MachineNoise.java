package dev.coldstart.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-commit histories made of real noise: run timings measured on the shared build machine
 * (resource {@code import-times-ms.txt}, header says how), resampled with replacement. A commit's
 * point is the median of {@code runs} resampled timings, times {@code 1 + step} from the planted
 * commit on; so the point-to-point noise is what `coldstart profile --runs 10` would see there,
 * heavy tail included.
 */
final class MachineNoise {
  private static final double[] TIMINGS = load();

  private MachineNoise() {}

  static double[] timings() {
    return TIMINGS.clone();
  }

  /** A history of {@code commits} medians of {@code runs} runs; from {@code at} on, scaled by 1 + step. */
  static double[] history(SplittableRandom random, int commits, int runs, int at, double step) {
    double[] series = new double[commits];
    double[] sample = new double[runs];
    for (int c = 0; c < commits; c++) {
      for (int r = 0; r < runs; r++) {
        sample[r] = TIMINGS[random.nextInt(TIMINGS.length)];
      }
      Arrays.sort(sample);
      double median = Samples.median(sample);
      series[c] = c >= at ? median * (1 + step) : median;
    }
    return series;
  }

  static double[] flat(SplittableRandom random, int commits, int runs) {
    return history(random, commits, runs, commits, 0);
  }

  private static double[] load() {
    try (InputStream in = MachineNoise.class.getResourceAsStream("import-times-ms.txt")) {
      if (in == null) {
        throw new IllegalStateException("import-times-ms.txt missing from test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .mapToDouble(line -> Double.parseDouble(line.trim()))
          .toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
