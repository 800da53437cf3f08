package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldstart.SideWork;
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
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The rehearsal of what follows a profile, on a stand-in built from the first runs. */
class RehearsalTest {
  private final Interpreter py = Interpreters.probe(Pythons.python3());

  private Profiler.Request request(int runs) {
    return new Profiler.Request(
        py, new Target.Code("import json"), runs, 1, Duration.ofSeconds(60), true, Map.of(), null, List.of());
  }

  @Test
  void theStandInHasTheRequestedSampleSizesMadeOfTheFirstRunAndIsExplained() {
    assumeTrue(SideWork.spareCpu(), "a rehearsal needs a spare CPU");
    List<Explainer.Result> rehearsed = new CopyOnWriteArrayList<>();
    Explainer.Result real = Explainer.profile(request(12), Sampler.Listener.NONE, 5, rehearsed::add);

    // Started while the runs went on, it may still be finishing.
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (rehearsed.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(rehearsed).hasSize(1);
    Explainer.Result standIn = rehearsed.get(0);
    assertThat(standIn.explanation()).isNotNull();
    Profile p = standIn.profile();
    assertThat(p.runs()).isEqualTo(12);
    assertThat(p.samples().bareImportMs()).hasSize(12);
    Profile.ModuleStat decoder =
        p.modules().stream().filter(m -> m.name().equals("json.decoder")).findFirst().orElseThrow();
    // Every run of the stand-in is the first run: one value, twelve times.
    assertThat(decoder.selfRunsMs()).hasSize(12).doesNotContainNull();
    assertThat(decoder.selfRunsMs().stream().distinct()).hasSize(1);
    assertThat(decoder.file()).endsWith("decoder.py");

    // The real profile is made of its own runs.
    assertThat(real.profile().runs()).isEqualTo(12);
    assertThat(real.explanation()).isNotNull();
    Profile.ModuleStat realDecoder =
        real.profile().modules().stream()
            .filter(m -> m.name().equals("json.decoder"))
            .findFirst()
            .orElseThrow();
    assertThat(realDecoder.selfRunsMs().get(0)).isEqualTo(decoder.selfRunsMs().get(0));
    assertThat(realDecoder.selfRunsMs().stream().filter(Objects::nonNull).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void aRehearsalThatFailsChangesNothing() {
    Explainer.Result real =
        Explainer.profile(
            request(6),
            Sampler.Listener.NONE,
            5,
            r -> {
              throw new IllegalStateException("rehearsal broke");
            });
    assertThat(real.profile().runs()).isEqualTo(6);
    assertThat(real.profile().modules()).extracting(Profile.ModuleStat::name).contains("json.decoder");
    assertThat(real.explanation()).isNotNull();
  }

  @Test
  void tooFewRunsAreNotRehearsed() {
    List<Explainer.Result> rehearsed = new CopyOnWriteArrayList<>();
    Explainer.Result real =
        Explainer.profile(
            request(Profiler.MIN_RUNS_TO_REHEARSE - 1), Sampler.Listener.NONE, 5, rehearsed::add);
    assertThat(real.profile().runs()).isEqualTo(Profiler.MIN_RUNS_TO_REHEARSE - 1);
    assertThat(rehearsed).isEmpty();
  }
}
