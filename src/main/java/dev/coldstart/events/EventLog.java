package dev.coldstart.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON-lines form of events: one object per line, {@code "type"} first ({@code run_started},
 * {@code run_finished}, {@code warning}, {@code done}), then the record's components by name;
 * instants are ISO-8601 strings. Written by {@link EventLogWriter}, read back by {@link #read}.
 */
public final class EventLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EventLog() {}

  /** One event as one line of JSON, without the line break. */
  public static String toJson(Event event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("type", typeOf(event));
    line.setAll((ObjectNode) JSON.valueToTree(event));
    return JSON.writeValueAsString(line);
  }

  /**
   * Parses one line written by {@link #toJson}.
   *
   * @throws IllegalArgumentException if the line is not such an event
   */
  public static Event fromJson(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (!(node instanceof ObjectNode object) || !object.hasNonNull("type")) {
        throw new IllegalArgumentException("not an event: " + abbreviate(line));
      }
      String type = object.remove("type").asString();
      Class<? extends Event> kind =
          switch (type) {
            case "run_started" -> Event.RunStarted.class;
            case "run_finished" -> Event.RunFinished.class;
            case "warning" -> Event.Warning.class;
            case "done" -> Event.Done.class;
            default -> throw new IllegalArgumentException("unknown event type '" + type + "'");
          };
      return JSON.treeToValue(object, kind);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not an event: " + abbreviate(line) + " (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * Every event in a log file, in order. A last line without its line break (the writer was killed
   * mid-line) is ignored; any other bad line is an error.
   */
  public static List<Event> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<Event> events = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        break; // torn last line
      }
      String line = text.substring(start, end);
      if (!line.isBlank()) {
        events.add(fromJson(line));
      }
      start = end + 1;
    }
    return events;
  }

  static String typeOf(Event event) {
    return switch (event) {
      case Event.RunStarted e -> "run_started";
      case Event.RunFinished e -> "run_finished";
      case Event.Warning e -> "warning";
      case Event.Done e -> "done";
    };
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
