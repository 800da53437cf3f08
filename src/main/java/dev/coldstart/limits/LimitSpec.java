package dev.coldstart.limits;

import dev.coldstart.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The production conditions to measure under, as the user asked for them.
 *
 * @param cpuPercent share of one CPU each run may use (10 = a tenth of a core; 200 = two cores), or
 *     0 for no limit
 * @param memoryBytes memory (and swap: none) each run may use, or 0 for no limit
 * @param coldCache evict the target's files from the page cache before each run
 * @param noBytecodeCache run each time with a fresh empty {@code -X pycache_prefix}
 */
public record LimitSpec(double cpuPercent, long memoryBytes, boolean coldCache, boolean noBytecodeCache) {
  /** No limits at all. */
  public static final LimitSpec NONE = new LimitSpec(0, 0, false, false);

  public LimitSpec {
    if (cpuPercent < 0 || Double.isNaN(cpuPercent) || Double.isInfinite(cpuPercent)) {
      throw UserError.usage("--cpu must be a positive percentage of one core, e.g. 10 or 10%");
    }
    if (cpuPercent > 0 && cpuPercent < 1) {
      // The kernel's smallest CFS quota is 1 ms per 100 ms period.
      throw UserError.usage("--cpu below 1% cannot be enforced (the kernel's smallest quota is 1 ms per 100 ms)");
    }
    if (memoryBytes < 0) {
      throw UserError.usage("--memory must be positive");
    }
    if (memoryBytes > 0 && memoryBytes < (8L << 20)) {
      throw UserError.usage("--memory below 8M leaves no room for an interpreter; give e.g. 128M");
    }
  }

  /** Whether any limit is asked for. */
  public boolean any() {
    return cpuPercent > 0 || memoryBytes > 0 || coldCache || noBytecodeCache;
  }

  /** Whether a cgroup is needed. */
  public boolean needsCgroup() {
    return cpuPercent > 0 || memoryBytes > 0;
  }

  /** The limits as the reports show them: "cpu=10%", "memory=128M", "cold-cache", "no-bytecode-cache". */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    if (cpuPercent > 0) {
      out.add("cpu=" + percent(cpuPercent));
    }
    if (memoryBytes > 0) {
      out.add("memory=" + size(memoryBytes));
    }
    if (coldCache) {
      out.add("cold-cache");
    }
    if (noBytecodeCache) {
      out.add("no-bytecode-cache");
    }
    return List.copyOf(out);
  }

  /** Parses "10", "10%" or "12.5%". */
  public static double parsePercent(String s) {
    String t = s.strip();
    if (t.endsWith("%")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    try {
      double v = Double.parseDouble(t);
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw UserError.usage("--cpu needs a positive percentage of one core, e.g. 10 or 10% (got '" + s + "')");
    }
  }

  /** Parses a size: bytes, or with K, M, G, T (powers of 1024; an optional trailing B or iB). */
  public static long parseSize(String s) {
    String t = s.strip().toUpperCase(Locale.ROOT);
    if (t.endsWith("IB")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    if (!t.isEmpty()) {
      int shift =
          switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
          };
      if (shift > 0) {
        unit = 1L << shift;
        t = t.substring(0, t.length() - 1).strip();
      }
    }
    try {
      double v = Double.parseDouble(t);
      if (!(v > 0) || v * unit > Long.MAX_VALUE / 2) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw UserError.usage("--memory needs a size such as 128M or 1G (got '" + s + "')");
    }
  }

  /** "128M", "1G", "1536K": the largest unit that divides exactly. */
  public static String size(long bytes) {
    String[] units = {"T", "G", "M", "K"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes % (1L << shifts[i]) == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }

  /** "10%", "12.5%". */
  static String percent(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }
}
