package dev.coldstart.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeLinesTest {
  @Test
  void valuesWithEscapesAndRepeatedNamesSurviveARoundTrip() {
    ProbeLines lines =
        new ProbeLines(
            List.of(
                new ProbeLines.Line("path", ""),
                new ProbeLines.Line("path", "/a b/c=d"),
                new ProbeLines.Line("path", "back\\slash\nnew line\rreturn \\n"),
                new ProbeLines.Line("version", "3.11.7")));
    String text = lines.text();
    assertThat(text).hasLineCount(4);
    ProbeLines back = ProbeLines.parse(text);
    assertThat(back).isEqualTo(lines);
    assertThat(back.all("path")).containsExactly("", "/a b/c=d", "back\\slash\nnew line\rreturn \\n");
    assertThat(back.first("version")).isEqualTo("3.11.7");
    assertThat(back.first("missing")).isNull();
  }

  @Test
  void truncatedOrMalformedTextIsRejected() {
    assertThat(ProbeLines.parse("a=1\nb=2")).isNull();
    assertThat(ProbeLines.parse("a=1\nno equals sign\n")).isNull();
    assertThat(ProbeLines.parse("a=bad escape \\q\n")).isNull();
    assertThat(ProbeLines.parse("a=ends in backslash\\\n")).isNull();
    assertThat(ProbeLines.parse("")).isEqualTo(new ProbeLines(List.of()));
  }

  @Test
  void theAnswerStartsAtItsMarkSoEarlierOutputIsSkipped() {
    ProbeLines a = Interpreters.answerIn("banner=from a .pth file\nprobe=coldstart 1\nversion=3.11.7\nend=2\n");
    assertThat(a.lines().get(0)).isEqualTo(new ProbeLines.Line("probe", "coldstart 1"));
    assertThat(a.first("version")).isEqualTo("3.11.7");
    assertThat(a.first("banner")).isNull();
    assertThat(Interpreters.answerIn("hello\n")).isNull();
  }
}
