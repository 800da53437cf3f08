package dev.coldstart.report;

import dev.coldstart.stats.ChangePoints;
import dev.coldstart.stats.ChangePoints.ChangePoint;
import dev.coldstart.stats.ChangePoints.Step;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * History documents (coldstart.history/1) for tests, built the way a results store would: the
 * per-commit medians, their change points from {@link ChangePoints#detect} and the steps from
 * {@link ChangePoints#steps}.
 */
public final class Histories {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Histories() {}

  /** {@code commits} commits around {@code base} ms (±2 %, seeded), {@code 1 + step} from {@code at} on. */
  public static double[] medians(int commits, double base, int at, double step, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] m = new double[commits];
    for (int i = 0; i < commits; i++) {
      m[i] = base * (1 + random.nextDouble(-0.02, 0.02)) * (i >= at ? 1 + step : 1);
    }
    return m;
  }

  /** A one-series history of {@code entry}; subjects may hold markup, on purpose. */
  public static ObjectNode of(String entry, double[] medians) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", "coldstart.history/1");
    ArrayNode series = doc.putArray("series");
    ObjectNode s = series.addObject();
    s.put("entry", entry);
    s.put("interpreter", "/usr/bin/python3");
    s.put("python", "3.11.7");
    s.put("machine", "m-1234");
    s.put("machineDescription", "2 cores, build machine");
    ArrayNode points = s.putArray("points");
    for (int i = 0; i < medians.length; i++) {
      ObjectNode p = points.addObject();
      p.put("commit", sha(i));
      p.put("subject", i == 3 ? "<img src=x onerror=alert(1)> commit " + i : "commit " + i);
      p.put("branch", "main");
      p.put("dirty", false);
      p.put("recordedAt", String.format(Locale.ROOT, "2026-12-%02dT10:00:00Z", 1 + i % 28));
      p.put("median", medians[i]);
      p.put("low", medians[i] * 0.98);
      p.put("high", medians[i] * 1.03);
      p.put("runs", 10);
    }
    ArrayNode cps = s.putArray("changePoints");
    List<ChangePoint> found = ChangePoints.detect(medians, ChangePoints.Settings.defaults());
    for (Step step : ChangePoints.steps(medians, found)) {
      ObjectNode c = cps.addObject();
      c.put("index", step.index());
      c.put("commit", sha(step.index()));
      c.put("before", step.before());
      c.put("after", step.after());
      c.put("shift", step.shift().estimate());
      c.put("low", step.shift().low());
      c.put("high", step.shift().high());
      c.put("p", step.p());
    }
    return doc;
  }

  /** A 40-hex-digit commit id for point {@code i}. */
  public static String sha(int i) {
    return String.format(Locale.ROOT, "%08x", 0xc0ffee00 + i).repeat(5);
  }
}
