package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.profile.Profile;
import dev.coldstart.report.ProfileJson;
import dev.coldstart.report.Histories;
import dev.coldstart.report.Profiles;
import dev.coldstart.report.SpeedscopeFormat;
import dev.coldstart.report.TraceEventFormat;
import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReportCommandTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path tmp;

  private Path saved(Profile p) throws Exception {
    Path f = tmp.resolve("p.json");
    Files.writeString(f, ProfileJson.write(p));
    return f;
  }

  @Test
  void everyFormatRendersASavedProfile() throws Exception {
    Path f = saved(Profiles.synthetic(200, 3));
    assertThat(CliRun.of("report", f.toString()).out()).startsWith("coldstart profile: import synthetic");
    CliRun json = CliRun.of("report", f.toString(), "--format", "json");
    assertThat(json.out()).isEqualTo(Files.readString(f));
    assertThat(CliRun.of("report", f.toString(), "--format", "html").out()).startsWith("<!DOCTYPE html>").contains("coldstart-data");
    assertThat(SpeedscopeFormat.problems(JSON.readTree(CliRun.of("report", f.toString(), "--format", "speedscope").out()))).isEmpty();
    assertThat(TraceEventFormat.problems(JSON.readTree(CliRun.of("report", f.toString(), "--format", "trace").out()))).isEmpty();
    assertThat(CliRun.of("report", f.toString(), "--format", "collapsed").out().lines()).allMatch(l -> l.matches("\\S+ \\d+"));
  }

  @Test
  void aHistoryRendersAsTextJsonOrHtmlAndNothingElse() throws Exception {
    Path f = tmp.resolve("history.json");
    Files.writeString(f, Histories.of("import fleet", Histories.medians(30, 40, 20, 0.2, 4)).toPrettyString());
    CliRun text = CliRun.of("report", f.toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("import fleet (").contains("30 commits, 1 change point")
        .contains(Histories.sha(20).substring(0, 12) + " commit 20: ");
    CliRun json = CliRun.of("report", f.toString(), "--format", "json");
    assertThat(JSON.readTree(json.out()).path("series").get(0).path("changePoints").get(0).path("index").asInt()).isEqualTo(20);
    Path html = tmp.resolve("history.html");
    CliRun h = CliRun.withStdin(Files.readString(f), "report", "-", "--format", "html", "-o", html.toString());
    assertThat(h.exit()).as(h.err()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("coldstart-history").doesNotContain("<img src=x");
    CliRun speedscope = CliRun.of("report", f.toString(), "--format", "speedscope");
    assertThat(speedscope.exit()).isEqualTo(2);
    assertThat(speedscope.err()).contains("a history renders as text, json or html, not speedscope").doesNotContain("Exception");
    // Another schema is not a history: it is read (and refused) as a profile.
    Files.writeString(f, "{\"schema\":\"coldstart.history/9\",\"series\":[]}");
    CliRun other = CliRun.of("report", f.toString());
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("not a coldstart profile");
  }

  @Test
  void writesToAFileAndReadsStdin() throws Exception {
    Path f = saved(Profiles.synthetic(30, 1));
    Path out = tmp.resolve("out/report.html");
    CliRun r = CliRun.of("report", f.toString(), "--format", "html", "-o", out.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("wrote " + out);
    assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>");
    CliRun stdin = CliRun.withStdin(Files.readString(f), "report", "-", "--format", "collapsed");
    assertThat(stdin.exit()).as(stdin.err()).isZero();
    assertThat(stdin.out()).isNotEmpty();
  }

  @Test
  void aProfileSavedBeforeSamplesExistedStillReads() throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(ProfileJson.write(Profiles.synthetic(30, 1)));
    doc.remove("samples");
    Path f = tmp.resolve("old.json");
    Files.writeString(f, JSON.writeValueAsString(doc));
    CliRun r = CliRun.of("report", f.toString(), "--format", "trace");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void badInputIsAUsageError() throws Exception {
    CliRun missing = CliRun.of("report", tmp.resolve("nope.json").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such profile").doesNotContain("Exception");
    Path notJson = tmp.resolve("x.json");
    Files.writeString(notJson, "{\"hello\": 1}");
    CliRun wrong = CliRun.of("report", notJson.toString());
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("not a coldstart profile");
    assertThat(CliRun.of("report", saved(Profiles.synthetic(5, 1)).toString(), "--format", "pdf").exit()).isEqualTo(2);
  }

  @Test
  void profileWritesTheExportsDirectly() throws Exception {
    String py = Pythons.python3().toString();
    CliRun s = CliRun.of("profile", "json", "--runs", "2", "--warmup", "0", "--format", "speedscope", "--python", py);
    assertThat(s.exit()).as(s.err()).isZero();
    assertThat(SpeedscopeFormat.problems(JSON.readTree(s.out()))).isEmpty();
    assertThat(s.out()).contains("\"name\":\"json.decoder\"");
    CliRun t = CliRun.of("profile", "json", "--runs", "2", "--warmup", "0", "--format", "trace", "--python", py);
    assertThat(TraceEventFormat.problems(JSON.readTree(t.out()))).isEmpty();
    CliRun c = CliRun.of("profile", "json", "--runs", "2", "--warmup", "0", "--format", "collapsed", "--python", py);
    assertThat(c.out()).containsPattern("(?m)^json;json\\.decoder(;\\S+)* \\d+$");
    CliRun h = CliRun.of("profile", "json", "--runs", "2", "--warmup", "0", "--format", "html", "--python", py);
    assertThat(h.out()).startsWith("<!DOCTYPE html>").contains("json.decoder");
  }
}
