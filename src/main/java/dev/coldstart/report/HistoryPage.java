package dev.coldstart.report;

import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A results history (the {@code coldstart.history/1} JSON of docs/history.md) as one self-contained
 * HTML page: per series, a chart of each commit's median with its interval, the level of each
 * segment and the change points labelled with commit and shift, then a table of the change points.
 * Also a short text form.
 *
 * <p>Built like {@link HtmlReport}: template {@code history.html} with {@code report.css}, {@code chart.css} and
 * {@code chart.js} + {@code history.js} inlined as one script allowed by its hash, the JSON in a
 * script-safe block, every string drawn with {@code textContent}. Size: about 250 bytes per commit.
 */
public final class HistoryPage {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private HistoryPage() {}

  /** Whether {@code json} is a history document (its {@code schema} is {@link HistoryJson#SCHEMA}). */
  public static boolean isHistory(JsonNode json) {
    return json.isObject() && HistoryJson.SCHEMA.equals(json.path("schema").asString(""));
  }

  /**
   * The page for a history document.
   *
   * @throws IllegalArgumentException when the text is not JSON or not a {@code coldstart.history/1}
   *     document (the message says which, in one line)
   */
  public static String html(String historyJson) {
    return html(parse(historyJson));
  }

  /** The page for a parsed history document; see {@link #html(String)}. */
  public static String html(JsonNode history) {
    check(history);
    String script = "\n" + Html.resource("chart.js") + "\n" + Html.resource("history.js") + "\n";
    if (script.toLowerCase(Locale.ROOT).contains("</script")) {
      throw new IllegalStateException("chart.js and history.js must not contain </script");
    }
    StringBuilder entries = new StringBuilder();
    history.path("series").values().stream()
        .map(s -> s.path("entry").asString(""))
        .distinct()
        .forEach(e -> entries.append(entries.isEmpty() ? ": " : ", ").append(e));
    return Html.fill(
        Html.resource("history.html"),
        Map.of(
            "TITLE", Html.escape("coldstart history" + entries),
            "CSS", Html.resource("report.css") + Html.resource("chart.css"),
            "DATA", HtmlReport.data(history),
            "SCRIPT", script,
            "SCRIPT_HASH", "sha256-" + HtmlReport.sha256(script)));
  }

  /** One line per series and one per change point, for a terminal. */
  public static String text(JsonNode history) {
    check(history);
    StringBuilder out = new StringBuilder();
    JsonNode series = history.path("series");
    if (series.isEmpty()) {
      return "no results recorded\n";
    }
    for (JsonNode s : series.values()) {
      int points = s.path("points").size();
      int changes = s.path("changePoints").size();
      out.append(s.path("entry").asString(""))
          .append(" (")
          .append(s.path("interpreter").asString(""))
          .append(' ')
          .append(s.path("python").asString(""))
          .append(", machine ")
          .append(s.path("machine").asString(""))
          .append("): ")
          .append(points)
          .append(points == 1 ? " commit, " : " commits, ")
          .append(changes == 0 ? "no change point" : changes + (changes == 1 ? " change point" : " change points"))
          .append('\n');
      for (JsonNode c : s.path("changePoints").values()) {
        JsonNode at = s.path("points").path(c.path("index").asInt());
        out.append(
            String.format(
                Locale.ROOT,
                "  %s %s: %.2f -> %.2f ms, shift %+.2f ms [%.2f, %.2f], p = %s%n",
                abbreviate(c.path("commit").asString("")),
                at.path("subject").asString(""),
                c.path("before").asDouble(),
                c.path("after").asDouble(),
                c.path("shift").asDouble(),
                c.path("low").asDouble(),
                c.path("high").asDouble(),
                c.path("p").asString(c.path("p").toString())));
      }
    }
    return out.toString();
  }

  /** Parses history text. @throws IllegalArgumentException when it is not a history document */
  public static JsonNode parse(String historyJson) {
    JsonNode node;
    try {
      node = MAPPER.readTree(historyJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    check(node);
    return node;
  }

  private static void check(JsonNode history) {
    if (!isHistory(history)) {
      throw new IllegalArgumentException(
          "not a coldstart history (expected \"schema\": \"" + HistoryJson.SCHEMA + "\")");
    }
    if (!history.path("series").isArray() && !history.path("series").isMissingNode()) {
      throw new IllegalArgumentException("history's \"series\" is not a list");
    }
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
