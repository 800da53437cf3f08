package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetainedTimeTest {
  // The acceptance case: a and then b both import heavy.
  private final Edges edges =
      new Edges()
          .add("<python>", "__main__")
          .add("__main__", "a", 1)
          .add("a", "heavy", 1)
          .add("__main__", "b", 2)
          .add("b", "heavy", 1);
  private final SelfTimes times =
      SelfTimes.of(
          Map.of(
              "__main__", ModuleCost.exactly(5),
              "a", new ModuleCost(10, 8, 12),
              "b", new ModuleCost(20, 15, 30),
              "heavy", new ModuleCost(1000, 900, 1200)));
  private final RetainedTime retained = RetainedTime.of(edges.graph(), times);

  @Test
  void moduleImportedFirstByAIsNotRetainedByA() {
    assertThat(retained.retained("a")).isEqualTo(new ModuleCost(10, 8, 12));
    assertThat(retained.retained("b")).isEqualTo(new ModuleCost(20, 15, 30));
    assertThat(retained.retained("heavy")).isEqualTo(new ModuleCost(1000, 900, 1200));
    assertThat(retained.gatekeeper("heavy")).isEqualTo("__main__");
  }

  @Test
  void entryRetainsEverythingWithIntervalSums() {
    ModuleCost all = retained.retained("__main__");
    assertThat(all.median()).isCloseTo(1035, within(1e-9));
    assertThat(all.low()).isCloseTo(928, within(1e-9));
    assertThat(all.high()).isCloseTo(1247, within(1e-9));
    assertThat(retained.retained("<python>")).isEqualTo(all);
  }

  @Test
  void deferringOnlyAsImportOfHeavySavesNothing() {
    Opportunity o = Opportunities.whatIf(retained, List.of(edges.edge("a", "heavy")));
    assertThat(o.freed()).isEmpty();
    assertThat(o.saving()).isEqualTo(ModuleCost.ZERO);
  }

  @Test
  void deferringBothImportsOfHeavySavesHeavysTime() {
    Opportunity o =
        Opportunities.whatIf(retained, List.of(edges.edge("a", "heavy"), edges.edge("b", "heavy")));
    assertThat(o.freed()).containsExactly("heavy");
    assertThat(o.saving()).isEqualTo(new ModuleCost(1000, 900, 1200));
  }

  @Test
  void rankingOffersEveryImportOfHeavyFirstAndNoSingleStatement() {
    List<Opportunity> ranked = Opportunities.rank(retained);
    assertThat(ranked.get(0).scope()).isEqualTo(Opportunity.Scope.EVERY_IMPORT);
    assertThat(ranked.get(0).module()).isEqualTo("heavy");
    assertThat(ranked.get(0).saving().median()).isEqualTo(1000);
    assertThat(ranked)
        .noneMatch(o -> o.scope() == Opportunity.Scope.STATEMENT && o.module().equals("heavy"));
    // Deferring b itself frees only b (heavy stays, a imports it): 20.
    assertThat(ranked)
        .anySatisfy(
            o -> {
              assertThat(o.importer()).isEqualTo("__main__");
              assertThat(o.module()).isEqualTo("b");
              assertThat(o.saving().median()).isEqualTo(20);
            });
  }

  @Test
  void moduleImportedOnlyByAIsRetainedByA() {
    RetainedTime alone =
        RetainedTime.of(
            new Edges()
                .add("<python>", "__main__")
                .add("__main__", "a")
                .add("a", "heavy")
                .add("__main__", "b")
                .graph(),
            times);
    assertThat(alone.retained("a").median()).isEqualTo(1010);
    Opportunity top = Opportunities.rank(alone).get(0);
    assertThat(top.module()).isEqualTo("a");
    assertThat(top.freed()).containsExactly("heavy", "a");
  }
}
