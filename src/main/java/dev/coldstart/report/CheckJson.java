package dev.coldstart.report;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code coldstart check --format json} (schema {@value #SCHEMA}): the report with, per result, its
 * entry, check, status, summary and the measured values of its kind.
 */
public final class CheckJson {
  public static final String SCHEMA = "coldstart.check/1";
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private CheckJson() {}

  public static String render(CheckReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("config", r.config());
    root.put("python", r.python());
    root.put("failed", r.failed());
    ArrayNode results = root.putArray("results");
    for (CheckResult c : r.results()) {
      ObjectNode o = MAPPER.valueToTree(c);
      ObjectNode row = results.addObject();
      row.put("entry", c.entry());
      row.put("check", c.title());
      row.put("rule", c.ruleId());
      row.put("status", c.status().word());
      row.put("summary", c.summary());
      o.remove("entry");
      o.remove("status");
      for (String k : java.util.List.copyOf(o.propertyNames())) {
        var v = o.get(k);
        if (v.isNumber() && !Double.isFinite(v.asDouble()) || v.isString() && v.asString().equals("NaN")) {
          o.putNull(k); // NaN: not known (a baseline has no p-value)
        }
      }
      row.set("details", o);
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return MAPPER.writeValueAsString(root) + "\n";
  }
}
