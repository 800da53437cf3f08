package dev.coldstart.rules;

import java.util.List;

/**
 * What {@code coldstart lint} found.
 *
 * @param findings every finding not suppressed, by file, line and code
 * @param rules the rules that ran
 * @param files how many Python files were read
 * @param suppressed findings silenced by {@code # coldstart: ignore[...]} comments
 * @param notes what could not be read or checked
 */
public record LintReport(List<Finding> findings, List<RuleInfo> rules, int files, int suppressed, List<String> notes) {
  public LintReport {
    findings = List.copyOf(findings);
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
  }
}
