package dev.coldstart.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document against speedscope's file format (file-format-schema.json, version 0.7):
 * required fields and their types, as the JSON schema says, and what the schema cannot say but
 * speedscope's importer needs for an evented profile: times that never go back, inside
 * [startValue, endValue], and closes that match the innermost open frame.
 */
public final class SpeedscopeFormat {
  static final Set<String> UNITS = Set.of("none", "nanoseconds", "microseconds", "milliseconds", "seconds", "bytes");

  private SpeedscopeFormat() {}

  /** One opened-and-closed frame of an evented profile. */
  record Interval(int frame, String name, double open, double close, int depth, List<Interval> children) {}

  /** The problems found; empty when the document conforms. */
  public static List<String> problems(JsonNode doc) {
    List<String> p = new ArrayList<>();
    if (!doc.isObject()) {
      return List.of("document is not an object");
    }
    if (!doc.path("$schema").isString() || !doc.path("$schema").asString().equals(Speedscope.SCHEMA_URL)) {
      p.add("$schema must be " + Speedscope.SCHEMA_URL);
    }
    optional(doc, "name", JsonNode::isString, "string", p);
    optional(doc, "exporter", JsonNode::isString, "string", p);
    optional(doc, "activeProfileIndex", JsonNode::isIntegralNumber, "integer", p);
    JsonNode frames = doc.path("shared").path("frames");
    if (!frames.isArray()) {
      p.add("shared.frames must be an array");
      return p;
    }
    for (int i = 0; i < frames.size(); i++) {
      JsonNode f = frames.get(i);
      if (!f.isObject() || !f.path("name").isString()) {
        p.add("frame " + i + " needs a string name");
      }
      optional(f, "file", JsonNode::isString, "string", p);
      optional(f, "line", JsonNode::isNumber, "number", p);
      optional(f, "col", JsonNode::isNumber, "number", p);
    }
    JsonNode profiles = doc.path("profiles");
    if (!profiles.isArray() || profiles.isEmpty()) {
      p.add("profiles must be a non-empty array");
      return p;
    }
    if (doc.has("activeProfileIndex") && doc.get("activeProfileIndex").asInt() >= profiles.size()) {
      p.add("activeProfileIndex out of range");
    }
    for (JsonNode prof : profiles) {
      if (!prof.path("type").isString() || !Set.of("evented", "sampled").contains(prof.path("type").asString())) {
        p.add("profile type must be evented or sampled");
        continue;
      }
      if (!prof.path("name").isString()) {
        p.add("profile needs a string name");
      }
      if (!UNITS.contains(prof.path("unit").asString(""))) {
        p.add("profile unit must be one of " + UNITS);
      }
      if (!prof.path("startValue").isNumber() || !prof.path("endValue").isNumber()) {
        p.add("profile needs numeric startValue and endValue");
        continue;
      }
      if (prof.path("type").asString().equals("evented")) {
        intervals(prof, frames, p);
      }
    }
    return p;
  }

  /** The open/close pairs of an evented profile as a forest; problems go to {@code p}. */
  static List<Interval> intervals(JsonNode prof, JsonNode frames, List<String> p) {
    double start = prof.get("startValue").asDouble();
    double end = prof.get("endValue").asDouble();
    JsonNode events = prof.path("events");
    List<Interval> roots = new ArrayList<>();
    if (!events.isArray()) {
      p.add("events must be an array");
      return roots;
    }
    record Open(int frame, double at, List<Interval> children) {}
    Deque<Open> stack = new ArrayDeque<>();
    double last = start;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String type = e.path("type").asString("");
      if (!type.equals("O") && !type.equals("C")) {
        p.add("event " + i + ": type must be O or C");
        continue;
      }
      if (!e.path("frame").isIntegralNumber() || e.get("frame").asInt() < 0 || e.get("frame").asInt() >= frames.size()) {
        p.add("event " + i + ": frame must index shared.frames");
        continue;
      }
      if (!e.path("at").isNumber()) {
        p.add("event " + i + ": at must be a number");
        continue;
      }
      double at = e.get("at").asDouble();
      int frame = e.get("frame").asInt();
      if (at < last) {
        p.add("event " + i + ": time goes back (" + at + " < " + last + ")");
      }
      if (at < start || at > end) {
        p.add("event " + i + ": at " + at + " outside [" + start + ", " + end + "]");
      }
      last = at;
      if (type.equals("O")) {
        stack.push(new Open(frame, at, new ArrayList<>()));
      } else {
        Open o = stack.poll();
        if (o == null || o.frame() != frame) {
          p.add("event " + i + ": close of frame " + frame + " does not match the innermost open frame");
          return roots;
        }
        Interval done =
            new Interval(frame, frames.get(frame).path("name").asString(), o.at(), at, stack.size(), List.copyOf(o.children()));
        (stack.isEmpty() ? roots : stack.peek().children()).add(done);
      }
    }
    if (!stack.isEmpty()) {
      p.add(stack.size() + " frame(s) never closed");
    }
    return roots;
  }

  private static void optional(JsonNode n, String field, java.util.function.Predicate<JsonNode> ok, String type, List<String> p) {
    if (n.has(field) && !ok.test(n.get(field))) {
      p.add(field + " must be a " + type);
    }
  }
}
