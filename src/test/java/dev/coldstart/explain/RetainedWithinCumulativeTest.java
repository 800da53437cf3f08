package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.profile.Profile;
import dev.coldstart.profile.Profiler;
import dev.coldstart.profile.Sampler;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retained time (what not loading a module saves) never exceeds cumulative time (what its import
 * costs), also for pydantic 2, whose package {@code __getattr__} loads pydantic.main with {@code
 * importlib.import_module} on first use of {@code pydantic.BaseModel}: that load has no {@code -X
 * importtime} row and the rows of what it imports sit outside pydantic's.
 */
class RetainedWithinCumulativeTest {
  @Test
  void retainedNeverExceedsCumulativeForPydantic() throws Exception {
    Interpreter py = Interpreters.probe(Pythons.python3());
    Process check =
        new ProcessBuilder(py.executable().toString(), "-c", "import pydantic, sys; sys.exit(pydantic.VERSION[0] != '2')")
            .redirectErrorStream(true)
            .start();
    check.getInputStream().readAllBytes();
    assumeTrue(check.waitFor() == 0, "pydantic 2 is not installed for python3");

    Explainer.Result r =
        Explainer.profile(
            new Profiler.Request(
                py, new Target.Code("import pydantic\npydantic.BaseModel"), 3, 0, Duration.ofMinutes(2), false,
                Map.of(), null, List.of()),
            Sampler.Listener.NONE);
    assertThat(r.problem()).isNull();
    Profile p = r.profile();
    // The lazy load itself, as the recording saw it.
    assertThat(r.explanation().lateLoads().get("pydantic")).contains("pydantic.main");
    int checked = 0;
    for (Profile.ModuleStat m : p.modules()) {
      if (m.retainedMs() == null || m.failed() || m.runs() < p.runs()) {
        continue;
      }
      checked++;
      assertThat(m.retainedMs().median()).as(m.name() + " median").isLessThanOrEqualTo(m.cumulativeMs().median());
      assertThat(m.retainedMs().low()).as(m.name() + " low").isLessThanOrEqualTo(m.cumulativeMs().low());
      assertThat(m.retainedMs().high()).as(m.name() + " high").isLessThanOrEqualTo(m.cumulativeMs().high());
    }
    assertThat(checked).isGreaterThan(100);
  }
}
