package dev.coldstart.report;

import dev.coldstart.profile.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A profile as Chrome trace events (the JSON Object Format of the Trace Event Format, read by
 * Perfetto, chrome://tracing and speedscope): one complete event ({@code "ph": "X"}) per import of
 * the representative tree, {@code ts} and {@code dur} in microseconds as laid out by {@link
 * ImportTimeline}, all on one thread, so nesting in time is nesting in the tree. Each event's
 * {@code args} carry the module's self time there, its file and its medians with intervals over the
 * runs; metadata events name the process and thread.
 *
 * <p>Events are in depth-first order: by start time, a parent before the children that start with
 * it, which is how the viewers stack equal-start events. Cost: O(tree size).
 */
public final class ChromeTrace {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  static final int PID = 1;
  static final int TID = 1;

  private ChromeTrace() {}

  public static String render(Profile p) {
    Map<String, Profile.ModuleStat> stats = new HashMap<>();
    p.modules().forEach(m -> stats.putIfAbsent(m.name(), m));

    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode events = root.putArray("traceEvents");
    metadata(events, "process_name", "coldstart: " + p.target());
    metadata(events, "thread_name", "imports (medians of " + p.runs() + " runs)");
    List<ImportTimeline.Span> spans = ImportTimeline.of(p);
    for (ImportTimeline.Span s : spans) {
      emit(s, events, stats);
    }
    root.put("displayTimeUnit", "ms");
    ObjectNode other = root.putObject("otherData");
    other.put("tool", "coldstart");
    other.put("target", p.target());
    other.put("runs", p.runs());
    if (p.python() != null) {
      other.put("python", p.python().implementation() + " " + p.python().version());
    }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static void metadata(ArrayNode events, String kind, String name) {
    ObjectNode e = events.addObject();
    e.put("name", kind).put("ph", "M").put("pid", PID).put("tid", TID);
    e.putObject("args").put("name", name);
  }

  private static void emit(
      ImportTimeline.Span s, ArrayNode events, Map<String, Profile.ModuleStat> stats) {
    ObjectNode e = events.addObject();
    e.put("name", s.name())
        .put("cat", "import")
        .put("ph", "X")
        .put("ts", s.startUs())
        .put("dur", s.durationUs())
        .put("pid", PID)
        .put("tid", TID);
    ObjectNode args = e.putObject("args");
    args.put("self_us", s.selfUs());
    Profile.ModuleStat m = stats.get(s.name());
    if (m != null) {
      if (m.file() != null) {
        args.put("file", m.file());
      }
      args.put("self_ms", interval(m.selfMs()));
      args.put("cumulative_ms", interval(m.cumulativeMs()));
      if (m.extension()) {
        args.put("extension", true);
      }
      if (m.failed()) {
        args.put("failed", true);
      }
    }
    for (ImportTimeline.Span c : s.children()) {
      emit(c, events, stats);
    }
  }

  private static String interval(dev.coldstart.stats.Estimate e) {
    return ProfileText.ms(e.median()) + " [" + ProfileText.ms(e.low()) + ", " + ProfileText.ms(e.high()) + "]";
  }
}
