package dev.coldstart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coldstart.testing.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history --format html}: the recorded series as the history page of the HTML report. */
class HistoryHtmlTest {
  @TempDir Path tmp;

  @Test
  void historyWritesTheChartPageOfItsSeries() throws Exception {
    Path store = tmp.resolve("results.db");
    for (int i = 0; i < 2; i++) {
      CliRun r =
          CliRun.of("profile", "json", "--runs", "3", "--warmup", "0", "--no-bare", "--record", "--store", store.toString(),
              "--python", Pythons.python3().toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
    Path html = tmp.resolve("history.html");
    CliRun h = CliRun.of("history", "import json", "--store", store.toString(), "--format", "html", "-o", html.toString());
    assertThat(h.exit()).as(h.err()).isZero();
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>coldstart history: import json</title>")
        .contains("\"entry\":\"import json\"").contains("ColdstartChart").doesNotContain("src=\"http").doesNotContain("href=\"http");
  }
}
