package dev.coldstart.report;

import dev.coldstart.rules.Finding;
import dev.coldstart.rules.LintReport;
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
          .append(f.code()).append(' ').append(f.message()).append('\n');
      if (f.fix() != null) {
        sb.append("    fix: ").append(f.fix()).append('\n');
      }
    }
    r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
    sb.append(summary(r)).append('\n');
    return sb.toString();
  }

  static String summary(LintReport r) {
    return r.findings().size() + " finding(s) in " + r.files() + " Python file(s)"
        + (r.suppressed() > 0 ? ", " + r.suppressed() + " suppressed" : "")
        + (r.findings().isEmpty() ? "" : "; rules are explained in docs/rules/");
  }

  public static String json(LintReport r) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("files", r.files());
    root.put("suppressed", r.suppressed());
    root.set("findings", Json.MAPPER.valueToTree(r.findings()));
    root.set("rules", Json.MAPPER.valueToTree(r.rules()));
    root.set("notes", Json.MAPPER.valueToTree(r.notes()));
    return Json.MAPPER.writeValueAsString(root) + "\n";
  }

  public static String markdown(LintReport r) {
    StringBuilder sb = new StringBuilder("## coldstart lint: ")
        .append(r.findings().isEmpty() ? "no findings" : r.findings().size() + " finding(s)").append("\n\n");
    if (!r.findings().isEmpty()) {
      sb.append("| Rule | Where | Finding |\n|---|---|---|\n");
      for (Finding f : r.findings()) {
        sb.append("| [").append(f.code()).append("](docs/rules/").append(f.code()).append(".md) | `")
            .append(f.file().replace("`", "'")).append(':').append(f.line()).append("` | ")
            .append(CheckMarkdown.cell(f.message() + (f.fix() == null ? "" : " Fix: " + f.fix()))).append(" |\n");
      }
      sb.append('\n');
    }
    sb.append(summary(r)).append('\n');
    return sb.toString();
  }
}
