package dev.coldstart.report;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import dev.coldstart.gate.Status;
import dev.coldstart.rules.Finding;
import dev.coldstart.rules.LintReport;
import dev.coldstart.rules.RuleInfo;
import java.util.List;

/**
 * JUnit XML (the Ant/Surefire dialect CI systems read): for check, one test case per entry and
 * check (forbid pattern, max-modules, budget-ms, regression), failed checks as {@code <failure>},
 * inconclusive ones as {@code <skipped>} with the reason; for lint, one test case per rule, with
 * its findings in the failure's text.
 */
public final class JunitXml {
  private JunitXml() {}

  public static String check(CheckReport r) {
    StringBuilder sb = header();
    long failures = r.count(Status.FAIL);
    long skipped = r.count(Status.INCONCLUSIVE);
    sb.append(String.format("<testsuites name=\"coldstart\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">%n",
        r.results().size(), failures, skipped));
    sb.append(String.format("  <testsuite name=\"coldstart check\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n",
        r.results().size(), failures, skipped));
    for (CheckResult c : r.results()) {
      sb.append("    <testcase classname=\"").append(attr("coldstart.check." + c.entry())).append("\" name=\"")
          .append(attr(c.title())).append('"');
      if (c.status() == Status.PASS) {
        sb.append(">\n      <system-out>").append(text(c.summary())).append("</system-out>\n    </testcase>\n");
        continue;
      }
      sb.append(">\n");
      if (c.status() == Status.FAIL) {
        StringBuilder body = new StringBuilder(c.summary());
        if (c instanceof CheckResult.Forbidden f) {
          for (CheckResult.LoadedModule m : f.loaded()) {
            body.append("\n\nwhy ").append(m.module()).append(" is loaded:");
            ChainText.lines(m.chain()).forEach(l -> body.append("\n  ").append(l));
          }
        }
        sb.append("      <failure message=\"").append(attr(c.summary())).append("\" type=\"").append(attr(c.ruleId()))
            .append("\">").append(text(body.toString())).append("</failure>\n");
      } else {
        sb.append("      <skipped message=\"").append(attr("inconclusive: " + c.summary())).append("\"/>\n");
      }
      sb.append("    </testcase>\n");
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  public static String lint(LintReport r) {
    StringBuilder sb = header();
    List<RuleInfo> rules = r.rules();
    long failures = rules.stream().filter(rule -> r.byRule().containsKey(rule.code())).count();
    sb.append(String.format("<testsuites name=\"coldstart\" tests=\"%d\" failures=\"%d\">%n", rules.size(), failures));
    sb.append(String.format("  <testsuite name=\"coldstart lint\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n",
        rules.size(), failures));
    for (RuleInfo rule : rules) {
      List<Finding> mine = r.findings().stream().filter(f -> f.code().equals(rule.code())).toList();
      sb.append("    <testcase classname=\"coldstart.lint\" name=\"").append(attr(rule.code() + " " + rule.name())).append('"');
      if (!r.byRule().containsKey(rule.code())) {
        sb.append("/>\n");
        continue;
      }
      StringBuilder body = new StringBuilder();
      for (Finding f : mine) {
        body.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ").append(f.message())
            .append(LintText.cost(f)).append(LintText.also(f)).append('\n');
      }
      int count = r.byRule().getOrDefault(rule.code(), mine.size());
      sb.append(">\n      <failure message=\"").append(attr(count + " finding(s): " + rule.summary())).append("\" type=\"")
          .append(attr(rule.code())).append("\">").append(text(body.toString())).append("</failure>\n    </testcase>\n");
    }
    sb.append("  </testsuite>\n</testsuites>\n");
    return sb.toString();
  }

  private static StringBuilder header() {
    return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  /** Escapes for an attribute value; characters XML 1.0 cannot hold at all become U+FFFD. */
  static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  static String text(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> {
          boolean legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
          sb.appendCodePoint(legal ? cp : 0xFFFD);
        }
      }
    });
    return sb.toString();
  }
}
