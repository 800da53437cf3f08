package dev.coldstart.report;

import dev.coldstart.rules.Finding;
import dev.coldstart.rules.LintReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code coldstart lint} as text ({@code file:line:col: CODE message}, the form editors link), JSON and Markdown. */
public final class LintText {
  public static final String SCHEMA = "coldstart.lint/1";
  /** Made on first use: Jackson's first mapper costs ~100 ms, which the text format never needs. */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  private LintText() {}

  public static String render(LintReport r) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : r.findings()) {
      sb.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ")
          .append(f.code()).append(' ').append(oneLine(f.message())).append(cost(f)).append('\n');
      if (f.fix() != null) {
        sb.append("    fix: ").append(f.fix()).append('\n');
      }
      for (Finding.Also a : f.also()) {
        sb.append("    also ").append(a.code()).append(": ").append(oneLine(a.message()))
            .append(a.fix() == null ? "" : " Fix: " + a.fix()).append('\n');
      }
    }
    r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
    if (!r.byRule().isEmpty()) {
      sb.append(byRule(r)).append('\n');
    }
    sb.append(summary(r)).append('\n');
    return sb.toString();
  }

  /** A message on one line: a statement written over several lines keeps the file:line form intact. */
  static String oneLine(String s) {
    return s.indexOf('\n') < 0 ? s : s.replaceAll("\\s*\\\\?\\r?\\n\\s*", " ");
  }

  /** " [+37 modules]": what the statement loads beyond what is loaded anyway; "" when unknown. */
  static String cost(Finding f) {
    return f.modules() == null ? "" : " [+" + f.modules() + (f.modules() == 1 ? " module]" : " modules]");
  }

  /** "By rule: CS104 function-only-import 98, CS101 eager-reexport 40". */
  static String byRule(LintReport r) {
    Map<String, String> names = new HashMap<>();
    r.rules().forEach(i -> names.put(i.code(), i.name()));
    List<String> parts = new ArrayList<>();
    r.byRule().forEach((code, n) -> parts.add(code + (names.containsKey(code) ? " " + names.get(code) : "") + " " + n));
    return "By rule: " + String.join(", ", parts);
  }

  static String summary(LintReport r) {
    return r.total() + " finding(s) in " + r.files() + " Python file(s)"
        + (r.folded() > 0 ? " (" + r.folded() + " more folded into a finding about the same statement)" : "")
        + (r.suppressed() > 0 ? ", " + r.suppressed() + " suppressed" : "")
        + (r.findings().size() < r.total() ? "; showing the " + r.findings().size() + " most expensive" : "")
        + (r.total() == 0 ? "" : "; ranked by [+N modules], what a statement loads that is not loaded anyway"
            + "; rules are explained in docs/rules/");
  }

  public static String json(LintReport r) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("files", r.files());
    root.put("suppressed", r.suppressed());
    root.put("total", r.total());
    root.put("folded", r.folded());
    root.set("by_rule", Json.MAPPER.valueToTree(r.byRule()));
    root.set("findings", Json.MAPPER.valueToTree(r.findings()));
    root.set("rules", Json.MAPPER.valueToTree(r.rules()));
    root.set("notes", Json.MAPPER.valueToTree(r.notes()));
    return Json.MAPPER.writeValueAsString(root) + "\n";
  }

  public static String markdown(LintReport r) {
    StringBuilder sb = new StringBuilder("## coldstart lint: ")
        .append(r.total() == 0 ? "no findings" : r.total() + " finding(s)").append("\n\n");
    if (!r.findings().isEmpty()) {
      sb.append("| Rule | Where | Modules | Finding |\n|---|---|---|---|\n");
      for (Finding f : r.findings()) {
        sb.append("| [").append(f.code()).append("](docs/rules/").append(f.code()).append(".md) | `")
            .append(f.file().replace("`", "'")).append(':').append(f.line()).append("` | ")
            .append(f.modules() == null ? "" : "+" + f.modules()).append(" | ")
            .append(CheckMarkdown.cell(f.message() + (f.fix() == null ? "" : " Fix: " + f.fix()) + also(f))).append(" |\n");
      }
      sb.append('\n');
    }
    if (!r.byRule().isEmpty()) {
      sb.append(byRule(r)).append("\n\n");
    }
    sb.append(summary(r)).append('\n');
    return sb.toString();
  }

  /** " Also CS104: message" for each finding folded into this one. */
  static String also(Finding f) {
    StringBuilder sb = new StringBuilder();
    f.also().forEach(a -> sb.append(" Also ").append(a.code()).append(": ").append(a.message()));
    return sb.toString();
  }
}
