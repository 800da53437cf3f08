package dev.coldstart.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document against the Trace Event Format (JSON Object Format) as Perfetto and
 * chrome://tracing read it: a {@code traceEvents} array; every event has a name, a phase, pid and
 * tid; complete events ({@code X}) have numeric {@code ts} and non-negative {@code dur} in
 * microseconds; metadata events ({@code M}) name a process or thread. Complete events on one thread
 * must nest: each lies entirely within any event it overlaps, which is how the viewers build their
 * stacks.
 */
public final class TraceEventFormat {
  private TraceEventFormat() {}

  /** A complete event and the ones nested directly in it. */
  record Slice(String name, double ts, double dur, JsonNode args, List<Slice> children) {
    double end() {
      return ts + dur;
    }
  }

  public static List<String> problems(JsonNode doc) {
    List<String> p = new ArrayList<>();
    slices(doc, p);
    return p;
  }

  /** The complete events as a forest per the nesting in time; problems go to {@code p}. */
  static List<Slice> slices(JsonNode doc, List<String> p) {
    JsonNode events = doc.isArray() ? doc : doc.path("traceEvents");
    if (!events.isArray()) {
      p.add("traceEvents must be an array");
      return List.of();
    }
    if (doc.isObject() && doc.has("displayTimeUnit") && !Set.of("ms", "ns").contains(doc.get("displayTimeUnit").asString(""))) {
      p.add("displayTimeUnit must be ms or ns");
    }
    List<JsonNode> complete = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String where = "event " + i + ": ";
      if (!e.path("name").isString()) {
        p.add(where + "name must be a string");
      }
      if (!e.path("ph").isString()) {
        p.add(where + "ph must be a string");
        continue;
      }
      if (!e.path("pid").isIntegralNumber() || !e.path("tid").isIntegralNumber()) {
        p.add(where + "pid and tid must be integers");
      }
      if (e.has("args") && !e.get("args").isObject()) {
        p.add(where + "args must be an object");
      }
      switch (e.get("ph").asString()) {
        case "X" -> {
          if (!e.path("ts").isNumber() || !e.path("dur").isNumber() || e.get("dur").asDouble() < 0) {
            p.add(where + "a complete event needs numeric ts and a non-negative dur");
          } else {
            complete.add(e);
          }
          if (e.has("cat") && !e.get("cat").isString()) {
            p.add(where + "cat must be a string");
          }
        }
        case "M" -> {
          if (!Set.of("process_name", "thread_name", "process_sort_index", "thread_sort_index").contains(e.path("name").asString(""))
              || !e.path("args").isObject()) {
            p.add(where + "a metadata event must name a process or thread in args");
          }
        }
        default -> p.add(where + "unexpected phase " + e.get("ph").asString());
      }
    }
    // Viewers sort by start, longer first on ties, and keep a stack per thread: events that ended
    // by the new one's start are closed; the new one must then end within the innermost open one.
    List<JsonNode> sorted = new ArrayList<>(complete);
    sorted.sort(
        Comparator.comparingDouble((JsonNode e) -> e.get("ts").asDouble())
            .thenComparing(Comparator.comparingDouble((JsonNode e) -> e.get("dur").asDouble()).reversed()));
    List<Slice> roots = new ArrayList<>();
    Deque<Slice> stack = new ArrayDeque<>();
    for (JsonNode e : sorted) {
      Slice s = new Slice(e.get("name").asString(), e.get("ts").asDouble(), e.get("dur").asDouble(), e.path("args"), new ArrayList<>());
      while (!stack.isEmpty() && stack.peek().end() <= s.ts() && !(stack.peek().end() == s.ts() && s.dur() == 0 && stack.peek().dur() > 0)) {
        stack.pop();
      }
      if (!stack.isEmpty() && s.end() > stack.peek().end()) {
        p.add("event " + s.name() + " [" + s.ts() + ", " + s.end() + "] overlaps " + stack.peek().name() + " without nesting in it");
      }
      (stack.isEmpty() ? roots : stack.peek().children()).add(s);
      stack.push(s);
    }
    return roots;
  }
}
