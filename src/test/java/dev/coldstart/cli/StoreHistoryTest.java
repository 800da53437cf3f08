package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's history from the results store (serve's /api/history), as history reads it. */
class StoreHistoryTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path tmp;

  @Test
  void aStoreThatDoesNotExistIsNotCreatedAndSaysWhereItWouldBe() {
    StoreHistory h = new StoreHistory(null, tmp);
    JsonNode doc = JSON.readTree(h.history("import json"));
    assertThat(doc.path("schema").asString()).isEqualTo("coldstart.history/1");
    assertThat(doc.path("series").isEmpty()).isTrue();
    assertThat(h.describe()).contains("no results store yet at").contains(".coldstart");
    assertThat(tmp.resolve(".coldstart")).doesNotExist();
  }

  @Test
  void recordedResultsOfAnEntryComeBackAsItsHistory() throws Exception {
    Path store = tmp.resolve("results.db");
    for (int i = 0; i < 2; i++) {
      CliRun r =
          CliRun.of("profile", "json", "--runs", "3", "--warmup", "0", "--no-bare", "--record", "--store", store.toString(),
              "--python", Pythons.python3().toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
    StoreHistory h = new StoreHistory(store.toString(), tmp);
    assertThat(h.describe()).isEqualTo("results store " + store);
    JsonNode doc = JSON.readTree(h.history("import json"));
    assertThat(doc.path("series").size()).isEqualTo(1);
    JsonNode series = doc.path("series").get(0);
    assertThat(series.path("entry").asString()).isEqualTo("import json");
    assertThat(series.path("points").size()).isEqualTo(2);
    assertThat(series.path("points").get(0).path("median").asDouble()).isPositive();
    assertThat(JSON.readTree(h.history("import email")).path("series").isEmpty()).isTrue();
    assertThat(Files.exists(store)).isTrue();
  }
}
