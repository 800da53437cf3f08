package dev.coldstart.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhyChainsTest {
  private final RuntimeImportGraph graph =
      new Edges()
          .add("<python>", "__main__")
          .add("__main__", "app", 1)
          .add("app", "models", 3)
          .add("models", "pydantic", 2)
          .add("pydantic", "pydantic_core", 9)
          .add("__main__", "pydantic", 4)
          .add("app", "cli", 5)
          .add("cli", "models", 1)
          .graph();

  @Test
  void chainsComeShortestFirstWithSites() {
    WhyChains.Result why = WhyChains.find(graph, "pydantic_core", 10);
    assertThat(why.truncated()).isFalse();
    assertThat(why.chains())
        .extracting(ImportChain::modules)
        .containsExactly(
            List.of("<python>", "__main__", "pydantic", "pydantic_core"),
            List.of("<python>", "__main__", "app", "models", "pydantic", "pydantic_core"),
            List.of("<python>", "__main__", "app", "cli", "models", "pydantic", "pydantic_core"));
    ImportEdge last = why.chains().get(0).hops().get(2);
    assertThat(last.site().toString()).isEqualTo("pydantic.py:9: import pydantic_core");
  }

  @Test
  void theChainThatActuallyLoadedItIsMarked() {
    List<ImportChain> chains = WhyChains.find(graph, "pydantic_core", 10).chains();
    assertThat(chains).filteredOn(ImportChain::loading).hasSize(1);
    assertThat(chains.get(1).loading()).isTrue(); // app -> models -> pydantic loaded it first
    assertThat(chains.get(0).loading()).isFalse(); // __main__'s import found it loaded
  }

  @Test
  void limitStopsEarlyAndSaysSo() {
    WhyChains.Result why = WhyChains.find(graph, "pydantic_core", 1);
    assertThat(why.chains()).hasSize(1);
    assertThat(why.truncated()).isTrue();
  }

  @Test
  void moduleNotLoadedHasNoChain() {
    assertThat(WhyChains.find(graph, "numpy", 10).chains()).isEmpty();
  }
}
