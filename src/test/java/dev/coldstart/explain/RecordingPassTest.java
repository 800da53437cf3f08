package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coldstart.profile.Inventory;
import dev.coldstart.python.Interpreter;
import dev.coldstart.python.Interpreters;
import dev.coldstart.python.Target;
import dev.coldstart.testing.Pythons;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The profiler's inventory pass: the recording run, then reading and preparing it on the side. */
class RecordingPassTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final Interpreter py = Interpreters.probe(Pythons.python3());

  @Test
  void preparesTheTargetsRecordingAndOnlyThat() {
    Target json = new Target.Code("import json");
    Target bare = new Target.Code("pass");
    Recording.Pass<Explanation.Prepared> pass =
        new Recording.Pass<>(json, r -> Explanation.prepare(r.log(), new StaticImports("import json")));
    Supplier<Inventory> inv = pass.take(py, json, TIMEOUT, Map.of(), null);
    Supplier<Inventory> bareInv = pass.take(py, bare, TIMEOUT, Map.of(), null);

    assertThat(inv.get().available()).isTrue();
    assertThat(inv.get().modules()).containsKeys("json", "json.decoder", "json.scanner");
    assertThat(bareInv.get().modules()).doesNotContainKey("json");
    assertThat(pass.of(json).log().complete()).isTrue();
    Explanation.Prepared prepared = pass.prepared();
    assertThat(prepared).isNotNull();
    // The prepared graph is the one an explanation made from scratch would have.
    RuntimeImportGraph graph = RuntimeImportGraph.from(pass.of(json).log());
    assertThat(prepared.graph().modules()).isEqualTo(graph.modules());
  }

  @Test
  void aFailingPreparationKeepsTheInventoryAndIsRethrownToWhoeverAsks() {
    Target json = new Target.Code("import json");
    Recording.Pass<Object> pass =
        new Recording.Pass<>(json, r -> { throw new IllegalStateException("prepare broke"); });
    Inventory inv = pass.take(py, json, TIMEOUT, Map.of(), null).get();
    assertThat(inv.modules()).containsKey("json");
    assertThatThrownBy(pass::prepared).isInstanceOf(IllegalStateException.class).hasMessage("prepare broke");
  }

  @Test
  void aTargetThatFailsGivesAnInventoryWithItsModulesAndNothingToPrepareWithoutALog() {
    Target broken = new Target.Code("import json\nraise SystemExit(3)");
    Recording.Pass<String> pass = new Recording.Pass<>(broken, r -> "prepared");
    Inventory inv = pass.take(py, broken, TIMEOUT, Map.of(), null).get();
    assertThat(pass.of(broken).failed()).isTrue();
    assertThat(inv.modules()).containsKey("json");
    assertThat(pass.prepared()).isEqualTo("prepared");
    assertThat(pass.of(new Target.Code("pass"))).as("never taken").isNull();
  }
}
