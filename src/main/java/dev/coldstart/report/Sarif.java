package dev.coldstart.report;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import dev.coldstart.gate.Status;
import dev.coldstart.rules.Finding;
import dev.coldstart.rules.LintReport;
import dev.coldstart.rules.RuleInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0 for GitHub code scanning ({@code github/codeql-action/upload-sarif}): one run, the
 * rules in {@code tool.driver.rules}, one result per lint finding or failed/inconclusive check, each
 * with a physical location (an artifact URI relative to the repository root, and a region with a
 * start line). Check results point at the entry's table in pyproject.toml; a forbidden module's
 * chain is attached as related locations (the import statements along it).
 *
 * <p>URIs: paths under {@code base} (the repository root, usually the working directory) become
 * relative URIs with {@code uriBaseId} {@code %SRCROOT%}; others stay absolute {@code file://}
 * URIs. GitHub only shows results whose files are in the repository.
 */
public final class Sarif {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /**
   * Where the docs/ of this coldstart are published, for rule links in code scanning: set
   * COLDSTART_DOCS_URL (e.g. https://example.org/coldstart/blob/main); without it no links are
   * written, only the rule's help text naming its docs file.
   */
  static final String DOCS_URL = System.getenv("COLDSTART_DOCS_URL");
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Sarif() {}

  public static String lint(LintReport report, Path base, String version) {
    ObjectNode root = skeleton();
    ObjectNode run = ((ArrayNode) root.get("runs")).addObject();
    ObjectNode driver = driver(run, version, base);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (RuleInfo r : report.rules()) {
      ruleIndex.put(r.code(), ruleIndex.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", r.code());
      rule.put("name", pascal(r.name()));
      rule.putObject("shortDescription").put("text", r.summary());
      if (DOCS_URL != null && !DOCS_URL.isBlank()) {
        rule.put("helpUri", DOCS_URL.replaceAll("/+$", "") + "/" + r.docs());
      }
      rule.putObject("help").put("text", r.summary() + " See " + r.docs() + ".");
      rule.putObject("defaultConfiguration").put("level", "warning");
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.code());
      if (ruleIndex.containsKey(f.code())) {
        res.put("ruleIndex", ruleIndex.get(f.code()));
      }
      res.put("level", "warning");
      res.putObject("message").put("text", f.message() + LintText.cost(f) + (f.fix() == null ? "" : " Fix: " + f.fix())
          + LintText.also(f));
      location(res.putArray("locations").addObject(), Path.of(f.file()), f.line(), f.column(), base);
      if (f.modules() != null || !f.also().isEmpty()) {
        // The ranking (results are in rank order) and the rules folded into this result.
        ObjectNode props = res.putObject("properties");
        if (f.modules() != null) {
          props.put("modules", f.modules());
        }
        if (!f.also().isEmpty()) {
          ArrayNode also = props.putArray("alsoReportedAs");
          f.also().forEach(a -> also.add(a.code()));
        }
      }
      res.putObject("partialFingerprints").put("coldstartFinding/v1", f.code() + ":" + uri(Path.of(f.file()), base) + ":" + f.message());
    }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  public static String check(CheckReport report, Path base, String version) {
    ObjectNode root = skeleton();
    ObjectNode run = ((ArrayNode) root.get("runs")).addObject();
    ObjectNode driver = driver(run, version, base);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (CheckResult c : report.results()) {
      if (!ruleIndex.containsKey(c.ruleId())) {
        ruleIndex.put(c.ruleId(), ruleIndex.size());
        ObjectNode rule = rules.addObject();
        rule.put("id", c.ruleId());
        rule.putObject("shortDescription").put("text", describe(c));
        rule.putObject("help").put("text", "See docs/check.md of coldstart.");
        if (DOCS_URL != null && !DOCS_URL.isBlank()) {
          rule.put("helpUri", DOCS_URL.replaceAll("/+$", "") + "/docs/check.md");
        }
      }
    }
    ArrayNode results = run.putArray("results");
    Path config = Path.of(report.config());
    for (CheckResult c : report.results()) {
      if (c.status() == Status.PASS) {
        continue;
      }
      ObjectNode res = results.addObject();
      res.put("ruleId", c.ruleId());
      res.put("ruleIndex", ruleIndex.get(c.ruleId()));
      res.put("level", c.status() == Status.FAIL ? "error" : "note");
      res.putObject("message").put("text", "entry " + c.entry() + ": " + c.title() + ": " + c.summary());
      location(res.putArray("locations").addObject(), config, report.lineOf(c.entry()), 1, base);
      if (c instanceof CheckResult.Forbidden f) {
        ArrayNode related = res.putArray("relatedLocations");
        int id = 0;
        for (CheckResult.LoadedModule m : f.loaded()) {
          if (m.chain() == null) {
            continue;
          }
          for (var hop : m.chain().hops()) {
            if (hop.site() == null || hop.site().file().startsWith("<") || hop.site().line() < 1) {
              continue;
            }
            ObjectNode loc = related.addObject();
            loc.put("id", id++);
            location(loc, Path.of(hop.site().file()), hop.site().line(), 1, base);
            loc.putObject("message").put("text", "imports " + hop.module());
          }
        }
      }
      res.putObject("partialFingerprints").put("coldstartCheck/v1", c.entry() + ":" + c.title());
    }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static String describe(CheckResult c) {
    return switch (c) {
      case CheckResult.Forbidden f -> "An entry loads a module its configuration forbids.";
      case CheckResult.ModuleCount m -> "An entry loads more modules than max-modules allows.";
      case CheckResult.TimeBudget t -> "An entry's start-up time above a bare interpreter exceeds budget-ms.";
      case CheckResult.Regression r -> "An entry's import time regressed against a reference.";
      case CheckResult.KilledByLimit k -> "An entry was killed by its memory limit: it cannot start under its limits.";
    };
  }

  private static ObjectNode skeleton() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.putArray("runs");
    return root;
  }

  private static ObjectNode driver(ObjectNode run, String version, Path base) {
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "coldstart");
    if (DOCS_URL != null && !DOCS_URL.isBlank()) {
      driver.put("informationUri", DOCS_URL);
    }
    driver.put("semanticVersion", version);
    run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri", base.toAbsolutePath().normalize().toUri().toString());
    return driver;
  }

  private static void location(ObjectNode loc, Path file, int line, int column, Path base) {
    ObjectNode phys = loc.putObject("physicalLocation");
    ObjectNode art = phys.putObject("artifactLocation");
    art.put("uri", uri(file, base));
    if (!uri(file, base).startsWith("file:")) {
      art.put("uriBaseId", "%SRCROOT%");
    }
    ObjectNode region = phys.putObject("region");
    region.put("startLine", Math.max(1, line));
    region.put("startColumn", Math.max(1, column));
  }

  /** A relative URI (forward slashes, percent-encoded) under base, else an absolute file URI. */
  static String uri(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    if (abs.startsWith(b)) {
      String rel = b.relativize(abs).toString().replace('\\', '/');
      return java.net.URI.create("x:/" + encode(rel)).getRawPath().substring(1);
    }
    return abs.toUri().toString();
  }

  private static String encode(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 128 || "/-._~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  private static String pascal(String kebab) {
    StringBuilder sb = new StringBuilder();
    for (String part : kebab.split("-")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  static List<String> levels() {
    return List.of("none", "note", "warning", "error");
  }
}
