package dev.coldstart.stats;

import dev.coldstart.stats.ChangePoints.ChangePoint;
import dev.coldstart.stats.ChangePoints.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Error rates and speed of {@link ChangePoints} on histories made of this machine's noise ({@link
 * MachineNoise}); run by bench/changepoints.sh, which prints its Markdown. Not a test: it prints
 * rates over many seeds instead of asserting them (ChangePointsTest asserts the 20-try goals).
 *
 * <p>usage: ChangePointsBench TRIES COMMITS RUNS_PER_COMMIT, or ChangePointsBench cold (one first
 * call on 2,000 points with two steps, in a fresh JVM: what one `history` command pays)
 */
public final class ChangePointsBench {
  private ChangePointsBench() {}

  public static void main(String[] args) {
    if (args[0].equals("cold")) {
      double[] history = MachineNoise.history(new SplittableRandom(2000), 2000, 10, 1000, 0.10);
      for (int i = 1500; i < 2000; i++) {
        history[i] /= 1.10;
      }
      long t0 = System.nanoTime();
      int found = ChangePoints.detect(history, Settings.defaults()).size();
      System.out.printf(Locale.ROOT, "%.1f %d%n", (System.nanoTime() - t0) / 1e6, found);
      return;
    }
    int tries = Integer.parseInt(args[0]);
    int commits = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    Settings settings = Settings.defaults();
    int at = commits * 5 / 8;
    System.out.printf(
        Locale.ROOT,
        "%d histories of %d commits, each commit the median of %d runs resampled from %d real"
            + " timings (point-to-point CV %.1f %%); step planted at commit %d; significance %.2f,"
            + " minimum segment %d, %d permutations%n%n",
        tries,
        commits,
        runs,
        MachineNoise.timings().length,
        100 * pointCv(runs),
        at,
        settings.significance(),
        settings.minSegment(),
        settings.permutations());
    System.out.println(
        "| step | found (within 2 commits) | at the exact commit | histories with a false change"
            + " point | median ms per history |");
    System.out.println("|---|---|---|---|---|");
    for (double step : new double[] {0, 0.02, 0.03, 0.05, 0.10, 0.20}) {
      int found = 0;
      int exact = 0;
      int falseAlarms = 0;
      double[] ms = new double[tries];
      for (int seed = 0; seed < tries; seed++) {
        double[] history =
            MachineNoise.history(new SplittableRandom(1_000_003L * seed + 17), commits, runs, at, step);
        long t0 = System.nanoTime();
        List<ChangePoint> points = ChangePoints.detect(history, settings.withSeed(seed));
        ms[seed] = (System.nanoTime() - t0) / 1e6;
        boolean near = false;
        boolean wrong = false;
        for (ChangePoint p : points) {
          if (step > 0 && Math.abs(p.index() - at) <= 2) {
            near = true;
            exact += p.index() == at ? 1 : 0;
          } else {
            wrong = true;
          }
        }
        found += near ? 1 : 0;
        falseAlarms += wrong ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %d / %d (%.1f %%) | %.2f |%n",
          step == 0 ? "none (flat)" : String.format(Locale.ROOT, "+%.0f %%", step * 100),
          step == 0 ? "-" : rate(found, tries),
          step == 0 ? "-" : rate(exact, tries),
          falseAlarms,
          tries,
          100.0 * falseAlarms / tries,
          median(ms));
    }
    System.out.println();
    speed(settings);
  }

  private static void speed(Settings settings) {
    System.out.println(
        "| points | history | first call ms (this JVM, after the error-rate runs) | median ms (of 7, after 3 warm-up) | change points |");
    System.out.println("|---|---|---|---|---|");
    for (int n : new int[] {200, 2000}) {
      for (boolean flat : new boolean[] {true, false}) {
        double[] history =
            flat
                ? MachineNoise.flat(new SplittableRandom(n), n, 10)
                : MachineNoise.history(new SplittableRandom(n), n, 10, n / 2, 0.10);
        if (!flat) { // a second step: a regression and its fix
          for (int i = 3 * n / 4; i < n; i++) {
            history[i] /= 1.10;
          }
        }
        double[] ms = new double[7];
        double first = 0;
        int found = 0;
        for (int r = -3; r < ms.length; r++) {
          long t0 = System.nanoTime();
          found = ChangePoints.detect(history, settings).size();
          double took = (System.nanoTime() - t0) / 1e6;
          if (r == -3) {
            first = took;
          } else if (r >= 0) {
            ms[r] = took;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %d | %s | %.1f | %.1f | %d |%n",
            n,
            flat ? "flat" : "+10 % at n/2, back at 3n/4",
            first,
            median(ms),
            found);
      }
    }
  }

  private static double pointCv(int runs) {
    double[] points = MachineNoise.flat(new SplittableRandom(42), 5000, runs);
    double mean = Arrays.stream(points).average().orElseThrow();
    double var = Arrays.stream(points).map(p -> (p - mean) * (p - mean)).sum() / points.length;
    return Math.sqrt(var) / mean;
  }

  private static String rate(int k, int n) {
    return String.format(Locale.ROOT, "%d / %d (%.1f %%)", k, n, 100.0 * k / n);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return Samples.median(s);
  }
}
