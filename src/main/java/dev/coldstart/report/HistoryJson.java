package dev.coldstart.report;

import dev.coldstart.store.Series;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code coldstart history --format json}: schema {@value #SCHEMA}, one object per series (see
 * docs/history.md; the HTML report and the dashboard read the same document).
 *
 * <p>Written field by field on Jackson's streaming generator, in the records' component order
 * (the names and order are the contract), indented as {@code INDENT_OUTPUT} indents. Binding the
 * records instead (an {@code ObjectMapper} over {@link Series}) gives the same bytes, which
 * HistoryJsonTest checks, but costs a cold JVM about 70 ms more on 10,000 points (building the
 * record serializers by reflection, and more interpreted code per value before the JIT catches
 * up); {@code coldstart history} pays that on every start.
 */
public final class HistoryJson {
  public static final String SCHEMA = "coldstart.history/1";
  private static final ObjectWriter WRITER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writer();

  private HistoryJson() {}

  public static String render(List<Series> series) {
    return new String(bytes(series), StandardCharsets.UTF_8);
  }

  /** The document as UTF-8, ending with a newline. */
  public static byte[] bytes(List<Series> series) {
    int points = 0;
    for (Series s : series) {
      points += s.points().size();
    }
    // About 280 bytes per indented point: one allocation for the usual document.
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 300 * points);
    try (JsonGenerator g = WRITER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("schema", SCHEMA);
      g.writeName("series");
      g.writeStartArray();
      for (Series s : series) {
        write(g, s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Series s) {
    g.writeStartObject();
    g.writeStringProperty("entry", s.entry());
    g.writeStringProperty("interpreter", s.interpreter());
    g.writeStringProperty("python", s.python());
    g.writeStringProperty("machine", s.machine());
    g.writeStringProperty("machineDescription", s.machineDescription());
    g.writeStringProperty("limits", s.limits());
    g.writeName("points");
    g.writeStartArray();
    for (Series.Point p : s.points()) {
      g.writeStartObject();
      g.writeStringProperty("commit", p.commit());
      g.writeStringProperty("subject", p.subject());
      g.writeStringProperty("branch", p.branch());
      g.writeBooleanProperty("dirty", p.dirty());
      g.writeStringProperty("recordedAt", p.recordedAt());
      g.writeNumberProperty("median", p.median());
      g.writeNumberProperty("low", p.low());
      g.writeNumberProperty("high", p.high());
      g.writeNumberProperty("runs", p.runs());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeName("changePoints");
    g.writeStartArray();
    for (Series.ChangePoint c : s.changePoints()) {
      g.writeStartObject();
      g.writeNumberProperty("index", c.index());
      g.writeStringProperty("commit", c.commit());
      g.writeNumberProperty("before", c.before());
      g.writeNumberProperty("after", c.after());
      g.writeNumberProperty("shift", c.shift());
      g.writeNumberProperty("low", c.low());
      g.writeNumberProperty("high", c.high());
      g.writeNumberProperty("p", c.p());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
