package dev.coldstart.report;

import dev.coldstart.store.Series;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code coldstart history --format json}: schema {@value #SCHEMA}, one object per series (see
 * docs/history.md; the HTML report and the dashboard read the same document).
 */
public final class HistoryJson {
  public static final String SCHEMA = "coldstart.history/1";
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private HistoryJson() {}

  public static String render(List<Series> series) {
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("series", series);
    return MAPPER.writeValueAsString(doc) + "\n";
  }
}
