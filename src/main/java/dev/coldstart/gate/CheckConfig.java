package dev.coldstart.gate;

import dev.coldstart.limits.LimitSettings;
import dev.coldstart.python.Target;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code [tool.coldstart]} table of a pyproject.toml, validated. Documented key by key in
 * docs/check.md.
 *
 * @param file the pyproject.toml it came from (null for defaults)
 * @param root the directory holding it: relative paths and the runs start here
 * @param python the interpreter to use, or null for the default one
 * @param runs measured runs per entry for time budgets and regressions
 * @param timeoutSeconds limit for one run of an entry
 * @param pythonPath directories put first on PYTHONPATH for every run, relative to root
 * @param entries what to check
 * @param select rule codes or prefixes lint reports (empty: all)
 * @param ignore rule codes or prefixes lint never reports
 * @param heavyModules extra module patterns lint's CS102 counts as heavy
 * @param baselines saved profiles to compare against, relative to root
 * @param regressionPercent a regression must be at least this large, relative to the base
 * @param regressionMs and at least this many milliseconds
 * @param limits the limits every entry's timed checks run under, unless the entry says otherwise
 * @param store where {@code --record} and {@code history} keep results (a file path, relative to
 *     root, or a postgresql:// URL without a password; docs/history.md), or null for the default
 */
public record CheckConfig(
    Path file,
    Path root,
    String python,
    int runs,
    double timeoutSeconds,
    List<String> pythonPath,
    List<Entry> entries,
    List<String> select,
    List<String> ignore,
    List<ModulePattern> heavyModules,
    List<String> baselines,
    double regressionPercent,
    double regressionMs,
    LimitSettings limits,
    String store) {

  public static final int DEFAULT_RUNS = 20;
  public static final double DEFAULT_REGRESSION_PERCENT = 5;
  public static final double DEFAULT_REGRESSION_MS = 2;

  public CheckConfig {
    pythonPath = List.copyOf(pythonPath);
    entries = List.copyOf(entries);
    select = List.copyOf(select);
    ignore = List.copyOf(ignore);
    heavyModules = List.copyOf(heavyModules);
    baselines = List.copyOf(baselines);
  }

  /** The configuration of a project without {@code [tool.coldstart]}: no entries, all rules. */
  public static CheckConfig defaults(Path root) {
    return defaults(null, root);
  }

  /** The defaults, for a file that has no {@code [tool.coldstart]}. */
  public static CheckConfig defaults(Path file, Path root) {
    return new CheckConfig(
        file, root, null, DEFAULT_RUNS, 120, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), DEFAULT_REGRESSION_PERCENT, DEFAULT_REGRESSION_MS, LimitSettings.UNSET, null);
  }

  /** The regression threshold for a base of {@code baseMs}: the larger of the two limits. */
  public double regressionThresholdMs(double baseMs) {
    return Math.max(regressionMs, baseMs * regressionPercent / 100);
  }

  /**
   * One {@code [[tool.coldstart.entry]]}: a way the program starts, and what it must not cost.
   *
   * @param name how reports call it
   * @param target what to run
   * @param line the line of the entry's table in the file (for reports that point at it)
   * @param budgetMs wall time allowed above a bare interpreter, or null for no budget
   * @param maxModules modules allowed beyond those a bare interpreter loads, or null
   * @param forbid modules the entry must not load
   * @param limits the limits its timed checks run under (cpu, memory, cold-cache, bytecode-cache);
   *     unset ones come from the table above the entries
   */
  public record Entry(
      String name,
      Target target,
      int line,
      Double budgetMs,
      Integer maxModules,
      List<ModulePattern> forbid,
      LimitSettings limits) {
    public Entry {
      forbid = List.copyOf(forbid);
    }

    /** An entry without limits of its own. */
    public Entry(String name, Target target, int line, Double budgetMs, Integer maxModules, List<ModulePattern> forbid) {
      this(name, target, line, budgetMs, maxModules, forbid, LimitSettings.UNSET);
    }
  }
}
