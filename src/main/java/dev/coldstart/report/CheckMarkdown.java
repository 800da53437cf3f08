package dev.coldstart.report;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import dev.coldstart.gate.Status;

/** {@code coldstart check} as GitHub-flavoured Markdown, for a PR comment or $GITHUB_STEP_SUMMARY. */
public final class CheckMarkdown {
  private CheckMarkdown() {}

  public static String render(CheckReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## coldstart check: ")
        .append(r.failed() ? "failed" : r.count(Status.INCONCLUSIVE) > 0 ? "passed, some inconclusive" : "passed")
        .append("\n\n");
    sb.append("| | Entry | Check | Result |\n|---|---|---|---|\n");
    for (CheckResult c : r.results()) {
      sb.append("| ").append(icon(c.status())).append(" | ").append(cell(c.entry())).append(" | ")
          .append(cell(c.title())).append(" | ").append(cell(c.summary())).append(" |\n");
    }
    for (CheckResult c : r.results()) {
      if (c instanceof CheckResult.Forbidden f && !f.loaded().isEmpty()) {
        for (CheckResult.LoadedModule m : f.loaded()) {
          sb.append("\n<details><summary>Why <code>").append(Html.escape(m.module())).append("</code> is loaded by <b>")
              .append(Html.escape(f.entry())).append("</b></summary>\n\n```text\n");
          ChainText.lines(m.chain()).forEach(l -> sb.append(l.replace("```", "` ` `")).append('\n'));
          sb.append("```\n\n</details>\n");
        }
      }
    }
    sb.append('\n');
    for (String n : r.notes()) {
      sb.append("> ").append(cell(n)).append('\n');
    }
    sb.append(CheckText.summaryLine(r)).append(" · python: `").append(r.python().replace("`", "'")).append("`\n");
    return sb.toString();
  }

  private static String icon(Status s) {
    return switch (s) {
      case PASS -> "✅";
      case FAIL -> "❌";
      case INCONCLUSIVE -> "❔";
    };
  }

  static String cell(String s) {
    return Html.escape(s).replace("|", "\\|").replace("\n", " ");
  }

  /** The HTML escaping Markdown needs inside tables and details blocks. */
  static final class Html {
    private Html() {}

    static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  }
}
