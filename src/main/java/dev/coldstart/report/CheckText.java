package dev.coldstart.report;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import dev.coldstart.gate.Status;

/** {@code coldstart check} as text for a terminal or a CI log: one line per check, chains under failures. */
public final class CheckText {
  private CheckText() {}

  public static String render(CheckReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("coldstart check: ").append(r.config()).append('\n');
    sb.append("python: ").append(r.python()).append("\n\n");
    for (CheckResult c : r.results()) {
      sb.append(String.format("%-12s %s: %s: %s%n", word(c.status()), c.entry(), c.title(), c.summary()));
      if (c instanceof CheckResult.Forbidden f) {
        for (CheckResult.LoadedModule m : f.loaded()) {
          sb.append("             why ").append(m.module()).append(" is loaded:\n");
          for (String line : ChainText.lines(m.chain())) {
            sb.append("               ").append(line).append('\n');
          }
        }
      }
    }
    sb.append('\n');
    for (String n : r.notes()) {
      sb.append("note: ").append(n).append('\n');
    }
    sb.append(summaryLine(r)).append('\n');
    return sb.toString();
  }

  static String word(Status s) {
    return s.name();
  }

  static String summaryLine(CheckReport r) {
    return r.results().size() + " checks: " + r.count(Status.FAIL) + " failed, " + r.count(Status.INCONCLUSIVE)
        + " inconclusive, " + r.count(Status.PASS) + " passed"
        + (r.failed() ? "" : r.count(Status.INCONCLUSIVE) > 0 ? " (inconclusive checks do not fail the build)" : "");
  }
}
