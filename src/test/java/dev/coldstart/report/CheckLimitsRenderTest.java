package dev.coldstart.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.gate.CheckReport;
import dev.coldstart.gate.CheckResult;
import dev.coldstart.gate.Status;
import dev.coldstart.limits.LimitKill;
import dev.coldstart.limits.LimitSpec;
import dev.coldstart.limits.MeasuredUnder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every format check renders names the limits each timed verdict was measured under (SARIF lists only failed and inconclusive checks). */
class CheckLimitsRenderTest {
  private static final LimitSpec LAMBDA = new LimitSpec(7, 128L << 20, true, false);

  private static CheckReport report() {
    MeasuredUnder under = new MeasuredUnder(LAMBDA, LAMBDA, null);
    MeasuredUnder notApplied = new MeasuredUnder(LAMBDA, new LimitSpec(0, 0, true, false), "no cgroup access");
    return new CheckReport(
        "/proj/pyproject.toml",
        "CPython 3.11.7",
        List.of(
            new CheckResult.TimeBudget("app", 900, 3648.2, 3167.8, 4057.4, 0.95, 15, Status.FAIL, under),
            new CheckResult.TimeBudget("cli", 900, 890, 850, 950, 0.95, 15, Status.INCONCLUSIVE, notApplied),
            new CheckResult.KilledByLimit("hog", "the entry", new LimitKill(128L << 20, 106, "fractions"), under)),
        Map.of("app", 3, "cli", 9, "hog", 14),
        List.of());
  }

  @Test
  void everyFormatNamesTheLimitsOfEachTimedVerdict() {
    CheckReport r = report();
    List<String> rendered = List.of(
        CheckText.render(r), CheckMarkdown.render(r), CheckJson.render(r), JunitXml.check(r),
        Sarif.check(r, Path.of("/proj"), "test"));
    for (String out : rendered) {
      assertThat(out)
          .contains("under cpu=7%, memory=128M, cold-cache: 3648.2 ms above a bare interpreter")
          .contains("cpu=7%, memory=128M asked but NOT applied (--limits best-effort); cold-cache applied")
          .contains("killed by the memory limit (128M) after 106 modules (the last to finish: fractions)");
    }
  }

  @Test
  void jsonKeepsTheLimitsAsAValue() {
    String json = CheckJson.render(report());
    assertThat(json).contains("\"asked\" : {").contains("\"cpuPercent\" : 7.0").contains("\"memoryBytes\" : 134217728")
        .contains("\"notApplied\" : \"no cgroup access\"").contains("\"check\" : \"memory limit\"");
  }
}
