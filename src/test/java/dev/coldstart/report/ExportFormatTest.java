package dev.coldstart.report;

import static dev.coldstart.report.Profiles.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** speedscope and Chrome trace exports, checked against their formats and against the tree. */
class ExportFormatTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** a(1, 10) { b(2, 5) { c(3, 3) }, d(4, 4) }, then e(0.5, 0.5): self and cumulative ms. */
  private static final Profile SMALL =
      Profiles.of(
          "import a",
          List.of(
              node("a", 1, 10, node("b", 2, 5, node("c", 3, 3)), node("d", 4, 4)),
              node("e", 0.5, 0.5)));

  @Test
  void speedscopeOfASmallTreeHasExactlyTheExpectedEvents() {
    JsonNode doc = JSON.readTree(Speedscope.render(SMALL));
    assertThat(SpeedscopeFormat.problems(doc)).isEmpty();
    List<String> frames = new ArrayList<>();
    doc.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asString()));
    assertThat(frames).containsExactly("a", "b", "c", "d", "e");
    assertThat(doc.get("shared").get("frames").get(0).get("file").asString()).isEqualTo("/srv/app/a.py");
    JsonNode prof = doc.get("profiles").get(0);
    assertThat(prof.get("unit").asString()).isEqualTo("microseconds");
    assertThat(prof.get("endValue").asLong()).isEqualTo(10_500);
    List<String> events = new ArrayList<>();
    prof.get("events").forEach(e -> events.add(e.get("type").asString() + frames.get(e.get("frame").asInt()) + "@" + e.get("at").asLong()));
    assertThat(events)
        .containsExactly(
            "Oa@0", "Ob@0", "Oc@0", "Cc@3000", "Cb@5000", "Od@5000", "Cd@9000", "Ca@10000", "Oe@10000", "Ce@10500");
  }

  @Test
  void traceOfASmallTreeHasExactlyTheExpectedSlices() {
    JsonNode doc = JSON.readTree(ChromeTrace.render(SMALL));
    assertThat(TraceEventFormat.problems(doc)).isEmpty();
    List<String> slices = new ArrayList<>();
    for (JsonNode e : doc.get("traceEvents")) {
      if (e.get("ph").asString().equals("X")) {
        slices.add(e.get("name").asString() + "@" + e.get("ts").asLong() + "+" + e.get("dur").asLong() + " self " + e.get("args").get("self_us").asLong());
      }
    }
    assertThat(slices)
        .containsExactly(
            "a@0+10000 self 1000", "b@0+5000 self 2000", "c@0+3000 self 3000", "d@5000+4000 self 4000", "e@10000+500 self 500");
    JsonNode a = doc.get("traceEvents").get(2);
    assertThat(a.get("args").get("file").asString()).isEqualTo("/srv/app/a.py");
    assertThat(a.get("args").get("cumulative_ms").asString()).isEqualTo("10.00 [9.00, 12.00]");
    assertThat(doc.get("traceEvents").get(0).get("args").get("name").asString()).isEqualTo("coldstart: import a");
  }

  @Test
  void mediansThatDoNotAddUpStillNest() {
    // The parent's median cumulative (5) is below its children's (3 + 4): it is stretched to 7.
    Profile p = Profiles.of("x", List.of(node("p", 1, 5, node("c1", 3, 3), node("c2", 4, 4))));
    JsonNode trace = JSON.readTree(ChromeTrace.render(p));
    assertThat(TraceEventFormat.problems(trace)).isEmpty();
    assertThat(trace.get("traceEvents").get(2).get("dur").asLong()).isEqualTo(7000);
    assertThat(trace.get("traceEvents").get(2).get("args").get("self_us").asLong()).isZero();
    assertThat(SpeedscopeFormat.problems(JSON.readTree(Speedscope.render(p)))).isEmpty();
  }

  @Test
  void cachedRowsAreLeftOut() {
    Profile p =
        Profiles.of(
            "x",
            List.of(node("a", 1, 2, new Profile.TreeNode("json", 0, 0, true, List.of()), node("b", 1, 1))));
    assertThat(Speedscope.render(p)).doesNotContain("\"json\"");
    assertThat(ChromeTrace.render(p)).doesNotContain("\"json\"");
    assertThat(CollapsedStacks.render(p)).isEqualTo("a 1000\na;b 1000\n");
  }

  @Test
  void speedscopeOfTwoThousandModulesFollowsTheTree() {
    Profile p = Profiles.synthetic(2000, 7);
    JsonNode doc = JSON.readTree(Speedscope.render(p));
    assertThat(SpeedscopeFormat.problems(doc)).isEmpty();
    JsonNode prof = doc.get("profiles").get(0);
    List<SpeedscopeFormat.Interval> roots = SpeedscopeFormat.intervals(prof, doc.get("shared").get("frames"), new ArrayList<>());
    List<ImportTimeline.Span> spans = ImportTimeline.of(p);
    assertThat(roots).hasSameSizeAs(p.tree());
    for (int i = 0; i < roots.size(); i++) {
      sameShape(roots.get(i), p.tree().get(i), spans.get(i));
    }
    assertThat(prof.get("endValue").asLong()).isEqualTo(ImportTimeline.totalUs(spans));
    assertThat(doc.get("shared").get("frames").size()).isEqualTo(2000);
  }

  /** Same names in the same order, each interval inside its parent, children within its length. */
  private static void sameShape(SpeedscopeFormat.Interval got, Profile.TreeNode want, ImportTimeline.Span span) {
    assertThat(got.name()).isEqualTo(want.name());
    assertThat(got.close() - got.open()).isEqualTo((double) span.durationUs());
    // A span is never shorter than the median it stands for (to the microsecond).
    assertThat(got.close() - got.open()).isGreaterThanOrEqualTo(Math.round(want.cumulativeMs() * 1000) - 0.0);
    assertThat(got.children()).hasSameSizeAs(want.children());
    double sum = 0;
    for (int i = 0; i < got.children().size(); i++) {
      SpeedscopeFormat.Interval c = got.children().get(i);
      assertThat(c.open()).isGreaterThanOrEqualTo(got.open());
      assertThat(c.close()).isLessThanOrEqualTo(got.close());
      sum += c.close() - c.open();
      sameShape(c, want.children().get(i), span.children().get(i));
    }
    assertThat(sum).isLessThanOrEqualTo(got.close() - got.open());
  }

  @Test
  void traceOfTwoThousandModulesNestsAndAddsUp() {
    Profile p = Profiles.synthetic(2000, 11);
    JsonNode doc = JSON.readTree(ChromeTrace.render(p));
    assertThat(TraceEventFormat.problems(doc)).isEmpty();
    List<JsonNode> slices = new ArrayList<>();
    doc.get("traceEvents").forEach(e -> {
      if (e.get("ph").asString().equals("X")) {
        slices.add(e);
      }
    });
    assertThat(slices).hasSize(2000);
    // Events are in pre-order: walk them with the tree to know each one's parent.
    int[] at = {0};
    Map<String, Profile.ModuleStat> stats = new HashMap<>();
    p.modules().forEach(m -> stats.put(m.name(), m));
    for (Profile.TreeNode root : p.tree()) {
      checkSlice(root, null, slices, at, stats);
    }
    assertThat(at[0]).isEqualTo(2000);
  }

  private static long checkSlice(
      Profile.TreeNode want, JsonNode parent, List<JsonNode> slices, int[] at, Map<String, Profile.ModuleStat> stats) {
    JsonNode e = slices.get(at[0]++);
    assertThat(e.get("name").asString()).isEqualTo(want.name());
    long ts = e.get("ts").asLong();
    long dur = e.get("dur").asLong();
    if (parent != null) {
      assertThat(ts).isGreaterThanOrEqualTo(parent.get("ts").asLong());
      assertThat(ts + dur).isLessThanOrEqualTo(parent.get("ts").asLong() + parent.get("dur").asLong());
    }
    long children = 0;
    long next = ts;
    for (Profile.TreeNode c : want.children()) {
      JsonNode ce = slices.get(at[0]);
      assertThat(ce.get("ts").asLong()).as("children follow one another").isEqualTo(next);
      long d = checkSlice(c, e, slices, at, stats);
      children += d;
      next += d;
    }
    assertThat(e.get("args").get("self_us").asLong()).as("self = duration - children").isEqualTo(dur - children);
    assertThat(e.get("args").get("file").asString()).isEqualTo(stats.get(want.name()).file());
    return dur;
  }

  @Test
  void theCheckersRejectBrokenDocuments() {
    ObjectNode s = (ObjectNode) JSON.readTree(Speedscope.render(SMALL));
    ArrayNode events = (ArrayNode) s.get("profiles").get(0).get("events");
    JsonNode third = events.get(3);
    events.set(3, events.get(4));
    events.set(4, third); // close b before c
    assertThat(SpeedscopeFormat.problems(s)).anyMatch(m -> m.contains("does not match"));
    ObjectNode s2 = (ObjectNode) JSON.readTree(Speedscope.render(SMALL));
    ((ObjectNode) s2.get("profiles").get(0)).put("unit", "furlongs");
    ((ObjectNode) s2.get("profiles").get(0).get("events").get(1)).put("at", 99_999);
    assertThat(SpeedscopeFormat.problems(s2)).anyMatch(m -> m.contains("unit")).anyMatch(m -> m.contains("outside"));

    ObjectNode t = (ObjectNode) JSON.readTree(ChromeTrace.render(SMALL));
    ((ObjectNode) t.get("traceEvents").get(4)).put("ts", 4000).put("dur", 3000); // c now crosses b's end
    assertThat(TraceEventFormat.problems(t)).anyMatch(m -> m.contains("without nesting"));
    ObjectNode t2 = (ObjectNode) JSON.readTree(ChromeTrace.render(SMALL));
    ((ObjectNode) t2.get("traceEvents").get(2)).remove("dur");
    ((ObjectNode) t2.get("traceEvents").get(3)).put("pid", "one");
    assertThat(TraceEventFormat.problems(t2)).hasSize(2);
  }

  @Test
  void untrustedNamesStayValidJson() {
    String name = "\"quoted\"\n</script>\u2028 ünïcode";
    Profile p = Profiles.of("-c '\"'", List.of(node(name, 1, 1)));
    JsonNode s = JSON.readTree(Speedscope.render(p));
    assertThat(s.get("shared").get("frames").get(0).get("name").asString()).isEqualTo(name);
    JsonNode t = JSON.readTree(ChromeTrace.render(p));
    assertThat(t.get("traceEvents").get(2).get("name").asString()).isEqualTo(name);
  }
}
