package dev.coldstart.gate;

import java.util.List;

/**
 * What {@code coldstart check} found: every check of every entry, in the order they ran
 * (deterministic checks of all entries first, then times), and what the reader should know.
 *
 * @param config the configuration file
 * @param python the interpreter, as reports show it
 * @param results the checks
 * @param entryLines the line of each entry's table in the configuration, by entry name
 * @param notes facts that change how to read the results (e.g. a baseline from another machine)
 * @param profiles the timed profile of each entry that has one (with budgets, baselines, or when
 *     every entry was profiled for {@code --record}), in configuration order; not rendered
 */
public record CheckReport(
    String config, String python, List<CheckResult> results, java.util.Map<String, Integer> entryLines,
    List<String> notes, java.util.Map<String, dev.coldstart.profile.Profile> profiles) {
  public CheckReport {
    results = List.copyOf(results);
    entryLines = java.util.Map.copyOf(entryLines);
    notes = List.copyOf(notes);
    profiles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profiles));
  }

  /** A report without profiles. */
  public CheckReport(
      String config, String python, List<CheckResult> results, java.util.Map<String, Integer> entryLines,
      List<String> notes) {
    this(config, python, results, entryLines, notes, java.util.Map.of());
  }

  /** The line of the entry in the configuration, or 1 when unknown. */
  public int lineOf(String entry) {
    return Math.max(1, entryLines.getOrDefault(entry, 1));
  }

  public long count(Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  /** Whether anything failed (exit 1). */
  public boolean failed() {
    return count(Status.FAIL) > 0;
  }
}
