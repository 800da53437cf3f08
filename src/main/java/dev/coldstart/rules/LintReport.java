package dev.coldstart.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What {@code coldstart lint} found, ranked: one finding per statement, most expensive first.
 *
 * <p>The ranking lives here so that every rule, present or future, gets it: findings about the same
 * place (file and line) are folded into the most specific one ({@link #SPECIFIC_FIRST}), the others
 * listed in its {@link Finding#also}; then they are sorted by estimated cost (modules the statement
 * loads beyond what is loaded anyway, see {@code StatementCosts}), largest first, findings of
 * unknown cost last, ties by file, line and code.
 *
 * @param findings the findings shown, ranked ({@link #top} may have cut the list)
 * @param rules the rules that ran
 * @param files how many Python files were read
 * @param suppressed findings silenced by {@code # coldstart: ignore[...]} comments
 * @param notes what could not be read or checked
 * @param total how many findings there are, shown or not (one per statement)
 * @param byRule how many findings each rule has, shown or not, by the code they are reported under
 * @param folded findings folded into a more specific finding about the same statement
 */
public record LintReport(
    List<Finding> findings,
    List<RuleInfo> rules,
    int files,
    int suppressed,
    List<String> notes,
    int total,
    Map<String, Integer> byRule,
    int folded) {
  /**
   * Which code wins when several rules report one statement: the one whose fix is the most
   * targeted. CS105 (an entry forbids it) over CS103 (only annotations use it) over CS104 (only
   * functions use it) over CS102 (a heavy import in an __init__) over CS101 (a re-export); codes not
   * listed come after, in code order.
   */
  static final List<String> SPECIFIC_FIRST = List.of("CS105", "CS103", "CS104", "CS102", "CS101");

  public LintReport {
    findings = List.copyOf(findings);
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
    byRule = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
  }

  /** An unranked report of these findings, as given (all shown). */
  public LintReport(List<Finding> findings, List<RuleInfo> rules, int files, int suppressed, List<String> notes) {
    this(findings, rules, files, suppressed, notes, findings.size(), countByRule(findings), 0);
  }

  /**
   * Folds the findings about one statement into the most specific, attaches costs and ranks.
   *
   * @param cost the estimated cost of a finding's statement (modules), or null when unknown
   */
  static LintReport rank(
      List<Finding> found, BiFunction<String, Integer, Integer> cost, List<RuleInfo> rules, int files,
      int suppressed, List<String> notes) {
    Map<String, List<Finding>> byPlace = new LinkedHashMap<>();
    for (Finding f : found) {
      byPlace.computeIfAbsent(f.file() + "\0" + f.line(), k -> new ArrayList<>()).add(f);
    }
    List<Finding> ranked = new ArrayList<>();
    int folded = 0;
    for (List<Finding> same : byPlace.values()) {
      same.sort(Comparator.comparingInt(LintReport::specificity).thenComparing(Finding::code));
      Finding first = same.get(0);
      List<Finding.Also> also = new ArrayList<>();
      for (Finding other : same.subList(1, same.size())) {
        also.add(new Finding.Also(other.code(), other.message(), other.fix()));
      }
      folded += also.size();
      ranked.add(new Finding(first.code(), first.file(), first.line(), first.column(), first.message(), first.fix(),
          cost.apply(first.file(), first.line()), also));
    }
    ranked.sort(
        Comparator.comparing((Finding f) -> f.modules() == null ? Integer.MIN_VALUE : f.modules(), Comparator.reverseOrder())
            .thenComparing(Finding::file).thenComparingInt(Finding::line).thenComparing(Finding::code));
    return new LintReport(ranked, rules, files, suppressed, notes, ranked.size(), countByRule(ranked), folded);
  }

  /** The same report showing only the first {@code n} findings (the counts still cover all). */
  public LintReport top(int n) {
    if (n >= findings.size()) {
      return this;
    }
    return new LintReport(findings.subList(0, n), rules, files, suppressed, notes, total, byRule, folded);
  }

  private static int specificity(Finding f) {
    int i = SPECIFIC_FIRST.indexOf(f.code());
    return i < 0 ? SPECIFIC_FIRST.size() : i;
  }

  /** Findings per code, most first (ties in code order). */
  private static Map<String, Integer> countByRule(List<Finding> findings) {
    Map<String, Integer> counts = new TreeMap<>();
    findings.forEach(f -> counts.merge(f.code(), 1, Integer::sum));
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
