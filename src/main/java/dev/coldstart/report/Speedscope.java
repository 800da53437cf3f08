package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A profile in speedscope's file format (https://www.speedscope.app/file-format-schema.json): one
 * "evented" profile in microseconds whose frames are modules (with their files) and whose open and
 * close events are the imports of the representative tree, laid out by {@link ImportTimeline}.
 *
 * <p>Events are emitted depth-first, so their times never decrease and every close matches the
 * innermost open frame, which speedscope requires. Cost: O(tree size).
 */
public final class Speedscope {
  static final String SCHEMA_URL = "https://www.speedscope.app/file-format-schema.json";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Speedscope() {}

  public static String render(Profile p) {
    Map<String, String> files = new HashMap<>();
    p.modules().forEach(m -> files.putIfAbsent(m.name(), m.file()));

    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA_URL);
    root.put("name", "coldstart: " + p.target());
    root.put("exporter", "coldstart");
    root.put("activeProfileIndex", 0);
    ArrayNode frames = root.putObject("shared").putArray("frames");
    Map<String, Integer> frameOf = new HashMap<>();

    List<ImportTimeline.Span> spans = ImportTimeline.of(p);
    ObjectNode profile = root.putArray("profiles").addObject();
    profile.put("type", "evented");
    profile.put("name", p.target() + " (medians of " + p.runs() + " runs)");
    profile.put("unit", "microseconds");
    profile.put("startValue", 0);
    profile.put("endValue", ImportTimeline.totalUs(spans));
    ArrayNode events = profile.putArray("events");
    for (ImportTimeline.Span s : spans) {
      emit(s, events, frames, frameOf, files);
    }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static void emit(
      ImportTimeline.Span s,
      ArrayNode events,
      ArrayNode frames,
      Map<String, Integer> frameOf,
      Map<String, String> files) {
    int frame =
        frameOf.computeIfAbsent(
            s.name(),
            name -> {
              ObjectNode f = frames.addObject();
              f.put("name", name);
              if (files.get(name) != null) {
                f.put("file", files.get(name));
              }
              return frames.size() - 1;
            });
    events.addObject().put("type", "O").put("frame", frame).put("at", s.startUs());
    for (ImportTimeline.Span c : s.children()) {
      emit(c, events, frames, frameOf, files);
    }
    events.addObject().put("type", "C").put("frame", frame).put("at", s.endUs());
  }
}
